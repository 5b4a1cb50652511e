import { and, eq, inArray, isNotNull, min, or, type SQL } from 'drizzle-orm';
import { detectBounce } from '../../../shared/replies/bounce';
import {
  type Classification,
  classifyMessage,
  type MessageKind,
} from '../../../shared/replies/classify-message';
import { getHeader } from '../../../shared/replies/headers';
import type { ObserveThreadBody } from '../../../shared/schemas/observe';
import { effectiveRuleset } from '../../../shared/schemas/ruleset';
import { visibleContacts } from '../../auth/access';
import type { Db } from '../../db/client';
import { contacts, emails, enrollments, mailboxes, sequences } from '../../db/schema';
import type { Actor } from '../actor';
import { chunks } from '../enrollments/schedule-step';
import { rulesetOf } from '../sequences/dto';
import {
  addressesIn,
  failedRecipients,
  normalizeMessageId,
  observationKey,
  parseAddress,
  referencedMessageIds,
} from './message-keys';

/** Enrollment statuses a message from the contact can still change (API.md's `not_sent` included). */
export const LIVE_STATUSES = ['active', 'scheduled', 'paused', 'not_sent'] as const;

/**
 * Allowance for the contact's clock being behind ours: an auto-responder answers within seconds,
 * and its Date header must not make it look older than the email it answers.
 */
export const CLOCK_SKEW_MS = 5 * 60_000;

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

export interface MatchedContact {
  id: string;
  emailLower: string | null;
  timezone: string | null;
}

export interface LiveEnrollment {
  id: string;
  contactId: string;
  sequenceId: string;
  finishOnReply: boolean;
  firstSentAt: Date;
}

interface SentEmail {
  id: string;
  enrollmentId: string | null;
  contactId: string;
  messageId: string | null;
  sentAt: Date;
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
}

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

async function ownAddresses(db: Db, user: Actor): Promise<Set<string>> {
  const rows = await db
    .select({ address: mailboxes.address })
    .from(mailboxes)
    .where(and(eq(mailboxes.userId, user.id), eq(mailboxes.teamId, user.teamId)));
  return new Set([user.email.toLowerCase(), ...rows.map((r) => r.address.toLowerCase())]);
}

type OurEmail = Omit<SentEmail, 'sentAt'> & { sentAt: Date | null };
const ourEmailColumns = {
  id: emails.id,
  enrollmentId: emails.enrollmentId,
  contactId: emails.contactId,
  messageId: emails.messageId,
  sentAt: emails.sentAt,
};

/** Our emails that messages of the thread quote by Message-ID (indexed), whoever they went to. */
async function emailsByMessageId(db: Db, teamId: string, ids: string[]): Promise<OurEmail[]> {
  const out: OurEmail[] = [];
  for (const part of chunks(ids)) {
    out.push(
      ...(await db
        .select(ourEmailColumns)
        .from(emails)
        .where(and(eq(emails.teamId, teamId), inArray(emails.messageId, part)))),
    );
  }
  return out;
}

/**
 * Our emails to these contacts that carry the reported thread id. Looked up per contact because
 * thread ids are not indexed on their own, and only a candidate contact's emails can matter.
 */
async function emailsInThread(db: Db, teamId: string, threadId: string, contactIds: string[]) {
  const out: OurEmail[] = [];
  for (const part of chunks(contactIds)) {
    out.push(
      ...(await db
        .select(ourEmailColumns)
        .from(emails)
        .where(
          and(eq(emails.teamId, teamId), inArray(emails.contactId, part), eq(emails.threadId, threadId)),
        )),
    );
  }
  return out;
}

async function loadContacts(db: Db, user: Actor, addresses: string[], ids: string[]) {
  const out: MatchedContact[] = [];
  const wanted: SQL[] = [];
  for (const part of chunks(addresses)) wanted.push(inArray(contacts.emailLower, part));
  for (const part of chunks(ids)) wanted.push(inArray(contacts.id, part));
  if (wanted.length === 0) return out;
  out.push(
    ...(await db
      .select({ id: contacts.id, emailLower: contacts.emailLower, timezone: contacts.timezone })
      .from(contacts)
      .where(and(visibleContacts(user), or(...wanted)))),
  );
  return out;
}

