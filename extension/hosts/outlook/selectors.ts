import { labelsOf, labelValue, type OwaLabelKey } from './owa-labels';

/*
 * Every place Stride looks in Outlook on the web, as data. A part is found by its structure first
 * (ids, data attributes, roles: the same in every display language) and only then by its accessible
 * name in the label table. OWA's hashed class names are never used: they change with every build.
 * When OWA is redesigned, the fix is a row here, and test/extension/outlook-parts.test.ts names the
 * part that broke on the captured pages.
 */
export interface OwaPart {
  /** What the part is, in words, for diagnostics and failing tests. */
  what: string;
  /** Language-independent selectors, tried in order. */
  structure: readonly string[];
  /**
   * Accessible names, tried after structure: the label alone (exact), or also as "Label: value"
   * (prefix), or at the start of a longer name like "Account manager for Dana" (start).
   */
  labels?: { key: OwaLabelKey; match: 'exact' | 'prefix' | 'start'; on?: string; not?: string };
}

export const OWA_PARTS = {
  readingPane: {
    what: 'the reading pane',
    structure: [
      '[data-app-section="MailReadCompose"]',
      '#ReadingPaneContainerId',
      '#ConversationReadingPaneContainer',
    ],
    labels: { key: 'readingPane', match: 'exact' },
  },
  messageBody: {
    what: 'a message body',
    structure: ['[id^="UniqueMessageBody"]:not([contenteditable="true"])'],
    labels: { key: 'messageBody', match: 'exact', not: '[contenteditable="true"]' },
  },
  message: {
    what: 'a message',
    // A message is the largest element around one body (see messageRoots); labelled ones are taken as is.
    structure: [],
    labels: { key: 'message', match: 'exact' },
  },
  sender: {
    what: "a message's sender",
    // Structurally: the first element of the message header labelled "<something>: <value>" that is
    // not a recipient or date label (outlook-message.ts); the table confirms it in known languages.
    structure: [],
    labels: { key: 'from', match: 'prefix' },
  },
  recipients: {
    what: "a message's recipients",
    structure: ['[data-testid="RecipientWell"]'],
    labels: { key: 'to', match: 'prefix', not: '[contenteditable="true"]' },
  },
  ccRecipients: {
    what: "a message's Cc recipients",
    structure: [],
    labels: { key: 'cc', match: 'prefix', not: '[contenteditable="true"]' },
  },
  date: {
    what: "a message's date",
    structure: ['[data-testid="SentReceivedSavedTime"]', 'time[datetime]'],
    labels: { key: 'sent', match: 'prefix' },
  },
  subject: {
    what: "the conversation's subject",
    // OWA marks the subject as a heading (level 2 or 3 depending on the layout), outside the messages.
    structure: ['[role="heading"][aria-level="2"]', '[role="heading"][aria-level="3"]', 'h2', 'h3'],
  },
  conversationId: {
    what: "the conversation's id",
    structure: ['[data-convid]'],
  },
  selectedRow: {
    what: 'the selected message-list row',
    structure: ['[role="option"][aria-selected="true"][data-convid]'],
  },
  persona: {
    what: 'a person (persona chip, hover target)',
    structure: ['[title*="@"]', '[aria-label*="@"]', '[data-lpc-hover-target]', '.wellItemText'],
  },
  toolbar: {
    what: 'a toolbar',
    structure: ['[role="toolbar"]', '[role="menubar"]'],
  },
  composeRecipientBox: {
    what: "a compose form's recipient box",
    structure: ['[data-testid="RecipientWell"] [contenteditable="true"]'],
    labels: { key: 'to', match: 'exact', on: '[role="textbox"]' },
  },
  composeCcBox: {
    what: "a compose form's Cc or Bcc box",
    structure: [],
    labels: { key: 'cc', match: 'exact', on: '[role="textbox"]' },
  },
  composeBccBox: {
    what: "a compose form's Bcc box",
    structure: [],
    labels: { key: 'bcc', match: 'exact', on: '[role="textbox"]' },
  },
  composeSubject: {
    what: "a compose form's subject",
    structure: ['input[id$="_SUBJECT"]', 'input[name="subject"]'],
    labels: { key: 'composeSubject', match: 'exact', on: 'input' },
  },
  composeBody: {
    what: "a compose form's body",
    structure: [
      '[contenteditable="true"][aria-multiline="true"]',
      '[contenteditable="true"][role="textbox"][id^="editorParent"]',
    ],
    labels: { key: 'messageBody', match: 'exact', on: '[contenteditable="true"]' },
  },
  sendButton: {
    what: "a compose form's Send button",
    structure: ['button[data-testid="ComposeSendButton"]'],
    labels: { key: 'send', match: 'exact', on: 'button' },
  },
  userMailbox: {
    what: 'the signed-in mailbox',
    structure: [
      '#mectrl_currentAccount_secondary',
      '[role="tree"] [role="treeitem"][aria-level="1"]',
      '[data-folder-name*="@"]',
    ],
    labels: { key: 'accountManager', match: 'start' },
  },
} as const satisfies Record<string, OwaPart>;

