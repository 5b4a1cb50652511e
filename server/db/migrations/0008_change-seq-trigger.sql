-- Every update of a table the extension caches takes the next change_seq, so the delta feed sees the
-- row again without each writer remembering to bump it. Inserts take it from the column default.
-- nextval runs once per row as the row is written, exactly as the hand-set `change_seq = nextval(...)`
-- did, so the feed's in-flight hold-back (server/domain/changes/in-flight.ts) keeps its guarantees.
CREATE OR REPLACE FUNCTION bump_change_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.change_seq := nextval('change_seq');
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER accounts_change_seq BEFORE UPDATE ON "accounts" FOR EACH ROW EXECUTE FUNCTION bump_change_seq();
--> statement-breakpoint
CREATE TRIGGER contacts_change_seq BEFORE UPDATE ON "contacts" FOR EACH ROW EXECUTE FUNCTION bump_change_seq();
--> statement-breakpoint
CREATE TRIGGER sequences_change_seq BEFORE UPDATE ON "sequences" FOR EACH ROW EXECUTE FUNCTION bump_change_seq();
--> statement-breakpoint
CREATE TRIGGER enrollments_change_seq BEFORE UPDATE ON "enrollments" FOR EACH ROW EXECUTE FUNCTION bump_change_seq();
--> statement-breakpoint
CREATE TRIGGER emails_change_seq BEFORE UPDATE ON "emails" FOR EACH ROW EXECUTE FUNCTION bump_change_seq();
--> statement-breakpoint
CREATE TRIGGER tasks_change_seq BEFORE UPDATE ON "tasks" FOR EACH ROW EXECUTE FUNCTION bump_change_seq();
