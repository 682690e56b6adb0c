CREATE TABLE "practice_progress" (
	"person_id" integer NOT NULL,
	"bank_id" integer NOT NULL,
	"next_position" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "practice_progress_person_id_bank_id_pk" PRIMARY KEY("person_id","bank_id")
);
--> statement-breakpoint
CREATE TABLE "question_imports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "question_imports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"bank_slug" text NOT NULL,
	"bank_title" text NOT NULL,
	"filename" text NOT NULL,
	"file" "bytea",
	"status" text NOT NULL,
	"report" jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wrong_answers" (
	"person_id" integer NOT NULL,
	"question_id" integer NOT NULL,
	"wrong_count" integer DEFAULT 0 NOT NULL,
	"streak" integer DEFAULT 0 NOT NULL,
	"in_book" boolean DEFAULT true NOT NULL,
	"last_wrong_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "wrong_answers_person_id_question_id_pk" PRIMARY KEY("person_id","question_id")
);
--> statement-breakpoint
ALTER TABLE "attempts" ADD COLUMN "seconds_taken" integer;--> statement-breakpoint
ALTER TABLE "attempts" ADD COLUMN "reading_seconds" integer;--> statement-breakpoint
ALTER TABLE "attempts" ADD COLUMN "too_fast" boolean;--> statement-breakpoint
ALTER TABLE "practice_progress" ADD CONSTRAINT "practice_progress_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_progress" ADD CONSTRAINT "practice_progress_bank_id_question_banks_id_fk" FOREIGN KEY ("bank_id") REFERENCES "public"."question_banks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_imports" ADD CONSTRAINT "question_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wrong_answers" ADD CONSTRAINT "wrong_answers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wrong_answers" ADD CONSTRAINT "wrong_answers_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "wrong_answers_book_idx" ON "wrong_answers" USING btree ("person_id","in_book");