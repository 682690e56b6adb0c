ALTER TABLE "coverage_enterprise_rollup" ADD COLUMN "name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "coverage_region_rollup" ADD COLUMN "enterprises" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "coverage_rollup_rank_idx" ON "coverage_enterprise_rollup" USING btree ("year",("done"::float / nullif("people", 0)),"name","enterprise_id");--> statement-breakpoint
-- Rollups of past years are not refreshed again: fill the new columns for the rows already there.
UPDATE "coverage_enterprise_rollup" AS r SET "name" = e."name" FROM "enterprises" AS e WHERE e."id" = r."enterprise_id";--> statement-breakpoint
UPDATE "coverage_region_rollup" AS g SET "enterprises" = (
	SELECT count(*) FROM "coverage_enterprise_rollup" AS r JOIN "regions" AS x ON x."id" = g."region_id"
	WHERE r."year" = g."year" AND r."region_path" LIKE x."path" || '%' AND r."industry" = g."industry" AND r."size" = g."size"
		AND r."high_risk" = g."high_risk" AND r."park_id" IS NOT DISTINCT FROM g."park_id"
);
