import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Route files run no SQL and hold no access rules: they read input, call one use-case, answer
 * (issue #14, "one shape per resource"). Every resource has the routes/<r>/<r>.{routes,handlers,index}.ts
 * shape; a route file anywhere else (a single-file route, a folder not listed here) fails the test.
 */
const ROUTES = join(__dirname, '../../../server/routes');
const DOMAIN = join(__dirname, '../../../server/domain');

const LAID_OUT = [
  'accounts',
  'auth',
  'blocklist',
  'changes',
  'contact-import',
  'contacts',
  'emails',
  'enrollment-history',
  'enrollments',
  'health',
  'lists',
  'mailboxes',
  'oauth',
  'preflight',
  'schedule-preview',
  'sequences',
  'snippets',
  'tasks',
  'threads',
  'tracking',
  'unsubscribe',
  'users',
  'webhooks',
];

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
  it('server/routes holds only the laid-out resource folders, no route file beside them', () => {
    const entries = readdirSync(ROUTES, { withFileTypes: true });
    const strays = entries.filter((e) => !e.isDirectory() || !LAID_OUT.includes(e.name)).map((e) => e.name);
    expect(strays, 'add a new resource as routes/<r>/<r>.{routes,handlers,index}.ts and list it').toEqual([]);
    expect(entries.map((e) => e.name).sort()).toEqual([...LAID_OUT].sort());
  });

  it.each(LAID_OUT)('%s: every file is named <resource>.<part>.ts, with no subfolders', (resource) => {
    const dir = join(ROUTES, resource);
    const strays = readdirSync(dir, { withFileTypes: true })
      .filter((e) => !e.isFile() || !new RegExp(`^${resource}\\.[a-z-]+\\.ts$`).test(e.name))
      .map((e) => `${resource}/${e.name}`);
    expect(strays).toEqual([]);
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
