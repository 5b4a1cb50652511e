import { useState } from 'react';
import { encodeParams } from '../../../lib/api/api-core';
import { sequencePageSchema, sequenceReportSchema } from '../api-schemas';
import { useLoad } from '../console-context';
import { formatCount, plural } from '../format';
import { fetchAll } from '../paginate';
import { BusyLine, EmptyState, Loading, ProblemNotice } from '../ui/notices';
import { DailyBars, FunnelChart } from './charts';
import { browserTimeZone, FINISH_WORDS, funnelStages } from './report-funnel';
import { VariantTables } from './variant-table';

/** Per sequence: the funnel, why contacts finished, and emails sent per day. */
export function ReportsScreen() {
  const [sequenceId, setSequenceId] = useState('');
  const [days, setDays] = useState(14);
  const sequences = useLoad(
    ({ api }) => fetchAll(api, (s, query) => s.api.sequences.$get({ query }), sequencePageSchema),
    [],
  );
  const chosen = sequenceId || sequences.data?.[0]?.id || '';
  const data = useLoad(
    async ({ api }) => {
      if (!chosen) return null;
      return api.call(
        (s) =>
          s.api.sequences[':id'].report.$get({
            param: encodeParams({ id: chosen }),
            query: { days, tz: browserTimeZone() },
          }),
        sequenceReportSchema,
      );
    },
    [chosen, days],
  );
  const report = data.data ?? null;

  return (
    <div className="c-screen" data-console-screen="reports" aria-busy={data.loading}>
      <div className="c-toolbar">
        <select
          className="s-input"
          aria-label="Sequence"
          value={chosen}
          onChange={(e) => setSequenceId(e.target.value)}
        >
          {sequences.data?.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <select
          className="s-input"
          aria-label="Period"
          value={days}
          onChange={(e) => setDays(Number(e.target.value))}
        >
          <option value={7}>Last 7 days</option>
          <option value={14}>Last 14 days</option>
          <option value={30}>Last 30 days</option>
        </select>
        <BusyLine busy={data.loading && !!data.data} />
      </div>
      {/* Try again reloads whichever failed: without the sequences there is no report to ask for. */}
      <ProblemNotice
        problem={sequences.error ?? data.error}
        onRetry={sequences.error ? sequences.reload : data.reload}
      />
      {!sequences.data && !sequences.error && <Loading what="sequences" />}
      {sequences.data?.length === 0 && (
        <EmptyState title="No sequences yet">
          Reports appear once a sequence has contacts. <a href="#sequences">Create a sequence</a> to start.
        </EmptyState>
      )}
      {chosen && !report && !data.error && <Loading what="the report" />}
      {report && (
        <div className="c-split" data-console-report="">
          <section>
            <h3>Funnel</h3>
            <FunnelChart stages={funnelStages(report)} />
            <p className="s-small s-muted">{plural(report.emailsSent, 'email')} sent in total.</p>
            <h3>Finished, by reason</h3>
            {report.finishedBy.length === 0 ? (
              <p className="s-small s-muted">Nobody has finished yet.</p>
            ) : (
              <ul className="s-list">
                {report.finishedBy.map((f) => (
                  <li key={f.reason} className="s-reason s-row" data-console-finished={f.reason}>
                    <span style={{ flex: 1 }}>{FINISH_WORDS[f.reason] ?? f.reason}</span>
                    <strong>{formatCount(f.count)}</strong>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section>
            <h3>Emails sent per day</h3>
            <DailyBars days={report.sendsPerDay} />
          </section>
        </div>
      )}
      {report && (
        <section data-console-variants="">
          <h3>Steps and A/B versions</h3>
          <p className="s-small s-muted">
            Clicks are people's: security scanners and link previews are left out.
          </p>
          <VariantTables steps={report.steps ?? []} />
        </section>
      )}
    </div>
  );
}
