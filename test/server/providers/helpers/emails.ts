import type { OutgoingEmail } from '../../../../server/providers/provider';

let counter = 0;

/** A fully populated sequence email; each call gets a fresh Message-ID and correlation id. */
export function sampleEmail(overrides: Partial<OutgoingEmail> = {}): OutgoingEmail {
  counter += 1;
  return {
    messageId: `<00000000-0000-4000-8000-${String(counter).padStart(12, '0')}@stride.test>`,
    from: { address: 'ann@sender.test', name: 'Ann Rep' },
    to: { address: 'bob@recipient.test', name: 'Bob Prospect' },
    subject: 'Quick question',
    text: 'Hi Bob,\nare you the right person to talk to?',
    html: '<html><body><p>Hi Bob,</p><p>are you the right person to talk to?</p></body></html>',
    signature: 'Ann Rep\nAccount Executive',
    listUnsubscribe: { url: 'https://stride.test/u/abc.def', mailto: 'unsubscribe+abc@stride.test' },
    correlationId: `em_${counter}`,
    ...overrides,
  };
}

export const FIXED_NOW = new Date('2024-05-01T12:00:00Z');