/**
 * Every live enrollment of these contacts that has sent them something. Visibility is the contact's,
 * not the sequence's: a contact who answered one rep must not get a colleague's follow-up either.
 */
async function loadLiveEnrollments(db: Db, teamId: string, contactIds: string[]): Promise<LiveEnrollment[]> {
  const out: LiveEnrollment[] = [];
  for (const part of chunks(contactIds)) {
    const rows = await db
      .select({
        id: enrollments.id,
        contactId: enrollments.contactId,
        sequenceId: enrollments.sequenceId,
        ruleset: sequences.ruleset,
        firstSentAt: min(emails.sentAt),
        enrolledAt: enrollments.createdAt,
      })
      .from(enrollments)
      .innerJoin(sequences, eq(sequences.id, enrollments.sequenceId))
      .leftJoin(emails, and(eq(emails.enrollmentId, enrollments.id), isNotNull(emails.sentAt)))
      .where(
        and(
          eq(enrollments.teamId, teamId),
          inArray(enrollments.contactId, part),
          inArray(enrollments.status, [...LIVE_STATUSES]),
        ),
      )
      .groupBy(enrollments.id, sequences.id);
    for (const r of rows) {
      out.push({
        id: r.id,
        contactId: r.contactId,
        sequenceId: r.sequenceId,
        finishOnReply: effectiveRuleset(rulesetOf(r)).finishOnReply,
        // Nothing sent yet: a message from the contact after they were enrolled is still an answer
        // (they heard from the rep some other way), and must stop the first step going out.
        firstSentAt: r.firstSentAt ?? r.enrolledAt,
      });
    }
  }
  return out;
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
  const messages = parseMessages(body);
  if (messages.length === 0) return [];
  const own = await ownAddresses(db, user);
  const quoted = [...new Set(messages.flatMap((m) => [...m.refs, ...(m.rfcId ? [m.rfcId] : [])]))];
  const byMessageId = await emailsByMessageId(db, user.teamId, quoted);
  const ourIds = new Set(byMessageId.flatMap((e) => (e.messageId ? [e.messageId] : [])));
  // Our own sent emails show up in the thread too; whoever sent them, they are not the contact's.
  const theirs = messages.filter(
    (m) => m.address !== null && !own.has(m.address) && !(m.rfcId && ourIds.has(m.rfcId)),
  );
  if (theirs.length === 0) return [];

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
    (a) => !own.has(a),
  );
  const contactRows = await loadContacts(db, user, addresses, []);
  const inThread = await emailsInThread(
    db,
    user.teamId,
    body.threadId,
    contactRows.map((c) => c.id),
  );
  const known = new Set(contactRows.map((c) => c.id));
  const unseen = [...new Set(byMessageId.map((e) => e.contactId))].filter((id) => !known.has(id));
  if (unseen.length > 0) contactRows.push(...(await loadContacts(db, user, [], unseen)));
  const sentInThread: SentEmail[] = [];
  const seen = new Set<string>();
  for (const e of [...byMessageId, ...inThread]) {
    if (!e.sentAt || seen.has(e.id)) continue;
    seen.add(e.id);
    sentInThread.push({ ...e, sentAt: e.sentAt });
  }

  const contactByAddress = new Map(
    contactRows.flatMap((c) => (c.emailLower ? [[c.emailLower, c] as const] : [])),
  );
  const contactById = new Map(contactRows.map((c) => [c.id, c]));
  const liveRows = await loadLiveEnrollments(db, user.teamId, [...contactById.keys()]);
  const live = groupBy(liveRows, (e) => e.contactId);
  const threadByEnrollment = groupBy(sentInThread, (e) => e.enrollmentId);

  const plans: PlannedMessage[] = [];
  for (const m of theirs) {
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
    plans.push({ message: m, kind: first.kind, evidence: first.evidence, targets: planned });
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
  own: Set<string>,
): MatchedContact[] {
  // The report's own fields (RFC 3464 Final-Recipient, "could not be delivered to:") count like the header.
  const failed = new Set([...failedRecipients(m.raw.headers), ...reported]);
  const mentioned = new Set(addressesIn(m.raw.text).filter((a) => !own.has(a)));
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
