import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { newId } from '../db/ids';
import { emails, trackingEvents } from '../db/schema';
import { recordActivity } from '../domain/activity';
import { BURST_MS, burstClicks, clickBotReasons, type HitEvidence, openMachineReasons } from './bot-rules';
import { applyClickRules } from './click-rules';

/** A burst is decided among the latest clicks; an email followed thousands of times needs no more. */
const RECENT_CLICKS = 200;

export interface ClickHit extends Omit<HitEvidence, 'sentAt'> {
  emailId: string;
  linkIndex: number;
  url: string;
}

export interface RecordedClick {
  eventId: string;
  human: boolean;
  reasons: string[];
  teamId: string;
  enrollmentId: string | null;
  contactId: string;
  /** Human clicks of this email so far, this one included. */
  humanClicks: number;
}

/**
 * Records one click with its evidence and re-derives the email's counts from its events. A click
 * that looked human alone is re-labelled when another link of the same email is followed within
 * BURST_MS (a scanner opening every link), so the counts always reflect everything seen so far.
 * Returns null when the email no longer exists (the redirect still happens).
 */
export async function recordClick(db: Db, hit: ClickHit): Promise<RecordedClick | null> {
  return db.transaction(async (tx) => {
    const [email] = await tx
      .select({
        id: emails.id,
        teamId: emails.teamId,
        sentAt: emails.sentAt,
        enrollmentId: emails.enrollmentId,
        contactId: emails.contactId,
      })
      .from(emails)
      .where(eq(emails.id, hit.emailId))
      .for('update');
    if (!email) return null;
    const reasons: string[] = clickBotReasons({ ...hit, sentAt: email.sentAt });
    const eventId = newId('trk', hit.at.getTime());
    await tx.insert(trackingEvents).values({
      id: eventId,
      teamId: email.teamId,
      emailId: email.id,
      kind: 'click',
      linkIndex: hit.linkIndex,
      url: hit.url,
      method: hit.method.toUpperCase(),
      userAgent: hit.userAgent?.slice(0, 1000) ?? null,
      ip: hit.ip,
      human: reasons.length === 0,
      reasons,
      at: hit.at,
    });

    const recent = await tx
      .select()
      .from(trackingEvents)
      .where(and(eq(trackingEvents.emailId, email.id), eq(trackingEvents.kind, 'click')))
      .orderBy(desc(trackingEvents.at))
      .limit(RECENT_CLICKS);
    const near = recent.filter((e) => Math.abs(e.at.getTime() - hit.at.getTime()) <= BURST_MS * 4);
    const burst = burstClicks(near.map((e) => ({ id: e.id, linkIndex: e.linkIndex ?? -1, at: e.at })));
    for (const e of near) {
      if (!burst.has(e.id) || e.reasons.includes('burst')) continue;
      await tx
        .update(trackingEvents)
        .set({ human: false, reasons: [...e.reasons, 'burst'] })
        .where(eq(trackingEvents.id, e.id));
      e.human = false;
      e.reasons = [...e.reasons, 'burst'];
    }
    const [counts] = await tx
      .select({
        human: sql<number>`count(*) filter (where ${trackingEvents.human})`.mapWith(Number),
        bot: sql<number>`count(*) filter (where not ${trackingEvents.human})`.mapWith(Number),
        first: sql<Date | null>`min(${trackingEvents.at}) filter (where ${trackingEvents.human})`.mapWith(
          trackingEvents.at,
        ),
      })
      .from(trackingEvents)
      .where(and(eq(trackingEvents.emailId, email.id), eq(trackingEvents.kind, 'click')));
    const human = Number(counts?.human ?? 0);
    await tx
      .update(emails)
      .set({
        clicks: human,
        botClicks: Number(counts?.bot ?? 0),
        firstClickedAt: counts?.first ?? null,
      })
      .where(eq(emails.id, email.id));
    const self = recent.find((e) => e.id === eventId);
    const isHuman = self ? self.human : reasons.length === 0;
    if (isHuman) {
      await recordActivity(tx, {
        teamId: email.teamId,
        kind: 'email.clicked',
        contactId: email.contactId,
        enrollmentId: email.enrollmentId,
        emailId: email.id,
        data: { url: hit.url, linkIndex: hit.linkIndex },
        at: hit.at,
      });
      await applyClickRules(tx, { ...email, emailId: email.id, url: hit.url, at: hit.at });
    }
    return {
      eventId,
      human: isHuman,
      reasons: self?.reasons ?? reasons,
      teamId: email.teamId,
      enrollmentId: email.enrollmentId,
      contactId: email.contactId,
      humanClicks: human,
    };
  });
}

export interface OpenHit extends Omit<HitEvidence, 'sentAt'> {
  emailId: string;
}

/**
 * Records one load of the open pixel. Every load counts in `opens`; those from image proxies, Apple
 * Mail Privacy Protection or scanners also count in `machineOpens`, so a report can show opens
 * (incl. machine) apart from likely human opens. No rule ever acts on an open.
 */
export async function recordOpen(
  db: Db,
  hit: OpenHit,
): Promise<{ machine: boolean; reasons: string[] } | null> {
  return db.transaction(async (tx) => {
    const [email] = await tx
      .select({ id: emails.id, teamId: emails.teamId, sentAt: emails.sentAt })
      .from(emails)
      .where(eq(emails.id, hit.emailId))
      .for('update');
    if (!email) return null;
    const reasons: string[] = openMachineReasons({ ...hit, sentAt: email.sentAt });
    const machine = reasons.length > 0;
    await tx.insert(trackingEvents).values({
      id: newId('trk', hit.at.getTime()),
      teamId: email.teamId,
      emailId: email.id,
      kind: 'open',
      method: hit.method.toUpperCase(),
      userAgent: hit.userAgent?.slice(0, 1000) ?? null,
      ip: hit.ip,
      human: !machine,
      reasons,
      at: hit.at,
    });
    await tx
      .update(emails)
      .set({
        opens: sql`${emails.opens} + 1`,
        machineOpens: machine ? sql`${emails.machineOpens} + 1` : emails.machineOpens,
      })
      .where(eq(emails.id, email.id));
    return { machine, reasons };
  });
}
