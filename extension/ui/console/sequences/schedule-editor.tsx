import { useEffect, useId, useState } from 'react';
import {
  type Schedule,
  type ScheduleWindow,
  scheduleWindowSchema,
} from '../../../../shared/schemas/schedule';
import { asProblem } from '../../../lib/api/api-problem';
import { scheduleAtSchema } from '../api-schemas';
import { useConsole } from '../console-context';
import { formatDateTime, formatWait } from '../format';
import { BusyLine } from '../ui/notices';
import type { StepDraft } from './sequence-draft';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export const TIME_ZONES: readonly string[] = (() => {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
})();

/** Per-field problems of one window, from the shared schema the server validates with. */
export function windowProblems(w: ScheduleWindow): Partial<Record<'days' | 'start' | 'end', string>> {
  const parsed = scheduleWindowSchema.safeParse(w);
  if (parsed.success) return {};
  const out: Partial<Record<'days' | 'start' | 'end', string>> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0];
    if ((key === 'days' || key === 'start' || key === 'end') && !out[key]) {
      out[key] = key === 'days' ? 'Pick at least one day.' : issue.message;
    }
  }
  return out;
}

function WindowRow(props: {
  w: ScheduleWindow;
  index: number;
  readOnly: boolean;
  onChange(w: ScheduleWindow | null): void;
}) {
  const { w, index, readOnly } = props;
  const problems = windowProblems(w);
  const id = useId();
  const toggleDay = (day: number) =>
    props.onChange({
      ...w,
      days: w.days.includes(day) ? w.days.filter((d) => d !== day) : [...w.days, day].sort(),
    });
  return (
    <fieldset className="c-step" aria-label={`Window ${index + 1}`} data-console-window={index + 1}>
      <div className="s-row">
        {DAYS.map((label, i) => (
          <label key={label} className="s-small">
            <input
              type="checkbox"
              checked={w.days.includes(i + 1)}
              disabled={readOnly}
              onChange={() => toggleDay(i + 1)}
            />{' '}
            {label}
          </label>
        ))}
        {problems.days && <span className="c-field-error">{problems.days}</span>}
      </div>
      <div className="s-row" style={{ marginTop: 6 }}>
        <label htmlFor={`${id}-start`} className="s-small">
          From
        </label>
        <input
          id={`${id}-start`}
          className="s-input"
          style={{ width: 70 }}
          value={w.start}
          disabled={readOnly}
          placeholder="09:00"
          aria-invalid={problems.start ? true : undefined}
          onChange={(e) => props.onChange({ ...w, start: e.target.value.trim() })}
        />
        <label htmlFor={`${id}-end`} className="s-small">
          until
        </label>
        <input
          id={`${id}-end`}
          className="s-input"
          style={{ width: 70 }}
          value={w.end}
          disabled={readOnly}
          placeholder="17:00"
          aria-invalid={problems.end ? true : undefined}
          onChange={(e) => props.onChange({ ...w, end: e.target.value.trim() })}
        />
        <span className="s-small s-muted">24:00 means the end of the day.</span>
        <button type="button" className="s-btn" disabled={readOnly} onClick={() => props.onChange(null)}>
          Remove window
        </button>
      </div>
      {(problems.start || problems.end) && (
        <div className="c-field-error">{[problems.start, problems.end].filter(Boolean).join(' ')}</div>
      )}
    </fieldset>
  );
}

