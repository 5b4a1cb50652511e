import { detectBounce } from '../../../shared/replies/bounce';
import {
  type Classification,
  classifyMessage,
  type MessageKind,
} from '../../../shared/replies/classify-message';
import { getHeader } from '../../../shared/replies/headers';
import { inboxKey } from '../../../shared/replies/same-inbox';
import type { ObserveThreadBody } from '../../../shared/schemas/observe';
import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import {
  addressesIn,
  failedRecipients,
  normalizeMessageId,
  observationKey,
  parseAddress,
  referencedMessageIds,
} from './message-keys';
import {
  emailsByMessageId,
  emailsInThreads,
  type LiveEnrollment,
  loadContacts,
  loadLiveEnrollments,
  type MatchedContact,
  type OurEmail,
  type SentEmail,
  teamAddresses,
} from './plan-lookups';

export type { LiveEnrollment, MatchedContact } from './plan-lookups';
export { LIVE_STATUSES } from './plan-lookups';

/**
 * Allowance for the contact's clock being behind ours: an auto-responder answers within seconds,
 * and its Date header must not make it look older than the email it answers.
 */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** Whether an address is the team's own (any mailbox, user or alias, in any variant of it). */
type IsOurs = (address: string) => boolean;

type ReportedMessage = ObserveThreadBody['messages'][number];

/** What planning reads of a thread: the page's report, or a synced message (which has no host). */
export type ThreadToPlan = Pick<ObserveThreadBody, 'threadId' | 'subject' | 'messages'>;

/** The classifier behind one interface, so page and sync read messages the same way. */
export type MessageClassifier = typeof classifyMessage;

export interface ParsedMessage {
  key: string;
  raw: ReportedMessage;
  address: string | null;
  date: Date;
  /** The message's own Subject header when scraped, else the thread's (bounce reports differ). */
  subject: string | undefined;
  rfcId: string | null;
  refs: string[];
}

export interface PlannedTarget {
  contact: MatchedContact;
  enrollment: LiveEnrollment;
  classification: Classification;
  /** The email of ours the message answers (or reports as undeliverable), when it can be told. */
  emailId: string | null;
}

export interface PlannedMessage {
  message: ParsedMessage;
  kind: MessageKind;
  evidence: string;
  targets: PlannedTarget[];
  /**
   * A reply from a contact with no live enrollment of their own to our email to a colleague at the
   * same account: recorded as their reply (no enrollment changes), which the send guard's
   * `same_account_replied` reads for the account's other contacts.
   */
  colleague?: { contact: MatchedContact; classification: Classification; emailId: string };
}

/** A message that changes or records something (the rest leave no key, so a colleague may still report them). */
export const concernsSomeone = (plan: PlannedMessage) =>
  plan.targets.length > 0 || plan.colleague !== undefined;

function parseMessages(body: ThreadToPlan): ParsedMessage[] {
  return body.messages
    .map((raw) => ({
      key: observationKey(body.threadId, raw),
      raw,
      address: parseAddress(raw.from),
      date: new Date(raw.date),
      subject: getHeader(raw.headers, 'Subject') ?? body.subject,
      rfcId: normalizeMessageId(raw.messageId),
      refs: referencedMessageIds(raw.headers),
    }))
    .sort((a, b) => a.date.getTime() - b.date.getTime());
}

const groupBy = <T>(list: readonly T[], key: (t: T) => string | null) => {
  const out = new Map<string, T[]>();
  for (const t of list) {
    const k = key(t);
    if (k === null) continue;
    const bucket = out.get(k);
    if (bucket) bucket.push(t);
    else out.set(k, [t]);
  }
  return out;
};

/**
 * Reads the thread and decides, without writing, what each message means for which enrollment.
 * Messages are planned oldest first, so an out-of-office followed by a reply ends as a reply.
 */
