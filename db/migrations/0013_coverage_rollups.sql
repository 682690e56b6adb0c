CREATE TABLE "coverage_enterprise_rollup" (
	"enterprise_id" integer NOT NULL,
	"year" integer NOT NULL,
	"region_path" text NOT NULL,
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
	"as_of" date NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coverage_enterprise_rollup_enterprise_id_year_pk" PRIMARY KEY("enterprise_id","year")
);
--> statement-breakpoint
CREATE TABLE "coverage_month_rollup" (
	"enterprise_id" integer NOT NULL,
	"year" integer NOT NULL,
	"month" integer NOT NULL,
	"region_path" text NOT NULL,
	"seconds" bigint NOT NULL,
	"passed" integer NOT NULL,
	CONSTRAINT "coverage_month_rollup_enterprise_id_year_month_pk" PRIMARY KEY("enterprise_id","year","month")
);
--> statement-breakpoint
CREATE INDEX "coverage_rollup_region_idx" ON "coverage_enterprise_rollup" USING btree ("year","region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "coverage_month_region_idx" ON "coverage_month_rollup" USING btree ("year","region_path" text_pattern_ops);