import type { Hook } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { z } from 'zod';

export interface FieldIssue {
  path: string;
  message: string;
}

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }));
}

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

/** The single hook every route's validator uses: a failed parse is a 400 naming the failing fields. */
// biome-ignore lint/suspicious/noExplicitAny: the hook is shared by routes of every input/env type
export const validationHook: Hook<any, any, any, any> = (result, c: Context) => {
  if (!result.success) return c.json(validationErrorBody(result.error as z.ZodError), 400);
};
