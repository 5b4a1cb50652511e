import { useId, useState } from 'react';
import {
  type Schedule,
  type ScheduleWindow,
  scheduleWindowSchema,
} from '../../../../shared/schemas/schedule';
import { DaysOffEditor } from './days-off-editor';
import { SchedulePreview } from './schedule-preview';
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
        <DaysOffEditor schedule={schedule} readOnly={readOnly} onChange={onChange} />
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
