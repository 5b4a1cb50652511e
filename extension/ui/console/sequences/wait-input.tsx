import { useId, useState } from 'react';
import { MAX_WAIT_MINUTES } from './sequence-draft';

const UNITS = [
  { value: 1440, label: 'days' },
  { value: 60, label: 'hours' },
  { value: 1, label: 'minutes' },
] as const;

/** The largest unit that shows `minutes` exactly: 4320 → 3 days, 90 → 90 minutes. */
export function bestUnit(minutes: number): number {
  return (
    UNITS.find((u) => minutes % u.value === 0 && minutes >= u.value)?.value ?? (minutes === 0 ? 1440 : 1)
  );
}

/** A wait as an amount and a unit; always reports whole minutes within the server's limit. */
export function WaitInput(props: {
  label: string;
  minutes: number;
  disabled?: boolean;
  onChange(m: number): void;
}) {
  const id = useId();
  const [unit, setUnit] = useState(() => bestUnit(props.minutes));
  const amount = props.minutes / unit;
  const tooLong = props.minutes > MAX_WAIT_MINUTES;
  return (
    <div className="s-field c-field">
      <label htmlFor={`${id}-n`}>{props.label}</label>
      <div className="s-row">
        <input
          id={`${id}-n`}
          className="s-input"
          type="number"
          min={0}
          step={1}
          style={{ width: 80 }}
          value={Number.isInteger(amount) ? amount : amount.toFixed(2)}
          disabled={props.disabled}
          aria-invalid={tooLong ? true : undefined}
          onChange={(e) => {
            const n = Math.max(0, Math.round(Number(e.target.value) * unit));
            props.onChange(Number.isFinite(n) ? n : 0);
          }}
        />
        <select
          aria-label={`${props.label} unit`}
          className="s-input"
          value={unit}
          disabled={props.disabled}
          onChange={(e) => setUnit(Number(e.target.value))}
        >
          {UNITS.map((u) => (
            <option key={u.value} value={u.value}>
              {u.label}
            </option>
          ))}
        </select>
      </div>
      {tooLong && <span className="c-field-error">A step can wait at most a year.</span>}
    </div>
  );
}
