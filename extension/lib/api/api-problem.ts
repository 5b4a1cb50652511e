import { z } from 'zod';
import { apiErrorSchema } from '../../../shared/schemas/error';

/** Where the console's reader signs in; the background says "on Stride's options page". */
export const SIGN_IN_ON_ACCOUNT_TAB = 'on the Account tab';

export type ProblemKind = 'signed_out' | 'unreachable' | 'server' | 'bad_response';

export interface FieldProblem {
  /** The API's dotted path, e.g. `steps.0.body` or `settings.host`. */
  path: string;
  /** The same path in words: "Step 1 · Body". */
  label: string;
  message: string;
}

/** Every failure the console shows; `message` is already in words a rep can act on. */
export class ApiProblem extends Error {
  constructor(
    readonly kind: ProblemKind,
    message: string,
    readonly status?: number,
    readonly code?: string,
    readonly fields: FieldProblem[] = [],
    /** The server's own message, for callers that frame it in their own sentence (the panel does). */
    readonly serverMessage?: string,
  ) {
    super(message);
  }

  /** The first problem reported for `path` or anything under it (`settings` matches `settings.host`). */
  fieldMessage(path: string): string | undefined {
    return this.fields.find((f) => f.path === path || f.path.startsWith(`${path}.`))?.message;
  }
}

const detailsSchema = z.array(z.object({ path: z.string(), message: z.string() }).loose());

const WORDS: Record<string, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  waitMinutes: 'Wait',
  threadMode: 'Thread',
  dailyLimit: 'Daily limit',
  hourlyLimit: 'Hourly limit',
  resumeAt: 'Resume date',
  host: 'Server (host)',
  apiKey: 'API key',
  accessToken: 'Access token',
  '(body)': 'Request',
};

/** `steps.0.body` → "Step 1 · Body"; `schedule.windows.1.end` → "Schedule · Window 2 · End". */
export function fieldLabel(path: string): string {
  const parts = path.split('.');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    const next = parts[i + 1];
    if (next !== undefined && /^\d+$/.test(next)) {
      const noun = part.endsWith('s') ? part.slice(0, -1) : part;
      out.push(`${capitalise(noun)} ${Number(next) + 1}`);
      i++;
      continue;
    }
    if (part === 'settings') continue;
    out.push(WORDS[part] ?? capitalise(part.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()));
  }
  return out.join(' · ') || 'Request';
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** A server message as a sentence: capitalised, one full stop (some messages bring their own). */
const withStop = (s: string) => (/[.!?]$/.test(s) ? s : `${s}.`);
const sentence = (s: string) => capitalise(withStop(s));

function fieldsOf(details: unknown): FieldProblem[] {
  const parsed = detailsSchema.safeParse(details);
  if (!parsed.success) return [];
  return parsed.data.map((d) => ({ path: d.path, label: fieldLabel(d.path), message: d.message }));
}

/*
 * The server's messages are written for developers ("sequence not found", "a finished enrollment
 * cannot be paused"); these sentences frame them for a rep and say what to do next.
 */
function sentenceFor(status: number, code: string, message: string, fields: FieldProblem[]): string {
  if (status === 400 && fields.length > 0) {
    return fields.length === 1 ? 'One field needs fixing.' : `${fields.length} fields need fixing.`;
  }
  switch (code) {
    case 'not_found':
      return `We couldn't find that: ${message}. It may have been deleted, or it isn't shared with you.`;
    case 'forbidden':
      return `You don't have permission to do this (${message}). Ask the owner or an admin.`;
    case 'conflict':
      return `That didn't work: ${withStop(message)}`;
    case 'mailbox_busy':
      return 'This mailbox is sending an email right now. Try again in a minute.';
    case 'payload_too_large':
    case 'too_many_rows':
    case 'unsupported_media_type':
      return `The file was refused: ${message}.`;
    case 'mailbox_limit_reached':
      return `You've linked as many mailboxes as allowed: ${message}.`;
    case 'oauth_not_configured':
      return `Signing in with this provider isn't set up on your Stride server (${message}). Paste a token instead, or ask your admin.`;
    case 'too_many_attempts':
      return 'Too many attempts in a short time. Wait a minute and try again.';
  }
  if (status >= 500) {
    return 'The Stride server ran into a problem. Try again in a moment; if it keeps happening, tell your admin.';
  }
  return message ? sentence(message) : `The server refused this (error ${status}).`;
}

/** Turns a non-2xx answer into an ApiProblem, reading API.md's `{error: {code, message, details}}`. */
export function problemFromResponse(
  status: number,
  body: unknown,
  signInWhere = SIGN_IN_ON_ACCOUNT_TAB,
): ApiProblem {
  if (status === 401) {
    return new ApiProblem('signed_out', `Your Stride session has ended. Sign in again ${signInWhere}.`, 401);
  }
  const envelope = apiErrorSchema.safeParse(body);
  if (!envelope.success) {
    return new ApiProblem(
      'server',
      status >= 500
        ? 'The Stride server ran into a problem. Try again in a moment.'
        : `The server refused this (error ${status}).`,
      status,
    );
  }
  const { code, message, details } = envelope.data.error;
  const fields = fieldsOf(details);
  return new ApiProblem('server', sentenceFor(status, code, message, fields), status, code, fields, message);
}

const STATUS_OF_CODE: Record<string, number> = {
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  internal_error: 500,
};

/** One item's error inside a bulk answer, in the same words as the refusal of a single call. */
export function problemFromItemError(error: { code: string; message: string }): ApiProblem {
  return problemFromResponse(STATUS_OF_CODE[error.code] ?? 400, { error });
}

/** Anything thrown while talking to the server, as an ApiProblem (unexpected throws included). */
export function asProblem(err: unknown): ApiProblem {
  if (err instanceof ApiProblem) return err;
  return new ApiProblem('server', err instanceof Error ? err.message : 'Something went wrong.');
}
