import { z } from 'zod';

/** Every reason Stride gives for an email it did not send (API.md). */
export const notSentCodes = [
  'blocked_account_stage',
  'blocked_contact_stage',
  'not_owned_by_user',
  'email_missing_or_invalid',
  'email_service_provider_error',
  'gdpr_location_blocked',
  'likely_to_bounce',
  'mailgun_dropped',
  'missing_dynamic_variable',
  'missing_snippet',
  'missing_thread_info',
  'job_change_detected',
  'no_send_from_mailbox',
  'personalized_opener_missing',
  'same_account_replied',
  'mailbox_inactive',
  'sendgrid_dropped',
  'unverified_email',
  'person_blocked',
  'company_blocked',
  'already_sent_step',
  'unsubscribed',
  'other',
] as const;
export const notSentCodeSchema = z.enum(notSentCodes);
export type NotSentCode = z.infer<typeof notSentCodeSchema>;
