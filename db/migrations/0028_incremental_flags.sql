CREATE TABLE "integrity_scans" (
	"year" integer PRIMARY KEY NOT NULL,
	"scanned_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "learning_credits_credited_at_brin" ON "learning_credits" USING brin ("credited_at");--> statement-breakpoint
CREATE INDEX "learning_sessions_first_at_brin" ON "learning_sessions" USING brin ("first_at");--> statement-breakpoint
CREATE INDEX "lesson_progress_completed_at_idx" ON "lesson_progress" USING btree ("completed_at") WHERE completed_at is not null;--> statement-breakpoint
CREATE INDEX "attempts_started_at_brin" ON "attempts" USING brin ("started_at");--> statement-breakpoint
CREATE INDEX "attempts_finished_at_idx" ON "attempts" USING btree ("finished_at") WHERE finished_at is not null;