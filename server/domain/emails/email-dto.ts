import type { Email, WaitReason } from '../../../shared/schemas/email';
import type { NotSentCode } from '../../../shared/schemas/not-sent-code';
import type { emails } from '../../db/schema';

type EmailRow = typeof emails.$inferSelect;

/** The API's Email: optional fields are omitted, not null, and only a sent email shows sentAt. */
export function toEmailDto(e: EmailRow): Email {
  return {
    id: e.id,
    enrollmentId: e.enrollmentId,
    contactId: e.contactId,
    stepId: e.stepId,
    mailboxId: e.mailboxId,
    status: e.status,
    ...(e.reason && { reason: e.reason as NotSentCode }),
    ...(e.detail && { detail: e.detail }),
    ...(e.waitingFor && e.status === 'scheduled' && { waitingFor: e.waitingFor }),
    ...(e.waitReason && e.status === 'scheduled' && { waitReason: e.waitReason as WaitReason }),
    ...(e.waitDetail && e.status === 'scheduled' && { waitDetail: e.waitDetail }),
    ...(e.scheduledAt && { scheduledAt: e.scheduledAt.toISOString() }),
    ...(e.subject && { subject: e.subject }),
    ...(e.messageId && { messageId: e.messageId }),
    ...(e.threadId && { threadId: e.threadId }),
    ...(e.sentAt && e.status !== 'sending' && { sentAt: e.sentAt.toISOString() }),
    ...(e.variantId && { variantId: e.variantId }),
    clicks: e.clicks,
    botClicks: e.botClicks,
    ...(e.firstClickedAt && { firstClickedAt: e.firstClickedAt.toISOString() }),
    ...(e.opens > 0 && { opens: e.opens, machineOpens: e.machineOpens }),
  };
}
