import { useEffect, useId, useState } from 'react';
import { zoneOffsets } from '../../../../shared/schedule/zone-offsets';
import { type Schedule, scheduleWindowSchema } from '../../../../shared/schemas/schedule';
import type { SchedulePreviewResult } from '../../../../shared/schemas/sequence';
import { type ApiProblem, asProblem } from '../../../lib/api/api-problem';
import { scheduleAtSchema } from '../api-schemas';
import { useConsole } from '../console-context';
import { formatDateTime, formatWait } from '../format';
import { BusyLine, ProblemNotice } from '../ui/notices';
import { formatLocalDate, type PassedOverDay, passedOverDays } from './passed-over-days';
import type { StepDraft } from './sequence-draft';

interface StepTime {
  at: string;
  passedOver: PassedOverDay[];
}

/** Local midnight of a date in a zone, as an instant: where a preview "from a date" starts. */
function startOfLocalDay(date: string, zone: string): Date {
  const utc = Date.parse(`${date}T00:00:00Z`);
  let offset = 0;
  try {
    offset = zoneOffsets(zone).offsetAt(utc);
  } catch {
    offset = 0;
  }
  return new Date(utc - offset);
}

/**
 * When each step would go out if a contact were enrolled now (or on a chosen day): the scheduler's own
 * maths, on the server. Each time lists the days it passed over and why (a holiday by name, a blackout
 * date, no sending window), so a rep sees what the calendar does before saving it.
 */
export function SchedulePreview(props: { schedule: Schedule; steps: readonly StepDraft[]; zone: string }) {
  const { api, now } = useConsole();
  const id = useId();
  const [times, setTimes] = useState<StepTime[] | null>(null);
  const [problem, setProblem] = useState<ApiProblem | undefined>();
  // Bumped by Try again: the same schedule is asked for again.
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [fromDate, setFromDate] = useState('');
  const valid =
    props.schedule.windows.length > 0 &&
    props.schedule.windows.every((w) => scheduleWindowSchema.safeParse(w).success);
  const key = JSON.stringify([props.schedule, props.steps.map((s) => s.waitMinutes), props.zone, fromDate]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for schedule, waits, zone and day; `attempt` is Try again
  useEffect(() => {
    if (!valid) return;
    let alive = true;
    setBusy(true);
    const timer = setTimeout(async () => {
      try {
        const out: StepTime[] = [];
        let from = (fromDate ? startOfLocalDay(fromDate, props.zone) : now()).toISOString();
        // Each wait counts from the previous step, so every step starts from the one before.
        for (const step of props.steps.length ? props.steps : [{ waitMinutes: 0 }]) {
          const preview: SchedulePreviewResult = await api.call(
            (s) =>
              s.api.schedule.preview.$post({
                json: { schedule: props.schedule, timezone: props.zone, from, waitMinutes: step.waitMinutes },
              }),
            scheduleAtSchema,
          );
          const requested = new Date(new Date(from).getTime() + step.waitMinutes * 60_000);
          out.push({ at: preview.at, passedOver: passedOverDays(requested, preview, props.zone) });
          from = preview.at;
        }
        if (alive) {
          setTimes(out);
          setProblem(undefined);
        }
      } catch (err) {
        if (alive) setProblem(asProblem(err));
      } finally {
        if (alive) setBusy(false);
      }
    }, 300);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [api, key, valid, attempt]);

  return (
    <section className="c-preview" data-console-schedule-preview="" aria-labelledby={`${id}-title`}>
      <div className="s-row" style={{ justifyContent: 'space-between' }}>
        <strong id={`${id}-title`}>
          {fromDate
            ? `If a contact were enrolled on ${formatLocalDate(fromDate)}`
            : 'If a contact were enrolled now'}
        </strong>
        <BusyLine busy={busy} text="Calculating…" />
      </div>
      <div className="s-row s-small" style={{ marginTop: 6 }}>
        <label htmlFor={`${id}-from`}>Preview from</label>
        <input
          id={`${id}-from`}
          type="date"
          className="s-input"
          style={{ width: 160 }}
          value={fromDate}
          onChange={(e) => setFromDate(e.target.value)}
        />
        {fromDate && (
          <button type="button" className="s-btn" onClick={() => setFromDate('')}>
            From now
          </button>
        )}
      </div>
      {!valid && (
        <p className="s-small s-muted">
          {props.schedule.windows.length === 0
            ? 'Add a sending window to see the send times.'
            : 'Fix the windows to see the send times.'}
        </p>
      )}
      {valid && <ProblemNotice problem={problem} onRetry={() => setAttempt((n) => n + 1)} />}
      {valid && times && (
        <ol className="s-small" data-console-next-send={times[0]?.at}>
          {times.map((t, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: one line per step, in step order (times may repeat)
            <li key={i} data-console-step-time={t.at}>
              Step {i + 1}
              {props.steps[i]?.waitMinutes ? ` (after ${formatWait(props.steps[i]?.waitMinutes ?? 0)})` : ''}:{' '}
              {formatDateTime(t.at)}
              {t.passedOver.length > 0 && (
                <ul className="c-skipped" aria-label={`Days step ${i + 1} skips`}>
                  {t.passedOver.map((d) => (
                    <li key={d.date} data-console-skipped={d.kind}>
                      Skips {formatLocalDate(d.date)}: {d.why}
                      {d.kind === 'holiday' ? ', a public holiday' : ''}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
      <p className="s-small s-muted">
        Manual steps wait for the rep, so later steps may go out later than shown. Mailbox limits and gaps can
        spread sends further across the window.
      </p>
    </section>
  );
}
