ALTER TABLE "coverage_person_year" ADD COLUMN "park_id" integer;--> statement-breakpoint
UPDATE "coverage_person_year" c SET "park_id" = e."park_id" FROM "enterprises" e WHERE e."id" = c."enterprise_id" AND e."park_id" IS NOT NULL;
