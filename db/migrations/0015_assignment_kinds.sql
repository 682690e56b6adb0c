ALTER TABLE "assignments" ADD COLUMN "person_ids" integer[] DEFAULT '{}'::int[] NOT NULL;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "kind" text DEFAULT 'plan' NOT NULL;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "group_key" text;--> statement-breakpoint
UPDATE "assignments" SET "kind" = CASE WHEN "lesson_id" IS NOT NULL THEN 'warning' WHEN "issuer" = 'regulator' THEN 'requirement' ELSE 'plan' END;
