import { useRef, useState } from 'react';
import { type ApiProblem, asProblem } from '../../../lib/api/api-problem';
import { useConsole } from '../console-context';
import { formatCount, plural } from '../format';
import { ProblemNotice } from '../ui/notices';
import { ColumnMapper } from './column-mapper';
import { type ColumnTarget, guessMapping, mappingProblems } from './column-mapping';
import { type CsvRecord, parseCsv } from './csv-parse';
import {
  buildChunks,
  CHUNK_ROWS,
  type ImportSummary,
  type PreparedImport,
  prepareImport,
  startSummary,
} from './import-chunks';
import { ImportReport } from './import-report';
import { runImport } from './run-import';

type Stage =
  | { kind: 'pick'; message?: string }
  | { kind: 'map'; fileName: string; records: CsvRecord[]; mapping: ColumnTarget[] }
  | {
      kind: 'run' | 'done';
      fileName: string;
      prepared: PreparedImport;
      summary: ImportSummary;
      stopped?: boolean;
    };

export interface CsvImportProps {
  /** Rows per request; the default suits any server, tests pass less. */
  chunkRows?: number;
  /** Called once the import ends, with the email of every row that was imported. */
  onDone?(summary: ImportSummary, importedEmails: string[]): void;
}

/** Upload, map columns, preview, then import in chunks with a progress bar and per-row errors. */
export function CsvImport(props: CsvImportProps) {
  const { api } = useConsole();
  const [stage, setStage] = useState<Stage>({ kind: 'pick' });
  const [fatal, setFatal] = useState<ApiProblem | undefined>();
  const stop = useRef(false);
  // The mapped file of the last run, so Try again can send it once more.
  const lastMap = useRef<Extract<Stage, { kind: 'map' }> | null>(null);

  const pick = async (file: File | undefined) => {
    if (!file) return;
    const parsed = parseCsv(await file.text());
    if (!parsed.ok) return setStage({ kind: 'pick', message: parsed.message });
    const [head] = parsed.records;
    if (!head || parsed.records.length < 2) {
      return setStage({
        kind: 'pick',
        message: 'The file has no rows to import: it needs a header row and then one row per contact.',
      });
    }
    setStage({
      kind: 'map',
      fileName: file.name,
      records: parsed.records,
      mapping: guessMapping(head.cells),
    });
  };

  const chunkRows = props.chunkRows ?? CHUNK_ROWS;
  const start = async (s: Extract<Stage, { kind: 'map' }>) => {
    lastMap.current = s;
    const prepared = prepareImport(s.records, s.mapping);
    const chunks = buildChunks(prepared, chunkRows);
    const first = startSummary(prepared, chunks);
    stop.current = false;
    setFatal(undefined);
    setStage({ kind: 'run', fileName: s.fileName, prepared, summary: first });
    let summary = first;
    try {
      summary = await runImport(
        api,
        chunks,
        first,
        (next) => {
          summary = next;
          setStage({ kind: 'run', fileName: s.fileName, prepared, summary: next });
        },
        () => stop.current,
      );
    } catch (err) {
      setFatal(asProblem(err));
    }
    setStage({
      kind: 'done',
      fileName: s.fileName,
      prepared,
      summary,
      stopped: summary.chunksDone < summary.chunksTotal,
    });
    props.onDone?.(summary, importedEmails(prepared, summary, chunkRows));
  };

  if (stage.kind === 'pick') {
    return (
      <div data-console-import="pick">
        <div className="s-field c-field">
          <label htmlFor="c-csv-file">CSV file</label>
          <input
            id="c-csv-file"
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => void pick(e.target.files?.[0])}
          />
          <span className="s-small s-muted">
            The first row names the columns. Rows with the email of an existing contact update that contact.
          </span>
        </div>
        {stage.message && (
          <p className="s-alert" role="alert">
            {stage.message}
          </p>
        )}
      </div>
    );
  }

  if (stage.kind === 'map') {
    const header = stage.records[0]?.cells ?? [];
    const problems = mappingProblems(stage.mapping, header);
    const rows = stage.records.length - 1;
    const noEmail = !stage.mapping.some((t) => t.kind === 'field' && t.key === 'email');
    return (
      <div data-console-import="map">
        <p>
          <strong>{stage.fileName}</strong>: {plural(rows, 'row')} and {plural(header.length, 'column')}.{' '}
          {rows > chunkRows &&
            `It goes up in ${Math.ceil(rows / chunkRows)} parts of ${formatCount(chunkRows)} rows.`}
        </p>
        <ColumnMapper
          records={stage.records}
          mapping={stage.mapping}
          onChange={(mapping) => setStage({ ...stage, mapping })}
        />
        {noEmail && (
          <p className="s-warn">No column is imported as Email: every row will create a new contact.</p>
        )}
        {problems.length > 0 && (
          <ul className="s-alert c-field-problems" role="alert">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        <div className="c-toolbar">
          <button
            type="button"
            className="s-btn"
            data-primary=""
            disabled={problems.length > 0}
            onClick={() => void start(stage)}
          >
            Import {plural(rows, 'row')}
          </button>
          <button type="button" className="s-btn" onClick={() => setStage({ kind: 'pick' })}>
            Choose another file
          </button>
        </div>
      </div>
    );
  }

  const { summary } = stage;
  const rowsTotal = stage.prepared.rows.length + stage.prepared.localFailures.length;
  return (
    <div data-console-import={stage.kind}>
      <p>
        <strong>{stage.fileName}</strong>
      </p>
      <ImportProgress summary={summary} running={stage.kind === 'run'} />
      {stage.kind === 'run' && (
        <button type="button" className="s-btn" onClick={() => (stop.current = true)}>
          Stop after this part
        </button>
      )}
      <ProblemNotice problem={fatal} />
      {stage.kind === 'done' && (
        <ImportReport
          summary={summary}
          rowsTotal={rowsTotal}
          stopped={!!stage.stopped}
          onAgain={() => setStage({ kind: 'pick' })}
          onRetry={lastMap.current ? () => lastMap.current && void start(lastMap.current) : undefined}
        />
      )}
    </div>
  );
}

function ImportProgress(props: { summary: ImportSummary; running: boolean }) {
  const { chunksDone, chunksTotal } = props.summary;
  const pct = chunksTotal === 0 ? 100 : Math.round((chunksDone / chunksTotal) * 100);
  return (
    <div style={{ margin: '6px 0 10px' }}>
      <div
        className="c-progress"
        role="progressbar"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={chunksTotal}
        aria-valuenow={chunksDone}
        aria-valuetext={`${chunksDone} of ${chunksTotal} parts imported`}
      >
        <div style={{ width: `${pct}%` }} />
      </div>
      <p
        className="s-small s-muted"
        aria-live="polite"
        data-console-import-progress={`${chunksDone}/${chunksTotal}`}
      >
        {props.running ? 'Importing… ' : ''}
        {chunksDone} of {chunksTotal} {chunksTotal === 1 ? 'part' : 'parts'} done ·{' '}
        {formatCount(props.summary.created)} created · {formatCount(props.summary.updated)} updated ·{' '}
        {formatCount(props.summary.failed.length)} failed
      </p>
    </div>
  );
}

/** Emails of the rows that made it in (created or updated): everything sent minus what failed. */
function importedEmails(prepared: PreparedImport, summary: ImportSummary, chunkRows: number): string[] {
  const at = prepared.header.indexOf('email');
  if (at < 0) return [];
  const failed = new Set(summary.failed.map((f) => f.row));
  const refused = summary.chunkErrors;
  return prepared.rows
    .slice(0, summary.chunksDone * chunkRows)
    .filter((r) => !failed.has(r.row) && !refused.some((c) => r.row >= c.firstRow && r.row <= c.lastRow))
    .map((r) => (r.cells[at] ?? '').trim())
    .filter(Boolean);
}
