import { Hono } from 'hono';
import { sendgridErrors } from '../../../fixtures/providers/error-bodies';
import { bearerToken, providerId } from './checks';
import { type ScriptedResponse, scripted } from './serve';

export interface SendGridStandInState {
  apiKey: string;
  /** Accepted v3 Mail Send bodies. */
  sent: Array<{ id: string; body: Record<string, unknown> }>;
  problems: string[];
  script: ScriptedResponse[];
}

// SendGrid refuses these in `headers`: they have their own fields or are SendGrid's to set.
const RESERVED = [
  'x-sg-id',
  'x-sg-eid',
  'received',
  'dkim-signature',
  'content-type',
  'content-transfer-encoding',
  'to',
  'from',
  'subject',
  'reply-to',
  'cc',
  'bcc',
];

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** What is wrong with a v3 Mail Send body, checked field by field against SendGrid's documented rules. */
function bodyProblems(body: Record<string, unknown> | undefined): string[] {
  if (!body) return ['body is not a JSON object'];
  const out: string[] = [];
  const personalizations = body.personalizations;
  if (!Array.isArray(personalizations) || personalizations.length === 0) out.push('personalizations missing');
  else {
    const to = record(personalizations[0])?.to;
    if (!Array.isArray(to) || typeof record(to[0])?.email !== 'string')
      out.push('personalizations[0].to[0].email missing');
  }
  if (typeof record(body.from)?.email !== 'string') out.push('from.email missing');
  if (typeof body.subject !== 'string' || !body.subject) out.push('subject missing');
  const content = body.content;
  if (!Array.isArray(content) || content.length === 0) out.push('content missing');
  else {
    const types = content.map((part) => record(part)?.type);
    if (types[0] !== 'text/plain') out.push('content must start with text/plain');
    if (content.some((part) => typeof record(part)?.value !== 'string'))
      out.push('content value not a string');
  }
  const headers = record(body.headers) ?? {};
  for (const [name, value] of Object.entries(headers)) {
    if (RESERVED.includes(name.toLowerCase())) out.push(`reserved header ${name}`);
    if (typeof value !== 'string') out.push(`header ${name} is not a string`);
  }
  const customArgs = record(body.custom_args) ?? {};
  for (const [name, value] of Object.entries(customArgs)) {
    if (typeof value !== 'string') out.push(`custom_args.${name} is not a string`);
  }
  return out;
}

/**
 * SendGrid v3 POST /v3/mail/send. Checks the Bearer API key, JSON content type and the body
 * shape (personalizations/to, from, subject, text/plain first in content, string-only headers
 * without reserved names, string custom_args); answers 202 with X-Message-Id.
 */
export function createSendGridStandIn(apiKey: string) {
  const state: SendGridStandInState = { apiKey, sent: [], problems: [], script: [] };
  const app = new Hono();
  app.post('/v3/mail/send', async (c) => {
    if (bearerToken(c.req.header('authorization')) !== state.apiKey)
      return c.json(sendgridErrors.unauthorized, 401);
    if (!c.req.header('content-type')?.startsWith('application/json')) {
      state.problems.push('content-type is not JSON');
      return c.json({ errors: [{ message: 'stand-in: content-type', field: null, help: null }] }, 400);
    }
    const body = record(await c.req.json().catch(() => undefined));
    const problems = bodyProblems(body);
    if (problems.length) {
      state.problems.push(...problems);
      return c.json(
        { errors: problems.map((message) => ({ message: `stand-in: ${message}`, field: null, help: null })) },
        400,
      );
    }
    const next = state.script.shift();
    if (next) return scripted(next);
    const id = providerId('W1pXdHJq');
    state.sent.push({ id, body: body! });
    return c.body(null, 202, { 'X-Message-Id': id });
  });
  return { app, state };
}
