CREATE TABLE "coverage_region_month_rollup" (
	"region_id" integer NOT NULL,
	"year" integer NOT NULL,
	"month" integer NOT NULL,
	"seconds" bigint NOT NULL,
	"passed" integer NOT NULL,
	CONSTRAINT "coverage_region_month_rollup_year_region_id_month_pk" PRIMARY KEY("year","region_id","month")
);
--> statement-breakpoint
CREATE TABLE "coverage_region_rollup" (
	"region_id" integer NOT NULL,
	"year" integer NOT NULL,
	"industry" text NOT NULL,
	"size" text NOT NULL,
	"high_risk" boolean NOT NULL,
	"park_id" integer,
	"people" integer NOT NULL,
	"done" integer NOT NULL,
	"in_progress" integer NOT NULL,
	"not_started" integer NOT NULL,
	"overdue" integer NOT NULL,
	"exam_passed" integer NOT NULL,
	"owed_minutes" bigint NOT NULL,
	"credited_seconds" bigint NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "coverage_region_rollup_idx" ON "coverage_region_rollup" USING btree ("year","region_id");