import { afterEach, describe, expect, it } from 'vitest';
import { NameDirectory, nameKey } from '../../extension/hosts/outlook/outlook-directory';
import { messageRoots, readMessage } from '../../extension/hosts/outlook/outlook-message';
import { readConversation } from '../../extension/hosts/outlook/outlook-thread';
import { detectOutlookUser } from '../../extension/hosts/outlook/outlook-user';
import { findPart, OWA_PARTS } from '../../extension/hosts/outlook/selectors';
import { hostFixture, loadCapturedOwa, OWA_FIXTURE_CONVID, OWA_FIXTURES } from './helpers/host-fixtures';

let close: (() => void) | undefined;
afterEach(() => close?.());

function open(html: string) {
  const page = loadCapturedOwa(html);
  close = () => page.dom.window.close();
  return page.doc;
}

const now = () => new Date('2026-01-15T12:00:00Z');

// One test per part and page, so a redesign fails with the name of the part that moved.
describe.each(OWA_FIXTURES)('OWA parts on the captured page $file', ({ file }) => {
  const html = hostFixture(file);

  it('the signed-in mailbox', () => {
    expect(detectOutlookUser(open(html))).toBe('toberndo@outlook.com');
  });

  it(OWA_PARTS.readingPane.what, () => {
    const pane = findPart(open(html), OWA_PARTS.readingPane);
    expect(pane?.getAttribute('data-app-section')).toBe('MailReadCompose');
  });

  it(`${OWA_PARTS.message.what} and ${OWA_PARTS.messageBody.what}`, () => {
    const doc = open(html);
    const pane = findPart(doc, OWA_PARTS.readingPane);
    if (!pane) throw new Error('no reading pane');
    const roots = messageRoots(pane);
    expect(roots).toHaveLength(1);
    expect(findPart(roots[0] as HTMLElement, OWA_PARTS.messageBody)?.id).toMatch(/^UniqueMessageBody_/);
  });

  it(OWA_PARTS.sender.what, () => {
    const doc = open(html);
    const pane = findPart(doc, OWA_PARTS.readingPane) as HTMLElement;
    const [root] = messageRoots(pane);
    expect(readMessage(root as HTMLElement).sender).toEqual({ address: 'sender@example.com' });
  });

  it('the conversation, read whole', () => {
    const conv = readConversation(open(html), now, new Map());
    expect(conv).toMatchObject({ kind: 'conversation', id: OWA_FIXTURE_CONVID, unresolved: [] });
    if (conv?.kind !== 'conversation') throw new Error('not read');
    expect(conv.messages).toHaveLength(1);
    expect(conv.messages[0]?.from).toBe('sender@example.com');
    expect(conv.messages[0]?.text).toBeTruthy();
  });
});

describe('OWA parts only one captured page has', () => {
  it(`${OWA_PARTS.recipients.what}: the German RecipientWell "An: …"`, () => {
    const doc = open(hostFixture('owa-2025-reading-pane-de.html'));
    const conv = readConversation(doc, now, new Map());
    if (conv?.kind !== 'conversation') throw new Error('not read');
    expect(conv.messages[0]?.to).toEqual(['recipient@example.com']);
    expect(conv.messages[0]?.text).toBe('This is a regular message body.');
  });

  it('reads the same page with its labels in a language the table lacks, by structure alone', () => {
    const polish = hostFixture('owa-2025-reading-pane-de.html')
      .replace('aria-label="Lesebereich"', 'aria-label="Okienko odczytu"')
      .replace('aria-label="Von: sender@example.com"', 'aria-label="Od: sender@example.com"')
      .replace('aria-label="Nachrichtentext"', 'aria-label="Treść wiadomości"')
      .replace('<span>An: recipient@example.com</span>', '<span>Do: recipient@example.com</span>');
    const conv = readConversation(open(polish), now, new Map());
    if (conv?.kind !== 'conversation') throw new Error('not read');
    expect(conv.messages[0]).toMatchObject({ from: 'sender@example.com', to: ['recipient@example.com'] });
  });
});

describe('a sender shown by name only', () => {
  const nameOnly = (extra = '') =>
    hostFixture('owa-2025-reading-pane-en.html')
      .replace('aria-label="From: sender@example.com"', 'aria-label="From: Dana Lee"')
      .replace('<span class="OZZZK">sender@example.com</span>', '<span class="OZZZK">Dana Lee</span>')
      .replace('<div id="MailList"', `${extra}<div id="MailList"`);

  it('finds the address in a persona the page already holds (hover card data)', () => {
    const card = '<div hidden><span data-lpc-hover-target title="dana@acme.test">Dana Lee</span></div>';
    const conv = readConversation(open(nameOnly(card)), now, new Map());
    if (conv?.kind !== 'conversation') throw new Error('not read');
    expect(conv.messages[0]?.from).toBe('dana@acme.test');
    expect(conv.names.get('dana@acme.test')).toBe('Dana Lee');
    expect(conv.unresolved).toEqual([]);
  });

  it("finds it in another message's recipients, written Last, First", () => {
    const other = nameOnly().replace(
      '<div class="aVla3">',
      `<div class="earlier"><div aria-label="Email message"><span aria-label="From: toberndo@outlook.com">me</span>
       <div data-testid="RecipientWell"><span title="dana@acme.test">Lee, Dana</span></div>
       <div id="UniqueMessageBody_0" aria-label="Message body">Hi Dana</div></div></div><div class="aVla3">`,
    );
    const conv = readConversation(open(other), now, new Map());
    if (conv?.kind !== 'conversation') throw new Error('not read');
    expect(conv.messages.map((m) => m.from)).toEqual(['toberndo@outlook.com', 'dana@acme.test']);
  });

  it('says whose address is missing when the page holds none', () => {
    const conv = readConversation(open(nameOnly()), now, new Map());
    if (conv?.kind !== 'conversation') throw new Error('not read');
    expect(conv.messages).toEqual([]);
    expect(conv.unresolved).toEqual(['Dana Lee']);
  });

  it('resolves nothing when two people share the name', () => {
    const dir = new NameDirectory();
    dir.add('Dana Lee', 'dana@acme.test');
    dir.add('dana  lee', 'dana@other.test');
    dir.add('Sam Ortiz', 'sam@beta.test');
    expect(dir.resolve('Dana Lee')).toBeUndefined();
    expect(dir.resolve('Ortiz, Sam')).toBe('sam@beta.test');
    expect(nameKey('"Lee, Dana" <dana@acme.test>')).toBe('dana lee');
  });
});

describe('a conversation Stride cannot read', () => {
  it('is a problem naming the missing part, not silence', () => {
    const broken = hostFixture('owa-2025-reading-pane-en.html')
      .replace('aria-label="From: sender@example.com"', '')
      .replace('<span class="OZZZK">sender@example.com</span>', '');
    const conv = readConversation(open(broken), now, new Map());
    expect(conv).toEqual({
      kind: 'problem',
      id: OWA_FIXTURE_CONVID,
      reason: "Stride can't find a message's sender.",
    });
  });
});
