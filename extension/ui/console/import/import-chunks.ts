import type { ImportResult } from '../../../../shared/schemas/contact';
import { type ColumnTarget, mappedHeader, projectRow } from './column-mapping';
import { type CsvRecord, toCsvLine } from './csv-parse';

/** Rows per request: small enough that each answers in a few seconds and progress moves visibly. */
export const CHUNK_ROWS = 1000;

export interface PreparedRow {
  /** 1-based data row of the whole file: the first row after the header is row 1. */
  row: number;
  /** Line of the file the row starts on, for a rep looking at it in a spreadsheet. */
  line: number;
  cells: string[];
}

export interface RowFailure {
  row: number;
  line?: number | undefined;
  error: string;
}

export interface PreparedImport {
  header: string[];
  rows: PreparedRow[];
  /** Rows refused before sending, for the reason the server would give. */
  localFailures: RowFailure[];
  /** The file's own header for each name sent to the server (`country` → `Country`). */
  fileHeaders: Record<string, string>;
}

/** Applies the column mapping; a row whose cell count differs from the header's fails as on the server. */
export function prepareImport(
  records: readonly CsvRecord[],
  mapping: readonly ColumnTarget[],
): PreparedImport {
  const [head, ...data] = records;
  const width = head?.cells.length ?? 0;
  const rows: PreparedRow[] = [];
  const localFailures: RowFailure[] = [];
  data.forEach((r, i) => {
    const row = i + 1;
    if (r.cells.length !== width) {
      localFailures.push({
        row,
        line: r.line,
        error: `row has ${r.cells.length} cells but the header has ${width}`,
      });
    } else {
      rows.push({ row, line: r.line, cells: projectRow(r.cells, mapping) });
    }
  });
  const header = mappedHeader(mapping);
  const sent = mapping.flatMap((t, i) => (t.kind === 'skip' ? [] : [head?.cells[i] ?? '']));
  const fileHeaders: Record<string, string> = {};
  header.forEach((name, i) => {
    fileHeaders[name] ??= sent[i] ?? name;
  });
  return { header, rows, localFailures, fileHeaders };
}

export interface ImportChunk {
  index: number;
  /** Header row plus this chunk's rows: each chunk is a complete file for the server. */
  csv: string;
  /** rows[i] is where the chunk's data row i + 1 (as the server numbers it) sits in the file. */
  rows: Array<{ row: number; line: number }>;
}

export function buildChunks(prepared: PreparedImport, size = CHUNK_ROWS): ImportChunk[] {
  const head = toCsvLine(prepared.header);
  const chunks: ImportChunk[] = [];
  for (let start = 0; start < prepared.rows.length; start += size) {
    const part = prepared.rows.slice(start, start + size);
    chunks.push({
      index: chunks.length,
      csv: `${[head, ...part.map((r) => toCsvLine(r.cells))].join('\r\n')}\r\n`,
      rows: part.map((r) => ({ row: r.row, line: r.line })),
    });
  }
  return chunks;
}

/** The server numbers rows within the chunk it got; these are the same rows numbered in the file. */
export function adjustFailures(chunk: ImportChunk, failed: ImportResult['failed']): RowFailure[] {
  return failed.map((f) => {
    const at = chunk.rows[f.row - 1];
    return at ? { ...at, error: f.error } : { row: f.row, error: f.error };
  });
}

/** A cell the server could not read; its row imported without that value. Rows numbered in the file. */
export interface CellProblem {
  row: number;
  line?: number;
  column: string;
  value: string;
  error: string;
}

/** The server numbers rows within the chunk it got; these are the same cells numbered in the file. */
export function adjustCellErrors(chunk: ImportChunk, cells: ImportResult['cellErrors']): CellProblem[] {
  return cells.map((c) => {
    const at = chunk.rows[c.row - 1];
    return at ? { ...c, ...at } : c;
  });
}

export interface ImportSummary {
  created: number;
  updated: number;
  failed: RowFailure[];
  cellErrors: CellProblem[];
  /** Contacts the file marked opted out (now unsubscribed) or bounced (now on the bounce list). */
  unsubscribed: number;
  bounced: number;
  accountsCreated: number;
  listsCreated: number;
  /** The file's own header for each field name the server reports a cell under. */
  fileHeaders: Record<string, string>;
  /** Chunks the server refused as a whole (unreachable, conflict…): their rows were not imported. */
  chunkErrors: Array<{ firstRow: number; lastRow: number; message: string }>;
  chunksDone: number;
  chunksTotal: number;
}

export function startSummary(prepared: PreparedImport, chunks: readonly ImportChunk[]): ImportSummary {
  return {
    created: 0,
    updated: 0,
    failed: [...prepared.localFailures],
    cellErrors: [],
    unsubscribed: 0,
    bounced: 0,
    accountsCreated: 0,
    listsCreated: 0,
    fileHeaders: prepared.fileHeaders,
    chunkErrors: [],
    chunksDone: 0,
    chunksTotal: chunks.length,
  };
}

export function addChunkResult(s: ImportSummary, chunk: ImportChunk, result: ImportResult): ImportSummary {
  return {
    ...s,
    created: s.created + result.created,
    updated: s.updated + result.updated,
    failed: [...s.failed, ...adjustFailures(chunk, result.failed)].sort((a, b) => a.row - b.row),
    cellErrors: [...s.cellErrors, ...adjustCellErrors(chunk, result.cellErrors)].sort(
      (a, b) => a.row - b.row,
    ),
    unsubscribed: s.unsubscribed + result.unsubscribed,
    bounced: s.bounced + result.bounced,
    accountsCreated: s.accountsCreated + result.accountsCreated,
    listsCreated: s.listsCreated + result.listsCreated,
    chunksDone: s.chunksDone + 1,
  };
}

export function addChunkError(s: ImportSummary, chunk: ImportChunk, message: string): ImportSummary {
  const firstRow = chunk.rows[0]?.row ?? 0;
  const lastRow = chunk.rows[chunk.rows.length - 1]?.row ?? firstRow;
  return {
    ...s,
    chunkErrors: [...s.chunkErrors, { firstRow, lastRow, message }],
    chunksDone: s.chunksDone + 1,
  };
}
