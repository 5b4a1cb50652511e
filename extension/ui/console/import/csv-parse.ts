/** One CSV record and the 1-based line of the file it starts on (for messages a rep can find). */
export interface CsvRecord {
  cells: string[];
  line: number;
}

export type CsvParse = { ok: true; records: CsvRecord[] } | { ok: false; message: string };

/**
 * RFC 4180 with the server's leniency (csv-parse with relax_quotes): a quote opens a quoted cell
 * only at the start of a cell and is plain text elsewhere; CRLF, LF and CR all end a record; a
 * leading BOM is dropped. Blank lines and records whose every cell is empty are skipped, as the
 * server skips them, so record i here is data row i there and row numbers line up.
 */
export function parseCsv(input: string): CsvParse {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let atCellStart = true;

  const endCell = () => {
    cells.push(cell);
    cell = '';
    atCellStart = true;
  };
  const endRecord = () => {
    endCell();
    if (cells.some((c) => c.trim() !== '')) records.push({ cells, line: recordLine });
    cells = [];
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && atCellStart) {
      quoted = true;
      quoteLine = line;
      atCellStart = false;
    } else if (ch === ',') {
      endCell();
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      cell += ch;
      atCellStart = false;
    }
  }
  if (quoted) {
    return {
      ok: false,
      message: `Line ${quoteLine} opens a quote (") that never closes, so the rest of the file cannot be read. Fix that line and upload it again.`,
    };
  }
  if (cell !== '' || cells.length > 0) endRecord();
  return { ok: true, records };
}

/** One record as a CSV line, quoting only cells that need it. */
export function toCsvLine(cells: readonly string[]): string {
  return cells
    .map((c) => (/[",\r\n]/.test(c) || /^\s|\s$/.test(c) ? `"${c.replace(/"/g, '""')}"` : c))
    .join(',');
}
