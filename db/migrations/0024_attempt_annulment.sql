ALTER TABLE "attempts" ADD COLUMN "annulled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "attempts" ADD COLUMN "annulled_by" integer;--> statement-breakpoint
ALTER TABLE "attempts" ADD COLUMN "annul_reason" text;--> statement-breakpoint
-- A finished attempt stays as it was, with one exception: it may be declared void once, by
-- setting the three annulment columns and nothing else (DESIGN.md invariant 2: a result is
-- superseded, never edited).
CREATE FUNCTION "attempts_finished_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF OLD.annulled_at IS NULL AND NEW.annulled_at IS NOT NULL AND NEW.annulled_by IS NOT NULL AND coalesce(length(trim(NEW.annul_reason)), 0) > 0
		AND (to_jsonb(NEW) - 'annulled_at' - 'annulled_by' - 'annul_reason') = (to_jsonb(OLD) - 'annulled_at' - 'annulled_by' - 'annul_reason') THEN
		RETURN NEW;
	END IF;
	RAISE EXCEPTION '记录只能追加，不能修改或删除（%）', TG_TABLE_NAME USING ERRCODE = 'P0001';
END
$$;
--> statement-breakpoint
DROP TRIGGER "attempts_finished_unchanged" ON "attempts";
--> statement-breakpoint
CREATE TRIGGER "attempts_finished_unchanged" BEFORE UPDATE ON "attempts" FOR EACH ROW WHEN (OLD.finished_at IS NOT NULL) EXECUTE FUNCTION "attempts_finished_refuse_change"();
