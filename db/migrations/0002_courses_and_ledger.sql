CREATE TABLE "accident_cases" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "accident_cases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"short_name" text NOT NULL,
	"industry" text NOT NULL,
	"level" text NOT NULL,
	"occurred_on" date NOT NULL,
	"deaths" integer NOT NULL,
	"hash" text NOT NULL,
	"version_id" integer,
	"frontmatter" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_versions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"case_id" integer NOT NULL,
	"hash" text NOT NULL,
	"frontmatter" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "courses" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "courses_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"audience" text[] NOT NULL,
	"kind" text NOT NULL,
	"position" integer NOT NULL,
	"hash" text NOT NULL,
	"minutes" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_credits" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "learning_credits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"person_id" integer NOT NULL,
	"enterprise_id" integer,
	"lesson_id" integer NOT NULL,
	"lesson_version_id" integer NOT NULL,
	"day" date NOT NULL,
	"seconds" integer NOT NULL,
	"credited_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_presence" (
	"person_id" integer PRIMARY KEY NOT NULL,
	"lesson_id" integer NOT NULL,
	"tab_id" text NOT NULL,
	"session_id" text NOT NULL,
	"last_beat_at" timestamp with time zone NOT NULL,
	"last_input_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lesson_progress" (
	"person_id" integer NOT NULL,
	"lesson_id" integer NOT NULL,
	"enterprise_id" integer,
	"position" integer DEFAULT 0 NOT NULL,
	"video_furthest" integer DEFAULT 0 NOT NULL,
	"video_ended" boolean DEFAULT false NOT NULL,
	"checks" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"self_checks" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"completed_at" timestamp with time zone,
	"completed_version_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lesson_progress_person_id_lesson_id_pk" PRIMARY KEY("person_id","lesson_id")
);
--> statement-breakpoint
CREATE TABLE "lesson_versions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "lesson_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"lesson_id" integer NOT NULL,
	"hash" text NOT NULL,
	"title" text NOT NULL,
	"minutes" integer NOT NULL,
	"frontmatter" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lessons" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "lessons_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"course_id" integer NOT NULL,
	"slug" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"minutes" integer NOT NULL,
	"case_slug" text,
	"video" text,
	"video_seconds" integer,
	"articles" text[] DEFAULT '{}'::text[] NOT NULL,
	"check_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"hash" text NOT NULL,
	"version_id" integer,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_versions" ADD CONSTRAINT "case_versions_case_id_accident_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."accident_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_credits" ADD CONSTRAINT "learning_credits_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_presence" ADD CONSTRAINT "learning_presence_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_progress" ADD CONSTRAINT "lesson_progress_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lesson_versions" ADD CONSTRAINT "lesson_versions_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accident_cases_slug_key" ON "accident_cases" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "case_versions_case_hash_key" ON "case_versions" USING btree ("case_id","hash");--> statement-breakpoint
CREATE UNIQUE INDEX "courses_slug_key" ON "courses" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "learning_credits_person_lesson_idx" ON "learning_credits" USING btree ("person_id","lesson_id");--> statement-breakpoint
CREATE INDEX "learning_credits_person_day_idx" ON "learning_credits" USING btree ("person_id","day");--> statement-breakpoint
CREATE INDEX "learning_credits_enterprise_day_idx" ON "learning_credits" USING btree ("enterprise_id","day");--> statement-breakpoint
CREATE INDEX "lesson_progress_enterprise_idx" ON "lesson_progress" USING btree ("enterprise_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lesson_versions_lesson_hash_key" ON "lesson_versions" USING btree ("lesson_id","hash");--> statement-breakpoint
CREATE UNIQUE INDEX "lessons_course_slug_key" ON "lessons" USING btree ("course_id","slug");