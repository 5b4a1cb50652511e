import type { EnrollmentView } from '../../../shared/schemas/extension-messages';
import { findAddress } from '../../lib/addresses';
import { parseHostDate } from '../../lib/host-dates';
import type { StrideClient } from '../../lib/stride-client';
import { STATUS_LABEL } from '../../ui/labels';
import type { Cleanup } from '../mail-host';
import type { HeaderFetcher } from './original-headers';
import type { GmailSdk, SdkThreadRowView } from './sdk-types';

/*
 * The thread list: each row shows, as a label, the sequence status of the contact it is with, from
 * the background's cache (no server request per row), so a rep sees who is in a sequence without
 * opening anything. A row whose latest message came from an enrolled contact reports that message
 * as an opened thread would, under the same key, so it reaches the server once whichever comes first.
 */

/** Gmail's own markup in a row (not InboxSDK API): the latest message's id and the snippet. */
const LAST_MESSAGE_ATTR = 'data-legacy-last-message-id';
const SNIPPET = 'span.y2';

const ENDED = new Set(['finished', 'removed']);
/** Which status a row shows when its people are in several sequences: the one needing a person most. */
const RANK: Record<string, number> = {
  not_sent: 0,
  bounced: 1,
  paused: 2,
  active: 3,
  scheduled: 4,
  finished: 5,
  removed: 6,
};
type Colors = { foregroundColor: string; backgroundColor: string };
const NEUTRAL: Colors = { foregroundColor: '#3c4043', backgroundColor: '#e8eaed' };
const COLORS: Record<string, Colors> = {
  good: { foregroundColor: '#0d652d', backgroundColor: '#e6f4ea' },
  warn: { foregroundColor: '#7a4f00', backgroundColor: '#fef7e0' },
  bad: { foregroundColor: '#a50e0e', backgroundColor: '#fce8e6' },
};
const TONE: Record<string, string> = {
  active: 'good',
  scheduled: 'good',
  paused: 'warn',
  not_sent: 'bad',
  bounced: 'bad',
};

export interface RowLabel {
  title: string;
  foregroundColor: string;
  backgroundColor: string;
}

/** The label for a row from its people's enrollments, or undefined when none is in a sequence. */
export function rowLabel(enrollments: EnrollmentView[]): RowLabel | undefined {
  const shown = [...enrollments].sort((a, b) => (RANK[a.status] ?? 9) - (RANK[b.status] ?? 9))[0];
  if (!shown || ENDED.has(shown.status)) return undefined;
  const status = STATUS_LABEL[shown.status];
  return {
    title: shown.sequenceName ? `${status}: ${shown.sequenceName}` : `Stride: ${status}`,
    ...(COLORS[TONE[shown.status] ?? ''] ?? NEUTRAL),
  };
}

export interface ThreadRowDeps {
  sdk: Pick<GmailSdk, 'Lists' | 'User'>;
  client: StrideClient;
  headersOf?: HeaderFetcher;
  now?: () => Date;
}

export function watchThreadRows(deps: ThreadRowDeps): Cleanup {
  const { client } = deps;
  const user = deps.sdk.User.getEmailAddress().toLowerCase();
  // Rows re-render as the rep moves around; each latest message is offered once per page.
  const offered = new Set<string>();

  const lookup = async (email: string) => {
    const outcome = await client.request({ type: 'contact.lookup', email, mode: 'cache' });
    return outcome.ok ? outcome.result.enrollments : [];
  };

  const report = async (row: SdkThreadRowView, from: string) => {
    const gmailId = row.getElement().querySelector(`[${LAST_MESSAGE_ATTR}]`)?.getAttribute(LAST_MESSAGE_ATTR);
    // Without Gmail's id the message could not be matched with the opened thread's report: wait for that.
    if (!gmailId || offered.has(gmailId)) return;
    offered.add(gmailId);
    const [threadId, headers] = await Promise.all([
      row.getThreadIDAsync(),
      deps.headersOf ? deps.headersOf(gmailId) : Promise.resolve(undefined),
    ]);
    const snippet = row
      .getElement()
      .querySelector(SNIPPET)
      ?.textContent?.replace(/^[\s\u00a0]*-[\s\u00a0]*/, '');
    const messageId = headers?.['Message-ID'];
    const subject = row.getSubject();
    await client.request({
      type: 'thread.observe',
      host: 'gmail',
      threadId,
      ...(subject ? { subject: subject.slice(0, 1000) } : {}),
      messages: [
        {
          key: `gmail:${gmailId}`,
          ...(messageId ? { messageId } : {}),
          from,
          to: [user],
          date: parseHostDate(row.getDateString(), deps.now),
          ...(snippet ? { text: snippet.trim() } : {}),
          ...(headers ? { headers } : {}),
        },
      ],
    });
  };

  const handle = async (row: SdkThreadRowView) => {
    const people = row
      .getContacts()
      .map((c) => findAddress(c.emailAddress))
      .filter((a): a is string => !!a && a !== user);
    const unique = [...new Set(people)];
    if (unique.length === 0) return;
    const found = await Promise.all(unique.map(lookup));
    if (row.destroyed) return;
    const label = rowLabel(found.flat());
    if (label) row.addLabel(label);
    // Gmail lists a row's senders oldest first: the last one wrote the latest message.
    const latest = findAddress(row.getContacts().at(-1)?.emailAddress ?? '');
    const index = latest ? unique.indexOf(latest) : -1;
    const enrolled = index >= 0 && (found[index] ?? []).some((e) => !ENDED.has(e.status));
    if (latest && enrolled) await report(row, latest);
  };

  return deps.sdk.Lists.registerThreadRowViewHandler((row) => {
    void handle(row).catch((err: unknown) => console.warn('stride: thread row', err));
  });
}
