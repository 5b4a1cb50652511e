import type { Cleanup, HostName, MailMessage, MailThread } from '../hosts/mail-host';
import type { StrideClient } from '../lib/stride-client';

const wire = (m: MailMessage) => ({
  ...(m.messageId ? { messageId: m.messageId } : {}),
  ...(m.key ? { key: m.key } : {}),
  from: m.from,
  to: m.to,
  date: m.date,
  ...(m.text ? { text: m.text.slice(0, 200_000) } : {}),
  ...(m.headers ? { headers: m.headers } : {}),
});

/**
 * Reports the thread's messages when it opens and whenever more arrive; the background sends each
 * message to the server once, so replies and out-of-office answers reach their enrollments.
 */
export function reportThread(client: StrideClient, host: HostName, thread: MailThread): Cleanup {
  const report = (messages: MailMessage[]) => {
    if (messages.length === 0) return;
    void client.request({
      type: 'thread.observe',
      host,
      threadId: thread.id,
      ...(thread.subject ? { subject: thread.subject.slice(0, 1000) } : {}),
      messages: messages.slice(-500).map(wire),
    });
  };
  report(thread.messages);
  return thread.onMessagesChanged(report);
}
