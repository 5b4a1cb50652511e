import {
  type ColumnTarget,
  IMPORT_FIELDS,
  type ImportFieldKey,
  mappedHeader,
  projectRow,
} from './column-mapping';
import type { CsvRecord } from './csv-parse';

const PREVIEW_ROWS = 5;

function encode(t: ColumnTarget): string {
  return t.kind === 'field' ? `field:${t.key}` : t.kind;
}

/** One select per CSV column (a field, a custom field, or skip), then the first rows as they will import. */
export function ColumnMapper(props: {
  records: readonly CsvRecord[];
  mapping: ColumnTarget[];
  onChange(m: ColumnTarget[]): void;
}) {
  const { records, mapping, onChange } = props;
  const [head, ...data] = records;
  const header = head?.cells ?? [];
  const set = (i: number, t: ColumnTarget) => onChange(mapping.map((m, j) => (j === i ? t : m)));
  const example = (i: number) => data.find((r) => (r.cells[i] ?? '').trim() !== '')?.cells[i] ?? '';
  const previewHeader = mappedHeader(mapping);

  return (
    <div data-console-mapping="">
      <table className="c-table" aria-label="Map columns to fields">
        <thead>
          <tr>
            <th>Column in your file</th>
            <th>Example</th>
            <th>Import as</th>
          </tr>
        </thead>
        <tbody>
          {header.map((name, i) => {
            const t = mapping[i] ?? { kind: 'skip' };
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: a column is its position (names may repeat or be blank)
              <tr key={i}>
                <td>{name || <span className="s-muted">(no name)</span>}</td>
                <td className="s-small s-muted">{example(i)}</td>
                <td>
                  <div className="s-row">
                    <select
                      className="s-input"
                      aria-label={`Import column “${name}” as`}
                      value={encode(t)}
                      onChange={(e) => {
                        const v = e.target.value;
                        if (v === 'skip') set(i, { kind: 'skip' });
                        else if (v === 'custom') set(i, { kind: 'custom', name: name.trim() });
                        else set(i, { kind: 'field', key: v.slice('field:'.length) as ImportFieldKey });
                      }}
                    >
                      {IMPORT_FIELDS.map((f) => (
                        <option key={f.key} value={`field:${f.key}`}>
                          {f.label}
                        </option>
                      ))}
                      <option value="custom">Custom field…</option>
                      <option value="skip">Don't import</option>
                    </select>
                    {t.kind === 'custom' && (
                      <input
                        className="s-input"
                        aria-label={`Custom field name for “${name}”`}
                        value={t.name}
                        onChange={(e) => set(i, { kind: 'custom', name: e.target.value })}
                      />
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3>Preview</h3>
      {previewHeader.length === 0 ? (
        <p className="s-small s-muted">No column is imported yet.</p>
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <table className="c-table" aria-label="Preview of the first rows" data-console-import-preview="">
            <thead>
              <tr>
                <th className="c-num">Row</th>
                {previewHeader.map((h) => (
                  <th key={h}>
                    {h.startsWith('fields.')
                      ? h.slice(7)
                      : (IMPORT_FIELDS.find((f) => f.key === h)?.label ?? h)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.slice(0, PREVIEW_ROWS).map((r, i) => (
                <tr key={r.line}>
                  <td className="c-num">{i + 1}</td>
                  {projectRow(r.cells, mapping).map((c, j) => (
                    <td key={`${previewHeader[j]}`}>{c}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
