import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Scalar } from '@scalar/hono-api-reference';
import type { Env, Hono } from 'hono';

const SCRIPT_PATH = '/docs/api-reference.js';

/**
 * The API reference at /docs, working offline: Scalar's browser bundle is served from the installed
 * @scalar/api-reference package (not a CDN) and its default web fonts are off, so the page loads
 * only same-origin assets.
 */
export function mountApiReference<E extends Env>(app: Hono<E>, openApiUrl: string): void {
  let script: string | undefined;
  app.get(SCRIPT_PATH, (c) => {
    script ??= readFileSync(
      createRequire(import.meta.url).resolve('@scalar/api-reference/browser/standalone.js'),
      'utf8',
    );
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(script);
  });
  app.get(
    '/docs',
    Scalar({ url: openApiUrl, pageTitle: 'Stride API reference', cdn: SCRIPT_PATH, withDefaultFonts: false }),
  );
}
