ALTER TABLE "coverage_person_year" ADD COLUMN "category_short_seconds" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Kept rows carry the shortfall of their totals until `npm run coverage:rebuild` splits the time by
-- category; for the many people with one obligation a year the two are the same.
UPDATE "coverage_person_year" SET "category_short_seconds" = greatest(0, "owed_minutes" * 60 - "credited_seconds");