export type OwaPartName = keyof typeof OWA_PARTS;

/**
 * Whether an accessible name is the part's label in one of the table's languages. Labels are compared
 * in code rather than as CSS attribute selectors: one pass over labelled elements is far cheaper than
 * dozens of `[aria-label^="…"]` alternatives on every scan of a busy page.
 */
export function labelMatches(part: OwaPart, accessibleName: string | null | undefined): boolean {
  const spec = part.labels;
  const name = (accessibleName ?? '').trim();
  if (!spec || !name) return false;
  if (spec.match === 'exact') return labelsOf(spec.key).includes(name);
  if (spec.match === 'start') return labelsOf(spec.key).some((label) => name.startsWith(label));
  return labelValue(spec.key, name) !== undefined;
}

/** The elements a part's labels can sit on: `[aria-label]`, narrowed by `on` and `not`. */
function labelled(part: OwaPart): string | undefined {
  const spec = part.labels;
  if (!spec) return undefined;
  return `${spec.on ?? ''}[aria-label]${spec.not ? `:not(${spec.not})` : ''}`;
}

const structureOf = (part: OwaPart) => part.structure.join(', ');

/** Whether `el` is an instance of a part, by structure or by label. */
export function isPart(el: Element, part: OwaPart): boolean {
  if (part.structure.length > 0 && el.matches(structureOf(part))) return true;
  const on = labelled(part);
  return !!on && el.matches(on) && labelMatches(part, el.getAttribute('aria-label'));
}

/** The first match of a part under `root`: by each structural selector in order, then by label. */
export function findPart(root: ParentNode, part: OwaPart): HTMLElement | undefined {
  for (const selector of part.structure) {
    const found = root.querySelector<HTMLElement>(selector);
    if (found) return found;
  }
  const on = labelled(part);
  if (!on) return undefined;
  for (const el of root.querySelectorAll<HTMLElement>(on)) {
    if (labelMatches(part, el.getAttribute('aria-label'))) return el;
  }
  return undefined;
}

/** Every match of a part under `root`, in document order, each once. */
export function findParts(root: ParentNode, part: OwaPart): HTMLElement[] {
  const selectors = [...part.structure, ...(part.labels ? [labelled(part)] : [])].join(', ');
  if (!selectors) return [];
  return [...root.querySelectorAll<HTMLElement>(selectors)].filter((el) => isPart(el, part));
}

/** The nearest ancestor of `el` (itself included) that is an instance of a part. */
export function closestPart(el: Element, part: OwaPart): HTMLElement | undefined {
  for (let at: Element | null = el; at; at = at.parentElement) if (isPart(at, part)) return at as HTMLElement;
  return undefined;
}
