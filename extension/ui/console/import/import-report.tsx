import { formatCount, plural } from '../format';
import type { ImportSummary } from './import-chunks';

const SHOWN = 200;

/** What the import did, and every row that failed with its row and line in the file. */
export function ImportReport(props: {
  summary: ImportSummary;
  rowsTotal: number;
  stopped: boolean;
  onAgain(): void;
  /** Sends the same file again; offered when the server refused some of it. */
  onRetry?(): void;
}) {
  const { summary } = props;
  const refusedRows = summary.chunkErrors.reduce((n, c) => n + c.lastRow - c.firstRow + 1, 0);
  return (
    <div data-console-import-report="">
      <p
        className={summary.failed.length || refusedRows || props.stopped ? 's-warn' : 's-info'}
        role="status"
      >
        {props.stopped ? 'Import stopped. ' : 'Import finished. '}
        {plural(summary.created, 'contact')} created, {formatCount(summary.updated)} updated
        {summary.failed.length > 0 && `, ${plural(summary.failed.length, 'row')} failed`}
        {refusedRows > 0 && `, ${plural(refusedRows, 'row')} not imported`} (of{' '}
        {plural(props.rowsTotal, 'row')}).
      </p>
      <ImportSideEffects summary={summary} />
      {summary.chunkErrors.length > 0 && (
        <div className="s-alert" role="alert" data-console-import-refused="">
          {summary.chunkErrors.map((c) => (
            <p key={c.firstRow}>
              Rows {formatCount(c.firstRow)}–{formatCount(c.lastRow)} were not imported: {c.message}
            </p>
          ))}
          {props.onRetry && (
            <>
              <p className="s-small">
                Rows that went in are updated, not duplicated, when the file goes again.
              </p>
              <button type="button" className="s-btn" onClick={props.onRetry}>
                Try again
              </button>
            </>
          )}
        </div>
      )}
      {summary.failed.length > 0 && (
        <>
          <h3>Rows that failed</h3>
          <table className="c-table" aria-label="Rows that failed" data-console-import-errors="">
            <thead>
              <tr>
                <th className="c-num">Row</th>
                <th className="c-num">Line</th>
                <th>Problem</th>
              </tr>
            </thead>
            <tbody>
              {summary.failed.slice(0, SHOWN).map((f) => (
                <tr key={f.row} data-console-failed-row={f.row}>
                  <td className="c-num">{formatCount(f.row)}</td>
                  <td className="c-num">{f.line ? formatCount(f.line) : '—'}</td>
                  <td>{f.error}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {summary.failed.length > SHOWN && (
            <p className="s-small s-muted">
              …and {formatCount(summary.failed.length - SHOWN)} more. Fix these rows and import the file
              again: rows that went in are updated, not duplicated.
            </p>
          )}
          <p className="s-small s-muted">
            Row 1 is the first row after the header; the line counts every line of the file.
          </p>
        </>
      )}
      <CellProblems summary={summary} />
      <button type="button" className="s-btn" onClick={props.onAgain}>
        Import another file
      </button>
    </div>
  );
}

/** What else the file did beyond creating and updating contacts, in one sentence when it did anything. */
function ImportSideEffects({ summary }: { summary: ImportSummary }) {
  const parts = [
    summary.unsubscribed > 0 &&
      `${plural(summary.unsubscribed, 'contact')} marked opted out in the file unsubscribed`,
    summary.bounced > 0 &&
      `${plural(summary.bounced, 'address', 'addresses')} marked bounced put on the bounce list`,
    summary.accountsCreated > 0 && `${plural(summary.accountsCreated, 'account')} created`,
    summary.listsCreated > 0 && `${plural(summary.listsCreated, 'list')} created`,
  ].filter((p): p is string => typeof p === 'string');
  if (parts.length === 0) return null;
  return <p className="s-small">{`${parts.join('; ')}.`}</p>;
}

/** Cells the server could not read: the row went in without that value, so the rep knows what to fix. */
function CellProblems({ summary }: { summary: ImportSummary }) {
  const cells = summary.cellErrors;
  if (cells.length === 0) return null;
  // The server names a cell by the field it was read into; the rep knows the file's own header.
  const header = (column: string) => summary.fileHeaders[column] ?? column;
  return (
    <>
      <h3>Values that were not imported</h3>
      <p className="s-small s-muted">
        These rows were imported without the value shown. Fix it on the contact, or in the file and import
        again.
      </p>
      <table className="c-table" aria-label="Values that were not imported" data-console-import-cells="">
        <thead>
          <tr>
            <th className="c-num">Row</th>
            <th>Column</th>
            <th>Value</th>
            <th>Problem</th>
          </tr>
        </thead>
        <tbody>
          {cells.slice(0, SHOWN).map((c) => (
            <tr key={`${c.row}:${c.column}`} data-console-cell-error={c.row}>
              <td className="c-num">{formatCount(c.row)}</td>
              <td>{header(c.column)}</td>
              <td>{c.value}</td>
              <td>{c.error}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {cells.length > SHOWN && (
        <p className="s-small s-muted">…and {formatCount(cells.length - SHOWN)} more.</p>
      )}
    </>
  );
}
