CREATE TABLE "coverage_rebuilds" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "coverage_rebuilds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"year" integer NOT NULL,
	"reason" text NOT NULL,
	"requested_by" integer,
	"status" text NOT NULL,
	"people_done" integer DEFAULT 0 NOT NULL,
	"people_total" integer DEFAULT 0 NOT NULL,
	"rows" integer,
	"difference_count" integer,
	"error" text,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "coverage_rebuilds_status_check" CHECK ("coverage_rebuilds"."status" in ('queued', 'running', 'done', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "coverage_rebuilds" ADD CONSTRAINT "coverage_rebuilds_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coverage_rebuilds_status_idx" ON "coverage_rebuilds" USING btree ("status","created_at");