ALTER TABLE "learning_credits" ADD COLUMN "kind" text DEFAULT 'heartbeat' NOT NULL;--> statement-breakpoint
ALTER TABLE "learning_credits" ADD COLUMN "actor_user_id" integer;--> statement-breakpoint
ALTER TABLE "learning_credits" ADD COLUMN "reason" text;--> statement-breakpoint
-- Records are written once (DESIGN.md invariant 2): the database itself refuses to edit or
-- delete the 学时 ledger, the audit log, and an attempt once it is finished (its paper and
-- result). Corrections are new rows. TRUNCATE (tests, db:reset) is not a row change.
CREATE FUNCTION "records_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '记录只能追加，不能修改或删除（%）', TG_TABLE_NAME USING ERRCODE = 'P0001';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "learning_credits_append_only" BEFORE UPDATE OR DELETE ON "learning_credits" FOR EACH ROW EXECUTE FUNCTION "records_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "records_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "attempts_no_delete" BEFORE DELETE ON "attempts" FOR EACH ROW EXECUTE FUNCTION "records_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "attempts_finished_unchanged" BEFORE UPDATE ON "attempts" FOR EACH ROW WHEN (OLD.finished_at IS NOT NULL) EXECUTE FUNCTION "records_refuse_change"();
--> statement-breakpoint
CREATE FUNCTION "attempt_questions_refuse_change_when_finished"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM attempts WHERE id = OLD.attempt_id AND finished_at IS NOT NULL) THEN
		RAISE EXCEPTION '记录只能追加，不能修改或删除（%）', TG_TABLE_NAME USING ERRCODE = 'P0001';
	END IF;
	RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "attempt_questions_finished_unchanged" BEFORE UPDATE OR DELETE ON "attempt_questions" FOR EACH ROW EXECUTE FUNCTION "attempt_questions_refuse_change_when_finished"();
