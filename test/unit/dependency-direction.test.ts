import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The dependency direction is extension → shared ← server, and inside the server the domain never
 * reaches HTTP (issue #14). Biome's noRestrictedImports (biome.json) covers shared/ and server/domain,
 * but it cannot tell `import type` from a value import, which is the whole rule for the extension: it
 * may take the server's `AppType` (types only, erased at build) and nothing that would bundle server
 * code. So this test parses every file with the TypeScript compiler and checks each import.
 */
const ROOT = resolve(__dirname, '../..');

interface Import {
  file: string;
  specifier: string;
  /** Erased at build: `import type …`, `export type … from`, or `typeof import(…)` in a type. */
  typeOnly: boolean;
  line: number;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name.startsWith('.') ? [] : sourceFiles(path);
    return /\.(m|c)?tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every module a file names: static imports and re-exports, dynamic import(), require(). */
function importsOf(file: string, text = readFileSync(file, 'utf8')): Import[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Import[] = [];
  const add = (spec: ts.Expression | undefined, typeOnly: boolean, at: ts.Node) => {
    if (!spec || !ts.isStringLiteralLike(spec)) return;
    const line = source.getLineAndCharacterOfPosition(at.getStart(source)).line + 1;
    found.push({ file, specifier: spec.text, typeOnly, line });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      // `import { type A } from 'x'` keeps `import 'x'` under verbatimModuleSyntax: only `import type` is erased.
      add(node.moduleSpecifier, node.importClause?.isTypeOnly === true, node);
    } else if (ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, node.isTypeOnly, node);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly, node);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true, node);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      if (isImport || isRequire) add(node.arguments[0], false, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Where a specifier lands in the repository (WXT's aliases included), or null for a package. */
function target(imp: Import): string | null {
  const s = imp.specifier;
  if (s.startsWith('.')) return resolve(dirname(imp.file), s);
  if (s.startsWith('@@/') || s.startsWith('~~/')) return resolve(ROOT, s.slice(3));
  if (s.startsWith('@/') || s.startsWith('~/')) return resolve(ROOT, 'extension', s.slice(2));
  return null;
}

const inside = (path: string | null, dir: string) =>
  path !== null && (path === join(ROOT, dir) || path.startsWith(join(ROOT, dir) + sep));

const describeImport = (imp: Import) => `${relative(ROOT, imp.file)}:${imp.line} imports '${imp.specifier}'`;

const allImports = (dir: string) => sourceFiles(join(ROOT, dir)).flatMap((f) => importsOf(f));

// Each check parses a whole tree with the compiler API: seconds, not the unit default of 5, on a busy machine.
describe('dependency direction', { timeout: 30_000 }, () => {
  it('the extension takes only types from server/ (the AppType), never a value', () => {
    const reaching = allImports('extension').filter((i) => inside(target(i), 'server'));
    expect(reaching.length, 'the typed API client takes AppType from server/app').toBeGreaterThan(0);
    const valueImports = reaching.filter((i) => !i.typeOnly).map(describeImport);
    expect(valueImports, 'use `import type` for the server, or move the code to shared/').toEqual([]);
  });

  it('shared/ imports neither the server nor the extension', () => {
    const wrong = allImports('shared')
      .filter((i) => inside(target(i), 'server') || inside(target(i), 'extension'))
      .map(describeImport);
    expect(wrong).toEqual([]);
  });

  it('server/domain imports no routes, no http/, no hono, no app-env', () => {
    const wrong = allImports('server/domain')
      .filter((i) => {
        const to = target(i);
        return (
          /^(hono|@hono\/)/.test(i.specifier) ||
          inside(to, 'server/routes') ||
          inside(to, 'server/http') ||
          (to !== null && /[/\\]server[/\\]app(-env)?$/.test(to))
        );
      })
      .map(describeImport);
    expect(wrong).toEqual([]);
  });

  it('server/domain does not depend on the scheduler (the scheduler uses the domain, not the reverse)', () => {
    const wrong = allImports('server/domain')
      .filter((i) => inside(target(i), 'server/scheduler'))
      .map(describeImport);
    expect(wrong, 'move the shared part into server/domain (or shared/)').toEqual([]);
  });

  it('tells a value import from a type-only one (the check is not blind)', () => {
    const file = join(ROOT, 'extension/lib/example.ts');
    const text = [
      "import type { AppType } from '../../server/app';",
      "import { createApp } from '../../server/app';",
      "import { type Db } from '../../server/db/client';",
      "export type { Actor } from '../../server/domain/actor';",
      "export { toPage } from '../../server/domain/page';",
      "const later = () => import('../../server/main');",
      "type Deps = typeof import('../../server/app-env');",
    ].join('\n');
    const found = importsOf(file, text).map((i) => [i.specifier, i.typeOnly, inside(target(i), 'server')]);
    expect(found).toEqual([
      ['../../server/app', true, true],
      ['../../server/app', false, true],
      ['../../server/db/client', false, true],
      ['../../server/domain/actor', true, true],
      ['../../server/domain/page', false, true],
      ['../../server/main', false, true],
      ['../../server/app-env', true, true],
    ]);
  });
});
