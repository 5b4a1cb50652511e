import { useId, useState } from 'react';
import { type HolidayPlaces, holidayPlacesSchema, type Schedule } from '../../../../shared/schemas/schedule';
import { useLoad } from '../console-context';
import { ProblemNotice } from '../ui/notices';
import { formatLocalDate } from './passed-over-days';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The country and region of a `holidays` value ("DE-BY" → DE, DE-BY). */
function splitPlace(place: string | undefined): { country: string; region: string } {
  if (!place) return { country: '', region: '' };
  return { country: place.split('-')[0] ?? '', region: place.includes('-') ? place : '' };
}

/** The schedule with `holidays` set, or without the key when none (so the saved schedule has none). */
function withHolidays(schedule: Schedule, place: string): Schedule {
  const { holidays: _, ...rest } = schedule;
  return place ? { ...rest, holidays: place } : rest;
}

function withBlackouts(schedule: Schedule, dates: string[]): Schedule {
  const { blackoutDates: _, ...rest } = schedule;
  return dates.length ? { ...rest, blackoutDates: dates } : rest;
}

/**
 * Days the sequence sends nothing: a place's public holidays, picked by name from the list the
 * server's holiday library knows, and blackout dates (company shutdowns, events). Both are local days
 * in the zone the schedule applies.
 */
export function DaysOffEditor(props: { schedule: Schedule; readOnly: boolean; onChange(s: Schedule): void }) {
  const { schedule, readOnly, onChange } = props;
  const id = useId();
  const places = useLoad(
    ({ api }) => api.call((s) => s.api.schedule['holiday-places'].$get(), holidayPlacesSchema),
    [],
  );
  const [newDate, setNewDate] = useState('');
  const [dateProblem, setDateProblem] = useState<string | null>(null);
  const { country, region } = splitPlace(schedule.holidays);
  const countries: HolidayPlaces['countries'] = places.data?.countries ?? [];
  const current = countries.find((c) => c.code === country);
  const blackouts = schedule.blackoutDates ?? [];

  const addDate = () => {
    if (!LOCAL_DATE.test(newDate)) {
      setDateProblem('Pick a date to add.');
      return;
    }
    if (blackouts.includes(newDate)) {
      setDateProblem(`${formatLocalDate(newDate)} is already a blackout date.`);
      return;
    }
    setDateProblem(null);
    onChange(withBlackouts(schedule, [...blackouts, newDate].sort()));
    setNewDate('');
  };

  return (
    <fieldset className="c-step" data-console-days-off="">
      <legend>Days off</legend>
      <div className="s-field c-field">
        <label htmlFor={`${id}-country`}>Skip the public holidays of</label>
        <select
          id={`${id}-country`}
          className="s-input"
          style={{ maxWidth: 320 }}
          value={country}
          disabled={readOnly || (!places.data && !country)}
          onChange={(e) => onChange(withHolidays(schedule, e.target.value))}
        >
          <option value="">No public holidays</option>
          {/* A saved place the list has not loaded yet still shows, so nothing changes by accident. */}
          {country && !current && <option value={country}>{places.data ? country : 'Loading…'}</option>}
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      {current && current.regions.length > 0 && (
        <div className="s-field c-field">
          <label htmlFor={`${id}-region`}>Region of {current.name}</label>
          <select
            id={`${id}-region`}
            className="s-input"
            style={{ maxWidth: 320 }}
            value={region}
            disabled={readOnly}
            onChange={(e) => onChange(withHolidays(schedule, e.target.value || country))}
          >
            <option value="">All of {current.name} (national holidays only)</option>
            {current.regions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <ProblemNotice problem={places.error} onRetry={places.reload} />
      <p className="s-small s-muted">
        Holidays and blackout dates are days in the schedule's time zone (each contact's own when sending in
        their zone).
      </p>

      <div className="s-field c-field">
        <label htmlFor={`${id}-blackout`}>Add a blackout date</label>
        <div className="s-row">
          <input
            id={`${id}-blackout`}
            type="date"
            className="s-input"
            style={{ width: 170 }}
            value={newDate}
            disabled={readOnly}
            aria-invalid={dateProblem ? true : undefined}
            aria-describedby={dateProblem ? `${id}-blackout-problem` : undefined}
            onChange={(e) => {
              setNewDate(e.target.value);
              setDateProblem(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                addDate();
              }
            }}
          />
          <button type="button" className="s-btn" disabled={readOnly} onClick={addDate}>
            Add date
          </button>
        </div>
        {dateProblem && (
          <div id={`${id}-blackout-problem`} className="c-field-error">
            {dateProblem}
          </div>
        )}
      </div>
      {blackouts.length === 0 ? (
        <p className="s-small s-muted">No blackout dates.</p>
      ) : (
        <ul className="s-small" aria-label="Blackout dates">
          {blackouts.map((d) => (
            <li key={d} data-console-blackout={d}>
              {formatLocalDate(d)} {d.slice(0, 4)}{' '}
              <button
                type="button"
                className="s-btn"
                disabled={readOnly}
                aria-label={`Remove blackout date ${formatLocalDate(d)} ${d.slice(0, 4)}`}
                onClick={() =>
                  onChange(
                    withBlackouts(
                      schedule,
                      blackouts.filter((x) => x !== d),
                    ),
                  )
                }
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
