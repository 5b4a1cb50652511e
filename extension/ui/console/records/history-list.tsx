import { useState } from 'react';
import { actorWords, historyWords } from '../../../../shared/history/history-words';
import { pageOf } from '../../../../shared/schemas/common';
import { type TimelineItem, timelineItemSchema } from '../../../../shared/schemas/timeline';
import type { ConsoleServices } from '../console-context';
import { useAction, useConsole, useLoad } from '../console-context';
import { formatDateTime } from '../format';
import { EmptyState, Loading, ProblemNotice } from '../ui/notices';

export const historyPageSchema = pageOf(timelineItemSchema);
export type HistoryPage = { items: TimelineItem[]; nextCursor?: string | undefined };

export interface HistoryListProps {
  /** Reloads when this changes (the contact's or the enrollment's id). */
  of: string;
  /** One page of history, newest first; `cursor` asks for the items older than it. */
  fetchPage(api: ConsoleServices['api'], cursor?: string): Promise<HistoryPage>;
  /** Show the sequence's name on each entry (a contact's timeline spans sequences; one enrollment does not). */
  showSequence?: boolean;
  onFix?: () => void;
}

/**
 * A history, newest first, each entry in the words of the shared catalog (never a code); older
 * entries load on request. The contact timeline and the enrollment history both show one.
 */
export function HistoryList(props: HistoryListProps) {
  const { api } = useConsole();
  const first = useLoad(({ api }) => props.fetchPage(api), [props.of], { live: true });
  const [older, setOlder] = useState<HistoryPage>({ items: [] });
  const more = useAction();
  const cursor = older.items.length ? older.nextCursor : first.data?.nextCursor;
  const items = [
    ...(first.data?.items ?? []),
    ...older.items.filter((o) => !first.data?.items.some((f) => f.id === o.id)),
  ];
  const loadOlder = () =>
    more.run(async () => {
      if (!cursor) return;
      const page = await props.fetchPage(api, cursor);
      setOlder((o) => ({ items: [...o.items, ...page.items], nextCursor: page.nextCursor }));
    });
  return (
    // No landmark of its own: the contact page's section or the dialog around it names it.
    <div data-console-timeline="">
      <ProblemNotice problem={first.error} onRetry={first.reload} />
      {!first.data && !first.error && <Loading what="the history" />}
      {first.data && items.length === 0 && <EmptyState title="Nothing has happened yet" />}
      {items.length > 0 && (
        <ol className="s-list c-timeline">
          {items.map((item) => {
            const words = historyWords(item);
            return (
              <li key={item.id} data-console-timeline-kind={item.kind} className="s-reason">
                <div>
                  <strong>{words.title}</strong>
                  {props.showSequence !== false && item.sequence && (
                    <span className="s-muted"> · {item.sequence.name}</span>
                  )}
                  {item.email?.subject && <span className="s-muted"> · “{item.email.subject}”</span>}
                </div>
                {words.detail && <div className="s-small">{words.detail}</div>}
                {words.fixOnContact && props.onFix && (
                  <button type="button" className="s-btn s-small" onClick={props.onFix}>
                    Fix on the contact
                  </button>
                )}
                <div className="s-small s-muted">
                  {formatDateTime(item.at)} · {actorWords(item)}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {cursor && (
        <button type="button" className="s-btn" disabled={more.busy} onClick={() => void loadOlder()}>
          {more.busy ? 'Loading…' : 'Show older'}
        </button>
      )}
      <ProblemNotice problem={more.error} />
    </div>
  );
}
