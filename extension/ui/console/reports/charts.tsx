import { formatCount } from '../format';
import type { DayCount, FunnelStage } from './report-funnel';

const TONE: Record<FunnelStage['key'], string | undefined> = {
  enrolled: undefined,
  contacted: undefined,
  replied: 'good',
  bounced: 'bad',
  not_sent: 'bad',
};

/** Horizontal bars, each relative to the enrolled count. */
export function FunnelChart(props: { stages: FunnelStage[] }) {
  const top = Math.max(1, props.stages[0]?.count ?? 0);
  return (
    <div className="c-funnel">
      {props.stages.map((s) => (
        <div key={s.key} style={{ display: 'contents' }} data-console-funnel={s.key} data-count={s.count}>
          <span>{s.label}</span>
          <div className="c-funnel-track">
            <div
              className="c-funnel-fill"
              data-tone={TONE[s.key]}
              style={{ width: `${(s.count / top) * 100}%` }}
            />
          </div>
          <span className="c-num">
            {formatCount(s.count)}
            {s.key !== 'enrolled' && top > 0 && (
              <span className="s-muted s-small"> {Math.round((s.count / top) * 100)}%</span>
            )}
          </span>
        </div>
      ))}
    </div>
  );
}

/** One bar per day; the total for the day is in its tooltip and in the table for screen readers. */
export function DailyBars(props: { days: DayCount[] }) {
  const max = Math.max(1, ...props.days.map((d) => d.count));
  const every = Math.ceil(props.days.length / 10);
  const label = (day: string) =>
    new Date(`${day}T12:00:00`).toLocaleDateString(undefined, { month: 'numeric', day: 'numeric' });
  return (
    <figure style={{ margin: 0 }}>
      <div className="c-bars" aria-hidden="true">
        {props.days.map((d) => (
          <div
            key={d.day}
            className="c-bar"
            data-zero={d.count === 0 ? '' : undefined}
            title={`${label(d.day)}: ${d.count}`}
            style={{ height: `${(d.count / max) * 100}%` }}
          />
        ))}
      </div>
      <div className="c-bar-labels" aria-hidden="true">
        {props.days.map((d, i) => (
          // A label on every bar would overlap on long periods; every few bars stays legible.
          <span key={d.day}>{i % every === 0 || i === props.days.length - 1 ? label(d.day) : ''}</span>
        ))}
      </div>
      <table className="c-sr">
        <caption>Emails sent per day</caption>
        <tbody>
          {props.days.map((d) => (
            <tr key={d.day}>
              <th>{d.day}</th>
              <td>{d.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
