import { encodeParams } from '../../../lib/api/api-core';
import { HistoryList, historyPageSchema } from './history-list';

const PAGE = 30;

/** Everything that happened to the contact, newest first; older entries load on request. */
export function ContactTimeline(props: { contactId: string; onFix?: () => void }) {
  return (
    <section aria-labelledby="c-timeline-title">
      <h3 id="c-timeline-title">What happened</h3>
      <HistoryList
        of={props.contactId}
        {...(props.onFix && { onFix: props.onFix })}
        fetchPage={(api, cursor) =>
          api.call(
            (s) =>
              s.api.contacts[':id'].timeline.$get({
                param: encodeParams({ id: props.contactId }),
                query: { limit: PAGE, ...(cursor && { cursor }) },
              }),
            historyPageSchema,
          )
        }
      />
    </section>
  );
}
