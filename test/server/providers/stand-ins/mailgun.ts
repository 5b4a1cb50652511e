import { Hono } from 'hono';
import { mailgunErrors } from '../../../fixtures/providers/error-bodies';
import type { MimePart } from '../helpers/parse-mime';
import { checkMime, providerId } from './checks';
import { type ScriptedResponse, scripted } from './serve';

export interface MailgunSent {
  id: string;
  domain: string;
  to: string;
  variables: Record<string, string>;
  mime: MimePart;
}

export interface MailgunStandInState {
  apiKey: string;
  domains: Set<string>;
  sent: MailgunSent[];
  problems: string[];
  script: ScriptedResponse[];
}

/**
 * Mailgun POST /v3/{domain}/messages.mime. Checks Basic auth `api:KEY` (a wrong key gets the
 * plain-text "Forbidden" Mailgun sends), a known domain (404 "Domain not found" otherwise), a
 * multipart/form-data body with `to` and a `message` file holding our complete MIME, and
 * `v:` user variables; answers `{ id, message: "Queued. Thank you." }`.
 */
export function createMailgunStandIn(apiKey: string, domains: string[]) {
  const state: MailgunStandInState = {
    apiKey,
    domains: new Set(domains),
    sent: [],
    problems: [],
    script: [],
  };
  const app = new Hono();
  const problem = (text: string) => {
    state.problems.push(text);
    return Response.json({ message: `stand-in: ${text}` }, { status: 400 });
  };

  app.post('/v3/:domain/messages.mime', async (c) => {
    const expected = `Basic ${Buffer.from(`api:${state.apiKey}`).toString('base64')}`;
    if (c.req.header('authorization') !== expected) return c.text(mailgunErrors.forbiddenText, 401);
    const domain = c.req.param('domain');
    if (!state.domains.has(domain)) return c.json({ message: `Domain not found: ${domain}` }, 404);
    if (!c.req.header('content-type')?.startsWith('multipart/form-data'))
      return problem('body is not multipart/form-data');
    const form = await c.req.formData();
    const to = form.get('to');
    const message = form.get('message');
    if (typeof to !== 'string' || !to) return problem('to missing');
    if (!(message instanceof File)) return problem('message is not a file part');
    const { mime, problems } = checkMime(await message.text());
    if (problems.length) return problem(problems.join('; '));
    const variables: Record<string, string> = {};
    for (const [key, value] of form.entries()) {
      if (key.startsWith('v:') && typeof value === 'string') variables[key.slice(2)] = value;
    }
    const next = state.script.shift();
    if (next) return scripted(next);
    const id = `<${providerId('20240501120000.')}@${domain}>`;
    state.sent.push({ id, domain, to, variables, mime });
    return c.json({ id, message: 'Queued. Thank you.' });
  });
  return { app, state };
}
