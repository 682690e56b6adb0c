CREATE TABLE "self_inspection_replies" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "self_inspection_replies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"push_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"items" jsonb NOT NULL,
	"reason" text,
	"saved_by" integer NOT NULL,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by" integer,
	"submitted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "warning_push_enterprises" (
	"push_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"region_path" text NOT NULL,
	"industry" text NOT NULL,
	"assignment_id" integer,
	CONSTRAINT "warning_push_enterprises_push_id_enterprise_id_pk" PRIMARY KEY("push_id","enterprise_id")
);
--> statement-breakpoint
CREATE TABLE "warning_pushes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "warning_pushes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_path" text NOT NULL,
	"case_id" integer NOT NULL,
	"lesson_id" integer NOT NULL,
	"title" text NOT NULL,
	"note" text NOT NULL,
	"industries" text[] DEFAULT '{}'::text[] NOT NULL,
	"sizes" text[] DEFAULT '{}'::text[] NOT NULL,
	"high_risk_only" boolean DEFAULT false NOT NULL,
	"due_on" date NOT NULL,
	"checklist" jsonb NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assignments" DROP CONSTRAINT "assignments_one_target";--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "lesson_id" integer;--> statement-breakpoint
ALTER TABLE "self_inspection_replies" ADD CONSTRAINT "self_inspection_replies_push_id_warning_pushes_id_fk" FOREIGN KEY ("push_id") REFERENCES "public"."warning_pushes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_inspection_replies" ADD CONSTRAINT "self_inspection_replies_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_inspection_replies" ADD CONSTRAINT "self_inspection_replies_saved_by_users_id_fk" FOREIGN KEY ("saved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_inspection_replies" ADD CONSTRAINT "self_inspection_replies_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_push_enterprises" ADD CONSTRAINT "warning_push_enterprises_push_id_warning_pushes_id_fk" FOREIGN KEY ("push_id") REFERENCES "public"."warning_pushes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_push_enterprises" ADD CONSTRAINT "warning_push_enterprises_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_push_enterprises" ADD CONSTRAINT "warning_push_enterprises_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_pushes" ADD CONSTRAINT "warning_pushes_case_id_accident_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."accident_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_pushes" ADD CONSTRAINT "warning_pushes_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_pushes" ADD CONSTRAINT "warning_pushes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "self_inspection_replies_version_key" ON "self_inspection_replies" USING btree ("push_id","enterprise_id","version");--> statement-breakpoint
CREATE INDEX "self_inspection_replies_enterprise_idx" ON "self_inspection_replies" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "warning_push_enterprises_enterprise_idx" ON "warning_push_enterprises" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "warning_pushes_region_idx" ON "warning_pushes" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_one_target" CHECK (num_nonnulls("assignments"."course_id", "assignments"."exam_id", "assignments"."lesson_id") = 1);