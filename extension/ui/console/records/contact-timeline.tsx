import { useState } from 'react';
import { pageOf } from '../../../../shared/schemas/common';
import { type TimelineItem, timelineItemSchema } from '../../../../shared/schemas/timeline';
import { encodeParams } from '../../../lib/api/api-core';
import { useAction, useConsole, useLoad } from '../console-context';
import { formatDateTime } from '../format';
import { EmptyState, Loading, ProblemNotice } from '../ui/notices';
import { actorWords, timelineWords } from './timeline-words';

const timelinePageSchema = pageOf(timelineItemSchema);
const PAGE = 30;

/** Everything that happened to the contact, newest first; older entries load on request. */
export function ContactTimeline(props: { contactId: string; onFix?: () => void }) {
  const { api } = useConsole();
  const first = useLoad(
    ({ api }) =>
      api.call(
        (s) =>
          s.api.contacts[':id'].timeline.$get({
            param: encodeParams({ id: props.contactId }),
            query: { limit: PAGE },
          }),
        timelinePageSchema,
      ),
    [props.contactId],
    { live: true },
  );
  const [older, setOlder] = useState<{ items: TimelineItem[]; nextCursor?: string | undefined }>({
    items: [],
  });
  const more = useAction();
  const cursor = older.items.length ? older.nextCursor : first.data?.nextCursor;
  const items = [
    ...(first.data?.items ?? []),
    ...older.items.filter((o) => !first.data?.items.some((f) => f.id === o.id)),
  ];
  const loadOlder = () =>
    more.run(async () => {
      if (!cursor) return;
      const page = await api.call(
        (s) =>
          s.api.contacts[':id'].timeline.$get({
            param: encodeParams({ id: props.contactId }),
            query: { limit: PAGE, cursor },
          }),
        timelinePageSchema,
      );
      setOlder((o) => ({ items: [...o.items, ...page.items], nextCursor: page.nextCursor }));
    });
  return (
    <section aria-labelledby="c-timeline-title" data-console-timeline="">
      <h3 id="c-timeline-title">What happened</h3>
      <ProblemNotice problem={first.error} onRetry={first.reload} />
      {!first.data && !first.error && <Loading what="the history" />}
      {first.data && items.length === 0 && <EmptyState title="Nothing has happened yet" />}
      {items.length > 0 && (
        <ol className="s-list c-timeline">
          {items.map((item) => {
            const words = timelineWords(item);
            return (
              <li key={item.id} data-console-timeline-kind={item.kind} className="s-reason">
                <div>
                  <strong>{words.title}</strong>
                  {item.sequence && <span className="s-muted"> · {item.sequence.name}</span>}
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
    </section>
  );
}