export async function planThread(
  db: Db,
  user: Actor,
  body: ThreadToPlan,
  now: Date,
  classify: MessageClassifier = classifyMessage,
): Promise<PlannedMessage[]> {
  const [planned] = await planThreads(db, user, [body], now, classify);
  return planned?.plans ?? [];
}

export interface PlannedThread {
  plans: PlannedMessage[];
  /** Every contact whose live enrollments the plans were chosen among (a changed one means re-plan). */
  contactIds: Set<string>;
}

interface ThreadWork {
  body: ThreadToPlan;
  theirs: ParsedMessage[];
  quoted: Set<string>;
  addresses: string[];
}

/**
 * `planThread` for many threads at once (a sync's pull: one thread per message), with each lookup
 * made once for all of them, so a pull of hundreds of messages costs a handful of queries instead
 * of five per message. Each thread's plan is the one `planThread` gives it alone: every lookup is
 * the union of the single ones, and each thread sees only its own share of the rows.
 */
export async function planThreads(
  db: Db,
  user: Actor,
  bodies: ThreadToPlan[],
  now: Date,
  classify: MessageClassifier = classifyMessage,
): Promise<PlannedThread[]> {
  const parsed = bodies.map((body) => ({ body, messages: parseMessages(body) }));
  if (parsed.every((p) => p.messages.length === 0))
    return bodies.map(() => ({ plans: [], contactIds: new Set() }));
  const keys = await teamAddresses(db, user);
  const own: IsOurs = (address) => keys.has(inboxKey(address) ?? address);
  const quotedBy = parsed.map(
    (p) => new Set(p.messages.flatMap((m) => [...m.refs, ...(m.rfcId ? [m.rfcId] : [])])),
  );
  const byMessageIdAll = await emailsByMessageId(db, user.teamId, [
    ...new Set(quotedBy.flatMap((q) => [...q])),
  ]);
  const ourIds = new Set(byMessageIdAll.flatMap((e) => (e.messageId ? [e.messageId] : [])));
  const work: ThreadWork[] = parsed.map(({ body, messages }, i) => {
    // Our own sent emails show up in the thread too; whoever sent them, they are not the contact's. Nor
    // is anything the team writes itself: a colleague chiming in, the rep's `+tag` copy, an alias.
    const theirs = messages.filter(
      (m) => m.address !== null && !own(m.address) && !(m.rfcId && ourIds.has(m.rfcId)),
    );
    // Addresses a delivery report names may be the bounced contact's; a person's text names too many.
    const named = theirs.flatMap((m) => {
      const report = detectBounce({
        from: m.raw.from,
        subject: m.subject,
        text: m.raw.text,
        headers: m.raw.headers,
      });
      if (report?.kind !== 'bounce') return [];
      return [...report.detail.recipients, ...failedRecipients(m.raw.headers), ...addressesIn(m.raw.text)];
    });
    const addresses = [...new Set([...theirs.map((m) => m.address as string), ...named])].filter(
      (a) => !own(a),
    );
    return { body, theirs, quoted: quotedBy[i] as Set<string>, addresses };
  });
  const active = work.filter((w) => w.theirs.length > 0);
  const byAddressAll = await loadContacts(db, user, [...new Set(active.flatMap((w) => w.addresses))], []);
  const contactsOf = active.map((w) => {
    const wanted = new Set(w.addresses);
    return byAddressAll.filter((c) => c.emailLower !== null && wanted.has(c.emailLower));
  });
  const inThreadAll = await emailsInThreads(
    db,
    user.teamId,
    [...new Set(active.map((w) => w.body.threadId))],
    [...new Set(contactsOf.flatMap((rows) => rows.map((c) => c.id)))],
  );
  const byMessageIdOf = active.map((w) =>
    byMessageIdAll.filter((e) => e.messageId && w.quoted.has(e.messageId)),
  );
  const unseenOf = active.map((_, i) => {
    const known = new Set((contactsOf[i] as MatchedContact[]).map((c) => c.id));
    return [...new Set((byMessageIdOf[i] as OurEmail[]).map((e) => e.contactId))].filter(
      (id) => !known.has(id),
    );
  });
  const byIdAll = await loadContacts(db, user, [], [...new Set(unseenOf.flat())]);
  const contactRowsOf = active.map((_, i) => {
    const unseen = new Set(unseenOf[i]);
    return [...(contactsOf[i] as MatchedContact[]), ...byIdAll.filter((c) => unseen.has(c.id))];
  });
  const liveAll = await loadLiveEnrollments(db, user.teamId, [
    ...new Set(contactRowsOf.flatMap((rows) => rows.map((c) => c.id))),
  ]);
  const out = new Map<ThreadWork, PlannedThread>();
  active.forEach((w, i) => {
    const contactRows = contactRowsOf[i] as MatchedContact[];
    const ids = new Set((contactsOf[i] as MatchedContact[]).map((c) => c.id));
    const inThread = inThreadAll.filter((e) => e.threadId === w.body.threadId && ids.has(e.contactId));
    const plans = planMessages(w, {
      own,
      contactRows,
      sentEmails: [...(byMessageIdOf[i] as OurEmail[]), ...inThread],
      live: liveAll,
      now,
      classify,
    });
    out.set(w, { plans, contactIds: new Set(contactRows.map((c) => c.id)) });
  });
  return work.map((w) => out.get(w) ?? { plans: [], contactIds: new Set() });
}

