import type { Hook } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { z } from 'zod';
import { zodIssues } from '../domain/field-issues';
import { unsafeTextPaths } from '../domain/unsafe-text';

export function validationErrorBody(error: z.ZodError) {
  const issues = zodIssues(error);
  const first = issues[0];
  return {
    error: {
      code: 'validation_failed',
      message: first ? `${first.path}: ${first.message}` : 'the request is not valid',
      details: issues,
    },
  };
}

/** A 400 for text the database cannot hold, with every field that holds it. */
export function unsafeTextBody(paths: string[]) {
  const details = paths.map((path) => ({
    path,
    message: 'contains a NUL character or an unpaired UTF-16 surrogate, which cannot be stored',
  }));
  return {
    error: {
      code: 'validation_failed',
      message: `${details[0]?.path ?? '(body)'}: ${details[0]?.message ?? 'invalid text'}`,
      details,
    },
  };
}

/**
 * The single hook every route's validator uses: a failed parse is a 400 naming the failing fields,
 * and so is a parsed value carrying NUL or lone surrogates (body, query and path alike), which would
 * otherwise reach the database and fail there as a 500.
 */
// biome-ignore lint/suspicious/noExplicitAny: the hook is shared by routes of every input/env type
export const validationHook: Hook<any, any, any, any> = (result, c: Context) => {
  if (!result.success) return c.json(validationErrorBody(result.error as z.ZodError), 400);
  const bad = unsafeTextPaths(result.data);
  if (bad.length > 0) return c.json(unsafeTextBody(bad), 400);
};
