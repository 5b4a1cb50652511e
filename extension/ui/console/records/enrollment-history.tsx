import { encodeParams } from '../../../lib/api/api-core';
import { Dialog } from '../ui/dialog';
import { HistoryList, historyPageSchema } from './history-list';

const PAGE = 30;

/**
 * One enrollment's history, opened from its row in the sequence: what was sent, and which message
 * finished or paused it and where Stride saw it (the mail page, a mailbox sync, a provider's webhook).
 */
export function EnrollmentHistoryDialog(props: { enrollmentId: string; who: string; onClose(): void }) {
  const title = `History of ${props.who} in this sequence`;
  return (
    <Dialog title={title} onClose={props.onClose} wide>
      <HistoryList
        of={props.enrollmentId}
        showSequence={false}
        fetchPage={(api, cursor) =>
          api.call(
            (s) =>
              s.api.enrollments[':id'].history.$get({
                param: encodeParams({ id: props.enrollmentId }),
                query: { limit: PAGE, ...(cursor && { cursor }) },
              }),
            historyPageSchema,
          )
        }
      />
    </Dialog>
  );
}