/** When each step would go out if a contact were enrolled now: the scheduler's own maths, on the server. */
function SchedulePreview(props: { schedule: Schedule; steps: readonly StepDraft[]; zone: string }) {
  const { api, now } = useConsole();
  const [times, setTimes] = useState<string[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const valid =
    props.schedule.windows.length > 0 &&
    props.schedule.windows.every((w) => scheduleWindowSchema.safeParse(w).success);
  const key = JSON.stringify([props.schedule, props.steps.map((s) => s.waitMinutes), props.zone]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for schedule, waits and zone
  useEffect(() => {
    if (!valid) return;
    let alive = true;
    setBusy(true);
    const timer = setTimeout(async () => {
      try {
        const out: string[] = [];
        let from = now().toISOString();
        // Each wait counts from the previous step, so every step starts from the one before.
        for (const step of props.steps.length ? props.steps : [{ waitMinutes: 0 }]) {
          const { at } = await api.call(
            (s) =>
              s.api.schedule.preview.$post({
                json: { schedule: props.schedule, timezone: props.zone, from, waitMinutes: step.waitMinutes },
              }),
            scheduleAtSchema,
          );
          out.push(at);
          from = at;
        }
        if (alive) {
          setTimes(out);
          setMessage(null);
        }
      } catch (err) {
        if (alive) setMessage(asProblem(err).message);
      } finally {
        if (alive) setBusy(false);
      }
    }, 300);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [api, key, valid]);

  return (
    <div className="c-preview" data-console-schedule-preview="">
      <div className="s-row" style={{ justifyContent: 'space-between' }}>
        <strong>If a contact were enrolled now</strong>
        <BusyLine busy={busy} text="Calculating…" />
      </div>
      {!valid && <p className="s-small s-muted">Fix the windows to see the send times.</p>}
      {message && <p className="s-alert">{message}</p>}
      {valid && times && (
        <ol className="s-small" data-console-next-send={times[0]}>
          {times.map((at, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: one line per step, in step order (times may repeat)
            <li key={i}>
              Step {i + 1}
              {props.steps[i]?.waitMinutes ? ` (after ${formatWait(props.steps[i]?.waitMinutes ?? 0)})` : ''}:{' '}
              {formatDateTime(at)}
            </li>
          ))}
        </ol>
      )}
      <p className="s-small s-muted">
        Manual steps wait for the rep, so later steps may go out later than shown.
      </p>
    </div>
  );
}

export function ScheduleEditor(props: {
  schedule: Schedule;
  steps: readonly StepDraft[];
  readOnly: boolean;
  onChange(s: Schedule): void;
}) {
  const { schedule, readOnly, onChange } = props;
  const id = useId();
  const [contactZone, setContactZone] = useState(schedule.timezone);
  const setWindow = (i: number, w: ScheduleWindow | null) =>
    onChange({
      ...schedule,
      windows: w
        ? schedule.windows.map((x, j) => (j === i ? w : x))
        : schedule.windows.filter((_, j) => j !== i),
    });
  return (
    <div className="c-split">
      <div>
        <div className="s-field c-field">
          <label htmlFor={`${id}-tz`}>Time zone of the schedule</label>
          <select
            id={`${id}-tz`}
            className="s-input"
            style={{ maxWidth: 320 }}
            value={schedule.timezone}
            disabled={readOnly}
            onChange={(e) => onChange({ ...schedule, timezone: e.target.value })}
          >
            {TIME_ZONES.map((z) => (
              <option key={z}>{z}</option>
            ))}
          </select>
        </div>
        <label className="s-small" style={{ display: 'block', marginBottom: 10 }}>
          <input
            type="checkbox"
            checked={schedule.useContactTimezone}
            disabled={readOnly}
            onChange={(e) => onChange({ ...schedule, useContactTimezone: e.target.checked })}
          />{' '}
          Send in each contact's own time zone when it is known
        </label>
        {schedule.windows.length === 0 && <p className="s-alert">Add at least one sending window.</p>}
        {schedule.windows.map((w, i) => (
          <WindowRow
            // biome-ignore lint/suspicious/noArrayIndexKey: windows have no id and WindowRow keeps no state of its own
            key={i}
            w={w}
            index={i}
            readOnly={readOnly}
            onChange={(x) => setWindow(i, x)}
          />
        ))}
        <button
          type="button"
          className="s-btn"
          disabled={readOnly || schedule.windows.length >= 50}
          onClick={() =>
            onChange({
              ...schedule,
              windows: [...schedule.windows, { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
            })
          }
        >
          + Add window
        </button>
      </div>
      <div>
        {schedule.useContactTimezone && (
          <div className="s-field c-field">
            <label htmlFor={`${id}-contact-tz`}>Preview for a contact in</label>
            <select
              id={`${id}-contact-tz`}
              className="s-input"
              style={{ maxWidth: 320 }}
              value={contactZone}
              onChange={(e) => setContactZone(e.target.value)}
            >
              {TIME_ZONES.map((z) => (
                <option key={z}>{z}</option>
              ))}
            </select>
          </div>
        )}
        <SchedulePreview
          schedule={schedule}
          steps={props.steps}
          zone={schedule.useContactTimezone ? contactZone : schedule.timezone}
        />
      </div>
    </div>
  );
}
