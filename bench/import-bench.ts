import { parseContactsCsv } from '../server/domain/contacts/csv-rows';
import type { BenchEnv } from './bench-db';

const COUNTRIES = [
  ['United States', '(GMT-05:00) Eastern Time (US & Canada)'],
  ['Deutschland', 'Europe/Berlin'],
  ['United Kingdom', '(GMT+00:00) London'],
  ['France', 'Europe/Paris'],
] as const;

/** A 10,000-row export in Apollo's layout, with the value styles the import has to read. */
export function apolloCsv(n: number, tag: string): string {
  const header =
    'First Name,Last Name,Title,Company,Email,Email Status,Contact Owner,First Phone,Stage,Lists,# Employees,Person Linkedin Url,Website,City,Country,Time Zone';
  const rows = Array.from({ length: n }, (_, i) => {
    const [country, zone] = COUNTRIES[i % COUNTRIES.length] ?? COUNTRIES[0];
    // Every row its own number, as in a real export: phones are the one value never read twice.
    const phone = `+1 (415) ${200 + (i % 700)}-${String(i % 10_000).padStart(4, '0')}`;
    const company = `Company ${i % 500}`;
    return [
      `First${i}`,
      `Last${i}`,
      'VP Sales',
      `"${company}, Inc."`,
      `p${i}@${tag}${i % 500}.example`,
      i % 3 === 0 ? 'Verified' : 'Guessed',
      'bench@example.test',
      phone,
      'Cold',
      `"${tag} list ${i % 5}, ${tag} all"`,
      '51-200',
      `linkedin.com/in/${tag}-person-${i}`,
      `${tag}${i % 500}.example`,
      'Somewhere',
      country,
      zone,
    ].join(',');
  });
  return `${header}\n${rows.join('\n')}\n`;
}

export interface ImportBenchResult {
  rows: number;
  parseMs: number;
  createMs: number;
  updateMs: number;
}

/** One request creating `n` contacts from an Apollo export, then the same file again (all updates). */
export async function importBench(env: BenchEnv, n: number): Promise<ImportBenchResult> {
  const csv = apolloCsv(n, 'imp');
  let start = performance.now();
  parseContactsCsv(csv);
  const parseMs = performance.now() - start;
  const post = async () => {
    const res = await env.app.request('/api/contacts/import', {
      method: 'POST',
      headers: { authorization: `Bearer ${env.admin.token}`, 'content-type': 'text/csv' },
      body: csv,
    });
    const body = (await res.json()) as { created: number; updated: number; cellErrors: unknown[] };
    if (res.status !== 200 || body.created + body.updated !== n || body.cellErrors.length > 0) {
      throw new Error(`import answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
    }
  };
  start = performance.now();
  await post();
  const createMs = performance.now() - start;
  start = performance.now();
  await post();
  const updateMs = performance.now() - start;
  return { rows: n, parseMs, createMs, updateMs };
}
