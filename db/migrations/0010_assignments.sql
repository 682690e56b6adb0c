CREATE TABLE "assignments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "assignments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"year" integer NOT NULL,
	"issuer" text NOT NULL,
	"enterprise_id" integer,
	"region_path" text NOT NULL,
	"title" text NOT NULL,
	"reason" text NOT NULL,
	"course_id" integer,
	"exam_id" integer,
	"industries" text[] DEFAULT '{}'::text[] NOT NULL,
	"high_risk_only" boolean DEFAULT false NOT NULL,
	"departments" text[] DEFAULT '{}'::text[] NOT NULL,
	"job_categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"due_on" date NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_by" integer,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "assignments_one_target" CHECK (("assignments"."course_id" is null) <> ("assignments"."exam_id" is null))
);
--> statement-breakpoint
ALTER TABLE "coverage_person_year" ADD COLUMN "required_items" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "coverage_person_year" ADD COLUMN "required_done" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_exam_id_exams_id_fk" FOREIGN KEY ("exam_id") REFERENCES "public"."exams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assignments_year_region_idx" ON "assignments" USING btree ("year","region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "assignments_enterprise_idx" ON "assignments" USING btree ("enterprise_id","year");