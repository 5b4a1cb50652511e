CREATE TABLE "report_enrollment_deltas" (
	"sequence_id" text NOT NULL,
	"enrollment_id" text NOT NULL,
	"sent" integer DEFAULT 0 NOT NULL,
	"not_sent" integer DEFAULT 0 NOT NULL,
	"bounce_marks" integer DEFAULT 0 NOT NULL,
	"reply_marks" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_send_counts" (
	"sequence_id" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"stripe" integer NOT NULL,
	"sent" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_send_counts_sequence_id_bucket_stripe_pk" PRIMARY KEY("sequence_id","bucket","stripe")
);
--> statement-breakpoint
CREATE TABLE "report_sequence_counts" (
	"sequence_id" text NOT NULL,
	"finished_as" text NOT NULL,
	"stripe" integer NOT NULL,
	"enrolled" integer DEFAULT 0 NOT NULL,
	"emailed" integer DEFAULT 0 NOT NULL,
	"replied" integer DEFAULT 0 NOT NULL,
	"bounced" integer DEFAULT 0 NOT NULL,
	"not_sent" integer DEFAULT 0 NOT NULL,
	"emails_sent" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_sequence_counts_sequence_id_finished_as_stripe_pk" PRIMARY KEY("sequence_id","finished_as","stripe")
);
--> statement-breakpoint
CREATE TABLE "report_tallies" (
	"enrollment_id" text PRIMARY KEY NOT NULL,
	"sequence_id" text NOT NULL,
	"sent" integer DEFAULT 0 NOT NULL,
	"not_sent" integer DEFAULT 0 NOT NULL,
	"bounce_marks" integer DEFAULT 0 NOT NULL,
	"reply_marks" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_variant_counts" (
	"step_id" text NOT NULL,
	"variant_id" text NOT NULL,
	"stripe" integer NOT NULL,
	"sent" integer DEFAULT 0 NOT NULL,
	"replied" integer DEFAULT 0 NOT NULL,
	"clicked" integer DEFAULT 0 NOT NULL,
	"clicks" integer DEFAULT 0 NOT NULL,
	"bounced" integer DEFAULT 0 NOT NULL,
	"unsubscribed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "report_variant_counts_step_id_variant_id_stripe_pk" PRIMARY KEY("step_id","variant_id","stripe")
);
--> statement-breakpoint
CREATE INDEX "report_enrollment_deltas_sequence" ON "report_enrollment_deltas" USING btree ("sequence_id");--> statement-breakpoint
CREATE INDEX "activities_email_marks" ON "activities" USING btree ("email_id","contact_id") WHERE kind in ('email.replied', 'contact.unsubscribed');--> statement-breakpoint
-- The report rollups (server/db/schema-reports.ts) are kept by statement-level triggers, so every
-- writer of emails, enrollments and activities is covered (scheduler, webhooks, replies, clicks,
-- retries, bulk actions…) and a batch statement costs one aggregate over its changed rows. A trigger
-- sees a statement's rows as it left them (+1) and as they were (-1); summing signed rows gives the
-- exact change, so updates, deletes and inserts share one body.
-- Only the columns the rollups read are taken from the transition tables (whole email rows made the
-- statement several times slower).
CREATE OR REPLACE FUNCTION report_changed_rows(op text, cols text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE op
    WHEN 'INSERT' THEN format('SELECT 1 AS sign, %s FROM new_rows', cols)
    WHEN 'DELETE' THEN format('SELECT -1 AS sign, %s FROM old_rows', cols)
    ELSE format('SELECT 1 AS sign, %s FROM new_rows UNION ALL SELECT -1 AS sign, %s FROM old_rows', cols, cols)
  END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION report_finished_as(status text, reason text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN status = 'finished' THEN coalesce(reason, 'other') ELSE '' END
$$;
--> statement-breakpoint
-- JIT is off in these functions: the planner prices the per-email EXISTS high, and compiling the
-- statement took seconds where running it takes milliseconds.
-- Counters are upserted into the row of this backend (stripe = pg_backend_pid()), in key order: no two
-- transactions ever share a counter row, so the rollup adds no lock waits and no deadlocks.
CREATE OR REPLACE FUNCTION report_emails_changed() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $fn$
BEGIN
  EXECUTE format($q$
    WITH e AS MATERIALIZED (
      SELECT c.*, en.sequence_id AS seq FROM (%s) c LEFT JOIN enrollments en ON en.id = c.enrollment_id
    ),
    variants AS (
      INSERT INTO report_variant_counts AS r (step_id, variant_id, stripe, sent, replied, clicked, clicks, bounced, unsubscribed)
      SELECT * FROM (
        SELECT e.step_id, coalesce(e.variant_id, ''), pg_backend_pid(), sum(e.sign)::int AS sent,
          sum(e.sign * (EXISTS (SELECT 1 FROM activities a WHERE a.email_id = e.id AND a.contact_id = e.contact_id
            AND a.kind = 'email.replied'))::int)::int AS replied,
          sum(e.sign * (e.clicks > 0)::int)::int AS clicked, sum(e.sign * e.clicks)::int AS clicks,
          sum(e.sign * (e.status = 'bounced')::int)::int AS bounced,
          sum(e.sign * (EXISTS (SELECT 1 FROM activities a WHERE a.email_id = e.id AND a.contact_id = e.contact_id
            AND a.kind = 'contact.unsubscribed'))::int)::int AS unsubscribed
        FROM e WHERE e.step_id IS NOT NULL AND e.sent_at IS NOT NULL
        GROUP BY 1, 2
      ) d WHERE (sent, replied, clicked, clicks, bounced, unsubscribed) <> (0, 0, 0, 0, 0, 0)
      ORDER BY 1, 2
      ON CONFLICT (step_id, variant_id, stripe) DO UPDATE SET sent = r.sent + excluded.sent,
        replied = r.replied + excluded.replied, clicked = r.clicked + excluded.clicked,
        clicks = r.clicks + excluded.clicks, bounced = r.bounced + excluded.bounced,
        unsubscribed = r.unsubscribed + excluded.unsubscribed
    ),
    sequences AS (
      INSERT INTO report_sequence_counts AS r (sequence_id, finished_as, stripe, emails_sent)
      SELECT e.seq, '', pg_backend_pid(), sum(e.sign) FROM e WHERE e.seq IS NOT NULL AND e.sent_at IS NOT NULL
      GROUP BY 1 HAVING sum(e.sign) <> 0 ORDER BY 1
      ON CONFLICT (sequence_id, finished_as, stripe) DO UPDATE SET emails_sent = r.emails_sent + excluded.emails_sent
    ),
    buckets AS (
      INSERT INTO report_send_counts AS r (sequence_id, bucket, stripe, sent)
      SELECT e.seq, date_bin('15 minutes', e.sent_at, timestamptz '2000-01-01 00:00:00+00'), pg_backend_pid(), sum(e.sign)
      FROM e WHERE e.seq IS NOT NULL AND e.sent_at IS NOT NULL
      GROUP BY 1, 2 HAVING sum(e.sign) <> 0 ORDER BY 1, 2
      ON CONFLICT (sequence_id, bucket, stripe) DO UPDATE SET sent = r.sent + excluded.sent
    )
    INSERT INTO report_enrollment_deltas (sequence_id, enrollment_id, sent, not_sent, bounce_marks)
    SELECT * FROM (
      SELECT e.seq, e.enrollment_id, sum(e.sign * (e.sent_at IS NOT NULL)::int)::int AS sent,
        sum(e.sign * (e.status = 'not_sent')::int)::int AS not_sent, sum(e.sign * (e.status = 'bounced')::int)::int AS bounced
      FROM e WHERE e.seq IS NOT NULL GROUP BY 1, 2
    ) d WHERE (sent, not_sent, bounced) <> (0, 0, 0)
  $q$, report_changed_rows(TG_OP, 'id, enrollment_id, contact_id, step_id, variant_id, status, sent_at, clicks'));
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION report_enrollments_changed() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $fn$
BEGIN
  EXECUTE format($q$
    WITH e AS MATERIALIZED (%s),
    sequences AS (
      INSERT INTO report_sequence_counts AS r (sequence_id, finished_as, stripe, enrolled)
      SELECT sequence_id, report_finished_as(status, finished_reason), pg_backend_pid(), sum(sign)
      FROM e GROUP BY 1, 2 HAVING sum(sign) <> 0 ORDER BY 1, 2
      ON CONFLICT (sequence_id, finished_as, stripe) DO UPDATE SET enrolled = r.enrolled + excluded.enrolled
    )
    INSERT INTO report_enrollment_deltas (sequence_id, enrollment_id, bounce_marks, reply_marks)
    SELECT * FROM (
      SELECT sequence_id, id, sum(sign * (status = 'bounced')::int)::int AS bounced,
        sum(sign * coalesce(finished_reason = 'replied', false)::int)::int AS replied
      FROM e GROUP BY 1, 2
    ) d WHERE (bounced, replied) <> (0, 0)
  $q$, report_changed_rows(TG_OP, 'id, sequence_id, status, finished_reason'));
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
-- A deleted enrollment takes its emails along (ON DELETE CASCADE) after this runs; those cascaded
-- deletes no longer find the enrollment, so its sequence's share of them is taken out here, first.
CREATE OR REPLACE FUNCTION report_enrollment_deleting() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $fn$
BEGIN
  INSERT INTO report_sequence_counts AS r (sequence_id, finished_as, stripe, enrolled)
  VALUES (OLD.sequence_id, report_finished_as(OLD.status, OLD.finished_reason), pg_backend_pid(), -1)
  ON CONFLICT (sequence_id, finished_as, stripe) DO UPDATE SET enrolled = r.enrolled + excluded.enrolled;
  INSERT INTO report_sequence_counts AS r (sequence_id, finished_as, stripe, emails_sent)
  SELECT OLD.sequence_id, '', pg_backend_pid(), -count(*) FROM emails WHERE enrollment_id = OLD.id AND sent_at IS NOT NULL
  HAVING count(*) > 0
  ON CONFLICT (sequence_id, finished_as, stripe) DO UPDATE SET emails_sent = r.emails_sent + excluded.emails_sent;
  INSERT INTO report_send_counts AS r (sequence_id, bucket, stripe, sent)
  SELECT OLD.sequence_id, date_bin('15 minutes', sent_at, timestamptz '2000-01-01 00:00:00+00'), pg_backend_pid(), -count(*)
  FROM emails WHERE enrollment_id = OLD.id AND sent_at IS NOT NULL GROUP BY 2 ORDER BY 2
  ON CONFLICT (sequence_id, bucket, stripe) DO UPDATE SET sent = r.sent + excluded.sent;
  INSERT INTO report_enrollment_deltas (sequence_id, enrollment_id, sent, not_sent, bounce_marks, reply_marks)
  SELECT OLD.sequence_id, OLD.id,
    -count(*) FILTER (WHERE sent_at IS NOT NULL), -count(*) FILTER (WHERE status = 'not_sent'),
    -count(*) FILTER (WHERE status = 'bounced') - (OLD.status = 'bounced')::int,
    -(SELECT count(*) FROM activities WHERE enrollment_id = OLD.id AND kind = 'email.replied')
      - coalesce(OLD.finished_reason = 'replied', false)::int
  FROM emails WHERE enrollment_id = OLD.id;
  RETURN OLD;
END
$fn$;
--> statement-breakpoint
-- Activities are append-only history, so only inserts move the counts. A reply or unsubscribe marks
-- an email once however many activities name it; the advisory lock per email makes two transactions
-- adding the first mark of the same email at once count it once.
CREATE OR REPLACE FUNCTION report_activities_added() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $fn$
BEGIN
  INSERT INTO report_enrollment_deltas (sequence_id, enrollment_id, reply_marks)
  SELECT en.sequence_id, en.id, count(*) FROM new_rows a JOIN enrollments en ON en.id = a.enrollment_id
  WHERE a.kind = 'email.replied' GROUP BY 1, 2;
  IF EXISTS (SELECT 1 FROM new_rows WHERE kind IN ('email.replied', 'contact.unsubscribed') AND email_id IS NOT NULL) THEN
    PERFORM pg_advisory_xact_lock(727365019, hashtext(m.email_id)) FROM (
      SELECT DISTINCT email_id FROM new_rows
      WHERE kind IN ('email.replied', 'contact.unsubscribed') AND email_id IS NOT NULL ORDER BY 1
    ) m;
    -- A new statement: its snapshot includes marks that other transactions committed while we waited.
    INSERT INTO report_variant_counts AS r (step_id, variant_id, stripe, replied, unsubscribed)
    SELECT em.step_id, coalesce(em.variant_id, ''), pg_backend_pid(),
      count(*) FILTER (WHERE m.kind = 'email.replied'), count(*) FILTER (WHERE m.kind = 'contact.unsubscribed')
    FROM (
      SELECT email_id, contact_id, kind, count(*) AS added FROM new_rows
      WHERE kind IN ('email.replied', 'contact.unsubscribed') AND email_id IS NOT NULL AND contact_id IS NOT NULL
      GROUP BY 1, 2, 3
    ) m
    JOIN emails em ON em.id = m.email_id AND em.contact_id = m.contact_id AND em.sent_at IS NOT NULL AND em.step_id IS NOT NULL
    WHERE (SELECT count(*) FROM activities x WHERE x.email_id = m.email_id AND x.contact_id = m.contact_id AND x.kind = m.kind) = m.added
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (step_id, variant_id, stripe) DO UPDATE SET replied = r.replied + excluded.replied,
      unsubscribed = r.unsubscribed + excluded.unsubscribed;
  END IF;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
-- Moves pending per-enrollment deltas into report_tallies and flips the funnel counts of enrollments
-- whose flags changed. Only this function writes report_tallies, one call at a time (advisory lock),
-- so the old tally it reads is the latest; deltas committed after its snapshot wait for the next call.
CREATE OR REPLACE FUNCTION report_fold(seq text) RETURNS void LANGUAGE plpgsql SET jit = off AS $fn$
BEGIN
  PERFORM pg_advisory_xact_lock(727365020);
  WITH d AS (
    DELETE FROM report_enrollment_deltas WHERE seq IS NULL OR sequence_id = seq RETURNING *
  ),
  a AS (
    SELECT enrollment_id, min(sequence_id) AS sequence_id, sum(sent)::int AS sent, sum(not_sent)::int AS not_sent,
      sum(bounce_marks)::int AS bounce_marks, sum(reply_marks)::int AS reply_marks
    FROM d GROUP BY 1
  ),
  o AS (
    SELECT a.*, coalesce(t.sent, 0) AS o_sent, coalesce(t.not_sent, 0) AS o_not_sent,
      coalesce(t.bounce_marks, 0) AS o_bounce, coalesce(t.reply_marks, 0) AS o_reply
    FROM a LEFT JOIN report_tallies t USING (enrollment_id)
  ),
  w AS (
    INSERT INTO report_tallies AS t (enrollment_id, sequence_id, sent, not_sent, bounce_marks, reply_marks)
    SELECT enrollment_id, sequence_id, sent, not_sent, bounce_marks, reply_marks FROM a
    ON CONFLICT (enrollment_id) DO UPDATE SET sent = t.sent + excluded.sent, not_sent = t.not_sent + excluded.not_sent,
      bounce_marks = t.bounce_marks + excluded.bounce_marks, reply_marks = t.reply_marks + excluded.reply_marks
  )
  INSERT INTO report_sequence_counts AS r (sequence_id, finished_as, stripe, emailed, replied, bounced, not_sent)
  SELECT * FROM (
    SELECT sequence_id, '', pg_backend_pid(),
      sum((o_sent + sent > 0)::int - (o_sent > 0)::int)::int AS emailed,
      sum((o_reply + reply_marks > 0)::int - (o_reply > 0)::int)::int AS replied,
      sum((o_bounce + bounce_marks > 0)::int - (o_bounce > 0)::int)::int AS bounced,
      sum((o_not_sent + not_sent > 0)::int - (o_not_sent > 0)::int)::int AS not_sent
    FROM o GROUP BY 1
  ) f WHERE (emailed, replied, bounced, not_sent) <> (0, 0, 0, 0)
  ORDER BY 1
  ON CONFLICT (sequence_id, finished_as, stripe) DO UPDATE SET emailed = r.emailed + excluded.emailed,
    replied = r.replied + excluded.replied, bounced = r.bounced + excluded.bounced, not_sent = r.not_sent + excluded.not_sent;
END
$fn$;
--> statement-breakpoint
-- Everything from scratch: the backfill below, and a repair if the rollups are ever in doubt.
CREATE OR REPLACE FUNCTION report_rebuild() RETURNS void LANGUAGE plpgsql SET jit = off AS $fn$
BEGIN
  PERFORM pg_advisory_xact_lock(727365020);
  DELETE FROM report_sequence_counts;
  DELETE FROM report_variant_counts;
  DELETE FROM report_send_counts;
  DELETE FROM report_enrollment_deltas;
  DELETE FROM report_tallies;
  INSERT INTO report_tallies (enrollment_id, sequence_id, sent, not_sent, bounce_marks, reply_marks)
  SELECT en.id, en.sequence_id, coalesce(e.sent, 0), coalesce(e.not_sent, 0),
    coalesce(e.bounced, 0) + (en.status = 'bounced')::int,
    coalesce(r.n, 0) + coalesce(en.finished_reason = 'replied', false)::int
  FROM enrollments en
  LEFT JOIN (
    SELECT enrollment_id, count(*) FILTER (WHERE sent_at IS NOT NULL) AS sent,
      count(*) FILTER (WHERE status = 'not_sent') AS not_sent, count(*) FILTER (WHERE status = 'bounced') AS bounced
    FROM emails GROUP BY 1
  ) e ON e.enrollment_id = en.id
  LEFT JOIN (SELECT enrollment_id, count(*) AS n FROM activities WHERE kind = 'email.replied' GROUP BY 1) r
    ON r.enrollment_id = en.id;
  INSERT INTO report_sequence_counts (sequence_id, finished_as, stripe, enrolled, emailed, replied, bounced, not_sent, emails_sent)
  SELECT t.sequence_id, report_finished_as(en.status, en.finished_reason), 0, count(*),
    count(*) FILTER (WHERE t.sent > 0), count(*) FILTER (WHERE t.reply_marks > 0),
    count(*) FILTER (WHERE t.bounce_marks > 0), count(*) FILTER (WHERE t.not_sent > 0), sum(t.sent)
  FROM report_tallies t JOIN enrollments en ON en.id = t.enrollment_id GROUP BY 1, 2;
  INSERT INTO report_variant_counts (step_id, variant_id, stripe, sent, replied, clicked, clicks, bounced, unsubscribed)
  SELECT e.step_id, coalesce(e.variant_id, ''), 0, count(*),
    count(*) FILTER (WHERE EXISTS (SELECT 1 FROM activities a WHERE a.email_id = e.id AND a.contact_id = e.contact_id AND a.kind = 'email.replied')),
    count(*) FILTER (WHERE e.clicks > 0), sum(e.clicks), count(*) FILTER (WHERE e.status = 'bounced'),
    count(*) FILTER (WHERE EXISTS (SELECT 1 FROM activities a WHERE a.email_id = e.id AND a.contact_id = e.contact_id AND a.kind = 'contact.unsubscribed'))
  FROM emails e WHERE e.step_id IS NOT NULL AND e.sent_at IS NOT NULL GROUP BY 1, 2;
  INSERT INTO report_send_counts (sequence_id, bucket, stripe, sent)
  SELECT en.sequence_id, date_bin('15 minutes', e.sent_at, timestamptz '2000-01-01 00:00:00+00'), 0, count(*)
  FROM emails e JOIN enrollments en ON en.id = e.enrollment_id WHERE e.sent_at IS NOT NULL GROUP BY 1, 2;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER report_emails_insert AFTER INSERT ON "emails" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_emails_changed();
--> statement-breakpoint
CREATE TRIGGER report_emails_update AFTER UPDATE ON "emails" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_emails_changed();
--> statement-breakpoint
CREATE TRIGGER report_emails_delete AFTER DELETE ON "emails" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_emails_changed();
--> statement-breakpoint
CREATE TRIGGER report_enrollments_insert AFTER INSERT ON "enrollments" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_enrollments_changed();
--> statement-breakpoint
CREATE TRIGGER report_enrollments_update AFTER UPDATE ON "enrollments" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_enrollments_changed();
--> statement-breakpoint
CREATE TRIGGER report_enrollments_delete BEFORE DELETE ON "enrollments"
  FOR EACH ROW EXECUTE FUNCTION report_enrollment_deleting();
--> statement-breakpoint
CREATE TRIGGER report_activities_insert AFTER INSERT ON "activities" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_activities_added();
--> statement-breakpoint
SELECT report_rebuild();
