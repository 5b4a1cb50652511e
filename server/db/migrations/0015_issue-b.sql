DROP INDEX "emails_team_thread";--> statement-breakpoint
-- issue-b: emails_team_thread is dropped (see server/db/schema.ts: its one reader goes by contact),
-- and the emails rollup trigger stops early for statements that cannot move any count.
-- Every count reads a row only when it was sent (sent_at set) or its status is not_sent or bounced,
-- so any other row version adds zero to every sum. Most writes of emails are such rows: the
-- scheduler's claim (scheduled -> sending), its dispatch mark, retries, planning new rows, and the
-- `old` half of recording a send. They paid one enrollments lookup per row version, 400 per wave of
-- 200, for nothing, and the statement was still planned (EXECUTE plans afresh every time): ~1.5 ms of
-- backend CPU per 200-row claim or dispatch mark (9.5 ms per dispatch mark, 7.9 ms with the report
-- triggers disabled). Two static EXISTS checks, planned once per session, now decide whether anything
-- can count (8.0 ms: as if the trigger were not there), and the statement filters the rest out before
-- its lookup. Counts are unchanged: only rows that pass the same test were ever counted.
CREATE OR REPLACE FUNCTION report_emails_changed() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $fn$
DECLARE
  counted boolean := false;
BEGIN
  -- Nothing to count (a claim, a dispatch mark, a retry, planning): stop before planning the
  -- statement below, which EXECUTE plans afresh every time. Static queries are planned once per
  -- session, and each transition table is only named where the operation has it.
  IF TG_OP <> 'DELETE' THEN
    counted := EXISTS (SELECT 1 FROM new_rows WHERE sent_at IS NOT NULL OR status IN ('not_sent', 'bounced'));
  END IF;
  IF NOT counted AND TG_OP <> 'INSERT' THEN
    counted := EXISTS (SELECT 1 FROM old_rows WHERE sent_at IS NOT NULL OR status IN ('not_sent', 'bounced'));
  END IF;
  IF NOT counted THEN
    RETURN NULL;
  END IF;
  EXECUTE format($q$
    WITH e AS MATERIALIZED (
      SELECT c.*, en.sequence_id AS seq FROM (%s) c LEFT JOIN enrollments en ON en.id = c.enrollment_id
      WHERE c.sent_at IS NOT NULL OR c.status IN ('not_sent', 'bounced')
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
