/*
 * Outlook on the web is located by its accessible structure (roles and aria-labels), which its
 * redesigns keep stable for screen readers, never by generated class names.
 */
export const OWA = {
  readingPane: '[aria-label="Reading Pane"]',
  subject: '[role="heading"][aria-level="2"]',
  message: '[aria-label="Email message"]',
  messageFrom: '[aria-label^="From"]',
  messageTo: '[aria-label="To"], [aria-label^="To:"]',
  messageCc: '[aria-label="Cc"], [aria-label^="Cc:"]',
  messageDate:
    '[aria-label="Sent"], [aria-label^="Sent:"], [aria-label="Received"], [aria-label^="Received:"]',
  messageBody: '[aria-label="Message body"]:not([contenteditable="true"])',
  conversationId: '[data-convid]',
  /** Elements whose title or label carries an address: persona chips, "wells". */
  persona: '[title*="@"], [aria-label*="@"]',
  recipientBox: (field: string) => `[role="textbox"][aria-label="${field}"]`,
  composeSubject: 'input[aria-label="Add a subject"], input[aria-label="Subject"]',
  composeBody: '[aria-label="Message body"][contenteditable="true"]',
  sendButton: 'button[aria-label="Send"], button[title^="Send"]',
} as const;

export const RECIPIENT_FIELDS = ['To', 'Cc', 'Bcc'] as const;
