import { describe, expect, it } from 'vitest';
import {
  guessMapping,
  mappedHeader,
  mappingProblems,
} from '../../../extension/ui/console/import/column-mapping';
import { parseCsv, toCsvLine } from '../../../extension/ui/console/import/csv-parse';
import {
  addChunkError,
  addChunkResult,
  adjustFailures,
  buildChunks,
  prepareImport,
  startSummary,
} from '../../../extension/ui/console/import/import-chunks';

const records = (text: string) => {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.records;
};

describe('CSV parsing', () => {
  it('reads quotes, doubled quotes, newlines in quotes, CRLF and a BOM, and knows each record’s line', () => {
    const text =
      '\uFEFFEmail,Note\r\nada@acme.test,"Likes ""math""\nand looms"\r\n\r\n,\r\nbo@acme.test,plain "quote" inside\n';
    expect(records(text)).toEqual([
      { cells: ['Email', 'Note'], line: 1 },
      { cells: ['ada@acme.test', 'Likes "math"\nand looms'], line: 2 },
      // The blank line and the all-empty record are skipped, as the server skips them.
      { cells: ['bo@acme.test', 'plain "quote" inside'], line: 6 },
    ]);
  });

  it('refuses a file whose quote never closes, naming the line', () => {
    expect(parseCsv('a,b\n1,"open\n2,3\n')).toEqual({
      ok: false,
      message: expect.stringContaining('Line 2 opens a quote'),
    });
  });

  it('writes cells back quoting only what needs it', () => {
    expect(toCsvLine(['plain', 'with,comma', 'say "hi"', ' padded', 'multi\nline'])).toBe(
      'plain,"with,comma","say ""hi"""," padded","multi\nline"',
    );
  });
});

describe('column mapping', () => {
  it('guesses fields by name or alias, keeps other columns as custom fields, skips unusable names', () => {
    expect(
      guessMapping(['E-mail', 'First Name', 'Job Title', 'Organization', 'Plan', 'fields.Tier', '', 'Email']),
    ).toEqual([
      { kind: 'field', key: 'email' },
      { kind: 'field', key: 'firstName' },
      { kind: 'field', key: 'title' },
      { kind: 'field', key: 'company' },
      { kind: 'custom', name: 'Plan' },
      { kind: 'custom', name: 'Tier' },
      { kind: 'skip' },
      // A second email column is a fallback: its cell is used when the first one is empty.
      { kind: 'field', key: 'email' },
    ]);
  });

  it('reports two columns filling one field, bad custom names, and a mapping that imports nothing', () => {
    const header = ['Title', 'Job title', 'Notes'];
    expect(
      mappingProblems(
        [
          { kind: 'field', key: 'title' },
          { kind: 'field', key: 'title' },
          { kind: 'custom', name: '__proto__' },
        ],
        header,
      ),
    ).toEqual([
      expect.stringContaining('“Job title” and “Title” both fill the same field'),
      expect.stringContaining('“__proto__”'),
    ]);
    expect(mappingProblems([{ kind: 'skip' }, { kind: 'skip' }, { kind: 'skip' }], header)).toEqual([
      'Map at least one column to a field.',
    ]);
  });
});

describe('chunking', () => {
  const file = [
    'Email,First Name,Junk',
    'a@x.test,A,1',
    'b@x.test,B,2',
    'c@x.test,C',
    'd@x.test,D,4',
    '',
    'e@x.test,"E, Jr",5',
  ].join('\n');
  const mapping = [
    { kind: 'field', key: 'email' },
    { kind: 'field', key: 'firstName' },
    { kind: 'skip' },
  ] as const;
  const prepared = prepareImport(records(file), [...mapping]);

  it('sends each chunk as a complete file (header first), without skipped columns or short rows', () => {
    expect(mappedHeader([...mapping])).toEqual(['email', 'firstName']);
    expect(prepared.fileHeaders).toEqual({ email: 'Email', firstName: 'First Name' });
    // Row 3 has too few cells: it fails here, as the server would fail it, and is not sent.
    expect(prepared.localFailures).toEqual([
      { row: 3, line: 4, error: 'row has 2 cells but the header has 3' },
    ]);
    const chunks = buildChunks(prepared, 2);
    expect(chunks.map((c) => c.csv)).toEqual([
      'email,firstName\r\na@x.test,A\r\nb@x.test,B\r\n',
      'email,firstName\r\nd@x.test,D\r\ne@x.test,"E, Jr"\r\n',
    ]);
    expect(chunks.map((c) => c.rows)).toEqual([
      [
        { row: 1, line: 2 },
        { row: 2, line: 3 },
      ],
      [
        { row: 4, line: 5 },
        { row: 5, line: 7 },
      ],
    ]);
  });

  it('turns the row numbers the server gives per chunk into rows and lines of the whole file', () => {
    const [, second] = buildChunks(prepared, 2);
    if (!second) throw new Error('expected two chunks');
    expect(adjustFailures(second, [{ row: 2, error: 'email: Invalid email address' }])).toEqual([
      { row: 5, line: 7, error: 'email: Invalid email address' },
    ]);
  });

  it('adds up chunk results; a refused chunk names its rows and still counts as done', () => {
    const chunks = buildChunks(prepared, 2);
    const [first, second] = chunks;
    if (!first || !second) throw new Error('expected two chunks');
    let s = startSummary(prepared, chunks);
    s = addChunkResult(s, first, {
      created: 1,
      updated: 1,
      failed: [],
      columns: [],
      cellErrors: [],
      unsubscribed: 0,
      bounced: 0,
      accountsCreated: 0,
      listsCreated: 0,
    });
    s = addChunkError(s, second, 'The server ran into a problem.');
    expect(s).toEqual({
      created: 1,
      updated: 1,
      failed: [{ row: 3, line: 4, error: 'row has 2 cells but the header has 3' }],
      chunkErrors: [{ firstRow: 4, lastRow: 5, message: 'The server ran into a problem.' }],
      chunksDone: 2,
      chunksTotal: 2,
      cellErrors: [],
      unsubscribed: 0,
      bounced: 0,
      accountsCreated: 0,
      listsCreated: 0,
      fileHeaders: prepared.fileHeaders,
    });
  });
});