/** The part of planning that reads nothing: one thread's messages against the rows looked up for it. */
function planMessages(
  w: ThreadWork,
  rows: {
    own: IsOurs;
    contactRows: MatchedContact[];
    sentEmails: OurEmail[];
    live: LiveEnrollment[];
    now: Date;
    classify: MessageClassifier;
  },
): PlannedMessage[] {
  const { own, contactRows, now, classify } = rows;
  const sentInThread: SentEmail[] = [];
  const seen = new Set<string>();
  for (const e of rows.sentEmails) {
    if (!e.sentAt || seen.has(e.id)) continue;
    seen.add(e.id);
    sentInThread.push({ ...e, sentAt: e.sentAt });
  }

  const contactByAddress = new Map(
    contactRows.flatMap((c) => (c.emailLower ? [[c.emailLower, c] as const] : [])),
  );
  const contactById = new Map(contactRows.map((c) => [c.id, c]));
  const live = groupBy(
    rows.live.filter((e) => contactById.has(e.contactId)),
    (e) => e.contactId,
  );
  const threadByEnrollment = groupBy(sentInThread, (e) => e.enrollmentId);

  const plans: PlannedMessage[] = [];
  for (const m of w.theirs) {
    const sender = contactByAddress.get(m.address as string);
    const classifyAt = m.date < now ? m.date : now;
    const classifyFor = (zone: string | null) =>
      classify(
        { from: m.raw.from, subject: m.subject, text: m.raw.text, headers: m.raw.headers },
        { now: classifyAt, timeZone: zone },
      );
    const first = classifyFor(sender?.timezone ?? null);
    let targets: MatchedContact[] = [];
    if (sender) targets = [sender];
    else if (first.kind === 'bounce')
      targets = bounceTargets(
        m,
        first.bounce?.recipients ?? [],
        sentInThread,
        contactById,
        contactByAddress,
        own,
      );

    const planned: PlannedTarget[] = [];
    for (const contact of targets) {
      const classification = contact === sender ? first : classifyFor(contact.timezone);
      for (const { enrollment, since, email } of enrollmentsFor(contact, m, live, threadByEnrollment)) {
        if (m.date.getTime() < since.getTime() - CLOCK_SKEW_MS) continue;
        planned.push({ contact, enrollment, classification, emailId: email });
      }
    }
    const answered =
      sender?.accountId && planned.length === 0 && first.kind === 'reply'
        ? sentInThread.find(
            (e) =>
              e.contactId !== sender.id &&
              e.messageId !== null &&
              m.refs.includes(e.messageId) &&
              contactById.get(e.contactId)?.accountId === sender.accountId,
          )
        : undefined;
    plans.push({
      message: m,
      kind: first.kind,
      evidence: first.evidence,
      targets: planned,
      ...(sender &&
        answered && { colleague: { contact: sender, classification: first, emailId: answered.id } }),
    });
  }
  return plans;
}

