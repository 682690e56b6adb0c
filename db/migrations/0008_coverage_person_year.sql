CREATE TABLE "coverage_person_year" (
	"person_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"year" integer NOT NULL,
	"region_path" text NOT NULL,
	"industry" text NOT NULL,
	"size" text NOT NULL,
	"high_risk" boolean NOT NULL,
	"job_category" text NOT NULL,
	"department" text,
	"owed_minutes" integer NOT NULL,
	"obligations" integer NOT NULL,
	"due_by" date,
	"credited_seconds" integer DEFAULT 0 NOT NULL,
	"exam_passed" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coverage_person_year_person_id_enterprise_id_year_pk" PRIMARY KEY("person_id","enterprise_id","year")
);
--> statement-breakpoint
CREATE INDEX "coverage_region_year_idx" ON "coverage_person_year" USING btree ("year","region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "coverage_enterprise_year_idx" ON "coverage_person_year" USING btree ("enterprise_id","year");