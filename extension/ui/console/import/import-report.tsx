import { formatCount, plural } from '../format';
import type { ImportSummary } from './import-chunks';

const SHOWN = 200;

/** What the import did, and every row that failed with its row and line in the file. */
export function ImportReport(props: {
  summary: ImportSummary;
  rowsTotal: number;
  stopped: boolean;
  onAgain(): void;
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
      {summary.chunkErrors.map((c) => (
        <p key={c.firstRow} className="s-alert">
          Rows {formatCount(c.firstRow)}–{formatCount(c.lastRow)} were not imported: {c.message}
        </p>
      ))}
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
      <button type="button" className="s-btn" onClick={props.onAgain}>
        Import another file
      </button>
    </div>
  );
}