/**
 * The enrollments a message from (or about) the contact concerns: those whose emails the thread shows
 * when there are any, else every live one that has sent the contact something. `since` is the first
 * email of ours in that thread (or enrollment): anything older predates the sequence.
 */
function enrollmentsFor(
  contact: MatchedContact,
  m: ParsedMessage,
  live: Map<string, LiveEnrollment[]>,
  threadByEnrollment: Map<string, SentEmail[]>,
): { enrollment: LiveEnrollment; since: Date; email: string | null }[] {
  const mine = live.get(contact.id) ?? [];
  const inThread = mine.filter((e) => threadByEnrollment.has(e.id));
  if (inThread.length === 0)
    return mine.map((enrollment) => ({ enrollment, since: enrollment.firstSentAt, email: null }));
  return inThread.map((enrollment) => {
    const sent = (threadByEnrollment.get(enrollment.id) ?? []).sort(
      (a, b) => a.sentAt.getTime() - b.sentAt.getTime(),
    );
    const answered = sent.find((e) => e.messageId !== null && m.refs.includes(e.messageId));
    const before = sent.filter((e) => e.sentAt.getTime() <= m.date.getTime() + CLOCK_SKEW_MS).at(-1);
    return {
      enrollment,
      since: sent[0]?.sentAt ?? enrollment.firstSentAt,
      email: (answered ?? before ?? sent.at(-1))?.id ?? null,
    };
  });
}

/**
 * Whose address a delivery report is about. The report comes from a daemon, not the contact, so the
 * contact is found through our email it answers (by Message-ID, else by the thread) or the addresses
 * it names. `X-Failed-Recipients` and the recipients the report itself names are authoritative; an address merely mentioned in the text decides
 * only when it picks one contact, since a report also quotes other headers.
 */
function bounceTargets(
  m: ParsedMessage,
  reported: readonly string[],
  sentInThread: SentEmail[],
  contactById: Map<string, MatchedContact>,
  contactByAddress: Map<string, MatchedContact>,
  own: IsOurs,
): MatchedContact[] {
  // The report's own fields (RFC 3464 Final-Recipient, "could not be delivered to:") count like the header.
  const failed = new Set([...failedRecipients(m.raw.headers), ...reported]);
  const mentioned = new Set(addressesIn(m.raw.text).filter((a) => !own(a)));
  const direct = sentInThread.filter((e) => e.messageId !== null && m.refs.includes(e.messageId));
  const evidence = direct.length > 0 ? direct : sentInThread;
  const pool = new Map<string, MatchedContact>();
  for (const e of evidence) {
    const c = contactById.get(e.contactId);
    if (c) pool.set(c.id, c);
  }
  const byAddress = (c: MatchedContact, set: Set<string>) => c.emailLower !== null && set.has(c.emailLower);
  if (failed.size > 0) {
    if (pool.size > 0) return [...pool.values()].filter((c) => byAddress(c, failed));
    return [...failed].flatMap((a) => contactByAddress.get(a) ?? []);
  }
  if (pool.size > 0) {
    const named = [...pool.values()].filter((c) => byAddress(c, mentioned));
    if (named.length > 0) return named;
    return pool.size === 1 ? [...pool.values()] : [];
  }
  const named = [...mentioned].flatMap((a) => contactByAddress.get(a) ?? []);
  return named.length === 1 ? named : [];
}
