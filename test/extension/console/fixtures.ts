import type { SequenceView } from '../../../extension/ui/console/api-schemas';
import type { Contact } from '../../../shared/schemas/contact';
import type { Email } from '../../../shared/schemas/email';
import type { Enrollment } from '../../../shared/schemas/enrollment';
import { contact as panelContact, enrollment as panelEnrollment } from '../helpers/fake-api';
import type { Call } from './fake-server';

const T = '2025-03-01T09:00:00.000Z';

/** The panel tests' contact and enrollment, recast as the console's Ada. */
export const contact = (o: Partial<Contact> = {}): Contact =>
  panelContact({
    id: 'c_ada',
    email: 'ada@acme.test',
    firstName: 'Ada',
    lastName: 'Lovelace',
    title: 'CTO',
    fields: { plan: 'Enterprise' },
    createdAt: T,
    updatedAt: T,
    ...o,
  });

export const enrollment = (o: Partial<Enrollment> = {}): Enrollment =>
  panelEnrollment({
    id: 'e_ada',
    sequenceId: 's_1',
    contactId: 'c_ada',
    currentStep: 1,
    createdAt: T,
    updatedAt: T,
    ...o,
  });

export function email(o: Partial<Email> = {}): Email {
  return {
    id: 'em_1',
    enrollmentId: 'e_ada',
    contactId: 'c_ada',
    stepId: 'st_1',
    mailboxId: 'mb_1',
    status: 'sent',
    subject: 'Hello {{firstName}}',
    sentAt: T,
    ...o,
  };
}

export function sequence(o: Partial<SequenceView> = {}): SequenceView {
  return {
    id: 's_1',
    name: 'Q3 Outreach',
    ownerId: 'u_rep',
    active: true,
    schedule: {
      timezone: 'UTC',
      useContactTimezone: false,
      windows: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
    },
    ruleset: {},
    steps: [
      {
        id: 'st_1',
        position: 1,
        type: 'auto_email',
        waitMinutes: 0,
        subject: 'Hello {{firstName}}',
        body: 'Hi {{firstName}}, a question about {{company}}.',
        threadMode: 'new_thread',
        active: true,
        trackClicks: true,
        trackOpens: false,
      },
    ],
    access: 'owner',
    createdAt: T,
    updatedAt: T,
    counts: { active: 1, scheduled: 0, paused: 0, finished: 0, bounced: 0, not_sent: 0, removed: 0 },
    ...o,
  };
}

/** A list route's answer (API.md: `{items, nextCursor?}`). */
export const page = <T>(items: T[]) => ({ items });

/**
 * GET /api/contacts as the server answers it: `ids` looks contacts up (unknown ones are absent),
 * `q` searches names and emails, and both narrow together.
 */
export function contactsRoute(people: readonly Contact[]) {
  return (call: Call) => {
    const ids = call.query.get('ids')?.split(',');
    const q = call.query.get('q')?.toLowerCase();
    return page(
      people.filter(
        (p) =>
          (!ids || ids.includes(p.id)) &&
          (!q || `${p.firstName} ${p.lastName} ${p.email}`.toLowerCase().includes(q)),
      ),
    );
  };
}
