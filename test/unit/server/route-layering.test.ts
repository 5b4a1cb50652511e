import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Route files run no SQL and hold no access rules: they read input, call one use-case, answer
 * (issue #14, "one shape per resource"). Resources join LAID_OUT once they have the
 * routes/<r>/<r>.{routes,handlers,index}.ts shape; PENDING lists the ones still being moved.
 */
const ROUTES = join(__dirname, '../../../server/routes');
const DOMAIN = join(__dirname, '../../../server/domain');

const LAID_OUT = [
  'blocklist',
  'changes',
  'contact-import',
  'contacts',
  'emails',
  'enrollments',
  'health',
  'lists',
  'oauth',
  'preflight',
  'schedule-preview',
  'sequences',
  'snippets',
  'tasks',
  'threads',
  'tracking',
  'unsubscribe',
  'webhooks',
];
/** Still single files that run SQL; each moves to LAID_OUT when it is split. */
const PENDING = ['accounts', 'auth', 'mailboxes', 'users'];

/** What a file that runs SQL or reaches the tables looks like. */
const SQL_SIGNS: [string, RegExp][] = [
  ['imports drizzle-orm', /from ['"]drizzle-orm/],
  ['imports the schema', /from ['"][./]*db\/schema['"]/],
  ['imports the client', /from ['"][./]*db\/client['"]/],
  ['builds a query', /\.(select|insert|update|delete|transaction|execute)\(/],
  ['writes SQL', /\bsql`/],
];

function sqlProblems(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return SQL_SIGNS.filter(([, re]) => re.test(text)).map(([what]) => `${file}: ${what}`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('route layering', () => {
  it('knows every resource under server/routes, laid out or pending', () => {
    const found = readdirSync(ROUTES).map((n) => n.replace(/\.ts$/, ''));
    expect(found.sort()).toEqual([...LAID_OUT, ...PENDING].filter((r) => found.includes(r)).sort());
    for (const r of LAID_OUT) expect(found, `${r} is laid out`).toContain(r);
  });

  it.each(LAID_OUT)('%s: definitions, handlers and wiring, and none of them runs SQL', (resource) => {
    const dir = join(ROUTES, resource);
    for (const part of ['routes', 'handlers', 'index']) {
      expect(existsSync(join(dir, `${resource}.${part}.ts`)), `${resource}.${part}.ts`).toBe(true);
    }
    expect(filesUnder(dir).flatMap(sqlProblems)).toEqual([]);
  });

  it('the signs of SQL are seen where SQL is (the check is not blind)', () => {
    const useCase = join(DOMAIN, 'snippets/create-snippet.ts');
    expect(sqlProblems(useCase).length).toBeGreaterThan(0);
  });

  it('domain code imports nothing of HTTP: no hono, no server/http, no app-env', () => {
    const problems = filesUnder(DOMAIN).filter((f) =>
      /from ['"](hono|@hono\/[^'"]+|[./]*http\/[^'"]+|[./]*app-env)['"]/.test(readFileSync(f, 'utf8')),
    );
    expect(problems).toEqual([]);
  });
});
