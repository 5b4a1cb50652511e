import type { EnrollmentView, ExtensionNotice, ResultOf } from '../../../shared/schemas/extension-messages';
import type { MailCompose, PresendDecision } from '../../hosts/mail-host';
import type { StrideClient } from '../../lib/stride-client';

type Preflight = ResultOf<'preflight'>;

export interface RecipientCheck {
  email: string;
  state: 'checking' | 'done';
  /** Null when the server could not be asked (see `problem`). */
  result: Preflight['result'];
  problem?: Preflight['problem'] | 'extension';
  enrollments: EnrollmentView[];
}

export interface GuardState {
  recipients: RecipientCheck[];
  /** The send is held and the rep is asked: Send anyway / Cancel. */
  confirming: boolean;
  /** The rep pressed Send while checks were still running. */
  waitingToSend: boolean;
}

export interface GuardOptions {
  debounceMs?: number;
  cacheMs?: number;
  /** A held send goes out after this long even if the checks have not answered. */
  holdTimeoutMs?: number;
  now?: () => number;
}

const blocked = (c: RecipientCheck | undefined) => c?.state === 'done' && c.result?.ok === false;

/**
 * The compose bar's brain: preflight per recipient (debounced, cached), and the presend decision.
 * It never blocks a send because Stride itself failed; only a server answer with reasons holds it.
 */
export function createComposeGuard(client: StrideClient, compose: MailCompose, options: GuardOptions = {}) {
  const debounceMs = options.debounceMs ?? 250;
  const cacheMs = options.cacheMs ?? 60_000;
  const holdTimeoutMs = options.holdTimeoutMs ?? 4_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { check: RecipientCheck; at: number }>();
  const inflight = new Map<string, Promise<RecipientCheck>>();
  const listeners = new Set<() => void>();
  let state: GuardState = { recipients: [], confirming: false, waitingToSend: false };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastChange = Number.NEGATIVE_INFINITY;
  let disposed = false;

  const set = (patch: Partial<GuardState>) => {
    state = { ...state, ...patch };
    for (const l of listeners) l();
  };

  const fetchCheck = (email: string): Promise<RecipientCheck> => {
    const running = inflight.get(email);
    if (running) return running;
    const p = client
      .request({
        type: 'preflight',
        email,
        subject: compose.getSubject(),
        body: compose.getBody().slice(0, 100_000),
      })
      .then((outcome): RecipientCheck => {
        const check: RecipientCheck = outcome.ok
          ? {
              email,
              state: 'done',
              result: outcome.result.result,
              enrollments: outcome.result.enrollments,
              ...(outcome.result.problem ? { problem: outcome.result.problem } : {}),
            }
          : { email, state: 'done', result: null, problem: 'extension', enrollments: [] };
        // Failed checks are retried on the next change rather than remembered for a minute.
        if (check.result) cache.set(email, { check, at: now() });
        return check;
      })
      .finally(() => inflight.delete(email));
    inflight.set(email, p);
    return p;
  };

  const run = () => {
    const emails = compose.getRecipients();
    const current = new Map(state.recipients.map((r) => [r.email, r]));
    const checks = emails.map((email): RecipientCheck => {
      const hit = cache.get(email);
      if (hit && now() - hit.at < cacheMs) return hit.check;
      void fetchCheck(email).then((check) => {
        if (disposed || !state.recipients.some((r) => r.email === email)) return;
        set({ recipients: state.recipients.map((r) => (r.email === email ? check : r)) });
      });
      return { email, state: 'checking', result: null, enrollments: current.get(email)?.enrollments ?? [] };
    });
    set({ recipients: checks, ...(emails.length === 0 ? { confirming: false } : {}) });
  };

  // Leading and trailing: a change after a quiet spell is checked at once (the bar answers within
  // the round trip), changes that follow it closely (a pasted list) once more at the end.
  const schedule = () => {
    if (disposed) return;
    const quiet = now() - lastChange >= debounceMs;
    lastChange = now();
    if (!timer && quiet) return run();
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      run();
    }, debounceMs);
  };

  const settle = async () => {
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
      run();
    }
    const pending = compose
      .getRecipients()
      .map((email) => inflight.get(email))
      .filter((p) => !!p);
    const timeout = new Promise((resolve) => setTimeout(resolve, holdTimeoutMs));
    await Promise.race([Promise.all(pending), timeout]);
  };

  const decide = (): PresendDecision => {
    if (state.confirming || state.waitingToSend) return false;
    const emails = compose.getRecipients();
    if (emails.length === 0) return true;
    const checks = emails.map((e) => state.recipients.find((r) => r.email === e));
    if (timer || checks.some((c) => !c || c.state === 'checking')) {
      set({ waitingToSend: true });
      void settle().then(() => {
        if (disposed) return;
        const latest = compose.getRecipients().map((e) => state.recipients.find((r) => r.email === e));
        if (latest.some(blocked)) return set({ waitingToSend: false, confirming: true });
        set({ waitingToSend: false });
        compose.send();
      });
      return 'hold';
    }
    if (checks.some(blocked)) {
      set({ confirming: true });
      return 'hold';
    }
    return true;
  };

  const onNotice = (notice: ExtensionNotice) => {
    const stale = [...cache.entries()].filter(
      ([email, { check }]) =>
        notice.type === 'session' ||
        notice.all ||
        notice.emails.includes(email) ||
        check.enrollments.some((e) => notice.contactIds.includes(e.contactId)),
    );
    if (stale.length === 0) return;
    for (const [email] of stale) cache.delete(email);
    run();
  };

  const stops = [compose.onRecipientsChanged(schedule), compose.onPresend(decide), client.onNotice(onNotice)];
  if (compose.getRecipients().length > 0) run();

  return {
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => state,
    sendAnyway() {
      set({ confirming: false });
      compose.send();
    },
    cancelSend: () => set({ confirming: false }),
    dispose() {
      disposed = true;
      clearTimeout(timer);
      for (const stop of stops) stop();
      listeners.clear();
    },
  };
}
export type ComposeGuard = ReturnType<typeof createComposeGuard>;
