import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RichTextEditor } from '../../../../extension/ui/console/ui/rich-text/rich-text-editor';
import { htmlToPlainText, sanitizeEmailHtml } from '../../../../server/domain/html/email-html';
import { editorOf, loadEditor, selectText } from './editor-driver';

afterEach(cleanup);
beforeAll(loadEditor, 30_000);

const source = { snippets: ['pitch'], fields: ['plan'] };

/** The editor bound to state as a screen binds it; every value it reports is kept. */
function Harness(props: { initial: string; seen: string[]; withSource?: boolean }) {
  const [value, setValue] = useState(props.initial);
  return (
    <>
      <RichTextEditor
        label="Body"
        value={value}
        onChange={(v) => {
          props.seen.push(v);
          setValue(v);
        }}
        {...(props.withSource !== false && { source })}
      />
      <button type="button" onClick={() => setValue('Reset from outside')}>
        Reset
      </button>
    </>
  );
}

async function open(initial = '', withSource = true) {
  const seen: string[] = [];
  render(<Harness initial={initial} seen={seen} withSource={withSource} />);
  const box = await screen.findByRole('combobox', { name: 'Body' });
  return { box, editor: editorOf(box), seen };
}

// Each test mounts ProseMirror editors, slow in jsdom on a shared 2-core machine.
describe('the rich-text editor', { timeout: 20_000 }, () => {
  it('opens a plain-text body as paragraphs and line breaks, and reports nothing until the rep edits', async () => {
    const { box, editor, seen } = await open('Hi {{firstName}},\nquick one.\n\nThanks & bye');
    expect(editor.getHTML()).toBe('<p>Hi {{firstName}},<br>quick one.</p><p>Thanks &amp; bye</p>');
    expect(box.querySelectorAll('p')).toHaveLength(2);
    expect(seen).toEqual([]);
  });

  it('makes the selection bold and italic from labelled toolbar buttons that say what applies', async () => {
    const { editor, seen } = await open('<p>Hello there</p>');
    const bar = screen.getByRole('toolbar', { name: 'Formatting for Body' });
    act(() => selectText(editor, 'there'));
    fireEvent.click(within(bar).getByRole('button', { name: 'Bold (Ctrl+B)' }));
    expect(seen.at(-1)).toBe('<p>Hello <strong>there</strong></p>');
    expect(within(bar).getByRole('button', { name: 'Bold (Ctrl+B)' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    fireEvent.click(within(bar).getByRole('button', { name: 'Italic (Ctrl+I)' }));
    expect(seen.at(-1)).toBe('<p>Hello <strong><em>there</em></strong></p>');
    fireEvent.click(within(bar).getByRole('button', { name: 'Bulleted list' }));
    expect(seen.at(-1)).toBe('<ul><li><p>Hello <strong><em>there</em></strong></p></li></ul>');
    fireEvent.click(within(bar).getByRole('button', { name: 'Numbered list' }));
    expect(seen.at(-1)).toMatch(/^<ol><li>/);
    for (const b of within(bar).getAllByRole('button')) expect(b.getAttribute('type')).toBe('button');
  });

  it('offers variables after {{ and inserts the one chosen from the keyboard', async () => {
    const { box, editor, seen } = await open('<p>Hi</p>');
    act(() => {
      editor.chain().focus('end').insertContent(' {{fi').run();
    });
    const list = screen.getByRole('listbox', { name: 'Insert into Body' });
    const names = within(list)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(names[0]).toBe('{{firstName}}');
    expect(box.getAttribute('aria-expanded')).toBe('true');
    expect(box.getAttribute('aria-activedescendant')).toBe(within(list).getAllByRole('option')[0]?.id);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(seen.at(-1)).toBe('<p>Hi {{firstName}}</p>');
    expect(box.getAttribute('aria-expanded')).toBe('false');

    // Custom fields and snippets are offered too; Escape closes the list and keeps the text.
    act(() => {
      editor.chain().focus('end').insertContent(' {{sn').run();
    });
    expect(
      within(screen.getByRole('listbox', { name: 'Insert into Body' }))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['{{snippet.pitch}}']);
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(box.getAttribute('aria-expanded')).toBe('false');
    expect(seen.at(-1)).toBe('<p>Hi {{firstName}} {{sn</p>');
  });

  it('the variable button types {{ so the list opens for a keyboard user', async () => {
    const { box } = await open('<p>Hi</p>');
    fireEvent.click(screen.getByRole('button', { name: 'Insert a variable' }));
    expect(box.getAttribute('aria-expanded')).toBe('true');
  });

  it('links the selection from the link form (and Ctrl+K), refusing a javascript: address', async () => {
    const { box, editor, seen } = await open('<p>See our pricing page</p>');
    act(() => selectText(editor, 'pricing page'));
    fireEvent.keyDown(box, { key: 'k', ctrlKey: true });
    const form = screen.getByRole('group', { name: 'Link' });
    const input = within(form).getByLabelText('Link address');

    fireEvent.change(input, { target: { value: 'javascript:alert(1)' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(within(form).getByText(/Use a web address/)).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(seen).toEqual([]);

    fireEvent.change(input, { target: { value: 'https://acme.test/pricing' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Apply link' }));
    expect(seen.at(-1)).toBe(
      '<p>See our <a target="_blank" rel="noopener noreferrer" href="https://acme.test/pricing">pricing page</a></p>',
    );
    expect(screen.queryByRole('group', { name: 'Link' })).toBeNull();

    // A template tag is a link address too: it is filled in at send time.
    act(() => selectText(editor, 'See'));
    fireEvent.click(screen.getByRole('button', { name: 'Link (Ctrl+K)' }));
    const again = screen.getByRole('group', { name: 'Link' });
    fireEvent.change(within(again).getByLabelText('Link address'), { target: { value: '{{meetingLink}}' } });
    fireEvent.click(within(again).getByRole('button', { name: 'Apply link' }));
    expect(seen.at(-1)).toContain('href="{{meetingLink}}">See</a>');
  });

  it('inserts an image by its web address, with a description, and refuses a data: one', async () => {
    const { editor, seen } = await open('<p>Logo:</p>');
    act(() => {
      editor.commands.focus('end');
    });
    fireEvent.click(screen.getByRole('button', { name: 'Image by URL' }));
    const form = screen.getByRole('group', { name: 'Image' });
    fireEvent.change(within(form).getByLabelText('Image address'), {
      target: { value: 'data:image/png;base64,AAAA' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Insert image' }));
    expect(within(form).getByText(/needs a web address/)).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('Image address'), {
      target: { value: 'https://acme.test/logo.png' },
    });
    fireEvent.change(within(form).getByLabelText('Description'), { target: { value: 'Acme logo' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Insert image' }));
    expect(seen.at(-1)).toContain('<img src="https://acme.test/logo.png" alt="Acme logo">');
  });

  it('cuts pasted HTML down to its schema: no scripts, handlers, styles, javascript: links or data: images', async () => {
    const { box, seen } = await open('<p></p>');
    const html =
      '<p style="color:red" onclick="steal()">Hi <b>there</b><script>steal()</script></p>' +
      '<a href="javascript:steal()">bad</a> <a href="https://ok.test/">good</a>' +
      '<img src="data:image/png;base64,AAAA" alt="x"><iframe src="https://evil.test"></iframe>' +
      '<ul><li>one</li></ul><img src="https://ok.test/a.png">';
    const paste = new Event('paste', { bubbles: true, cancelable: true });
    Object.assign(paste, {
      clipboardData: {
        getData: (t: string) => (t === 'text/html' ? html : ''),
        types: ['text/html'],
        files: [],
      },
    });
    act(() => {
      box.focus();
      box.dispatchEvent(paste);
    });
    const out = seen.at(-1) ?? '';
    expect(out).toContain('<strong>there</strong>');
    expect(out).toContain('href="https://ok.test/"');
    expect(out).toContain('<ul><li><p>one</p></li></ul>');
    // An image pasted without a description is marked decorative, never left unlabelled.
    expect(out).toContain('<img src="https://ok.test/a.png" alt="">');
    for (const bad of ['script', 'steal', 'onclick', 'style', 'javascript:', 'data:', 'iframe', 'evil'])
      expect(out).not.toContain(bad);
  });

  it('holds "" when emptied, and takes a value set from outside', async () => {
    const { box, editor, seen } = await open('<p>Short</p>');
    act(() => {
      editor.commands.clearContent(true);
    });
    expect(seen.at(-1)).toBe('');
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(box.textContent).toBe('Reset from outside');
  });

  it('without a source (a signature) offers no variables', async () => {
    const { box, editor } = await open('<p>Casey</p>', false);
    act(() => {
      editor.chain().focus('end').insertContent(' {{').run();
    });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(box.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('button', { name: 'Insert a variable' })).toBeNull();
  });

  it('writes HTML the server stores as written, with a plain-text part made from it', async () => {
    const { editor, seen } = await open('<p>Hi {{firstName}}, see</p>');
    act(() => selectText(editor, 'see'));
    fireEvent.click(screen.getByRole('button', { name: 'Bold (Ctrl+B)' }));
    act(() => {
      editor
        .chain()
        .focus('end')
        .insertContent(
          '<ul><li><p>one</p></li></ul><p><a href="https://acme.test/p">pricing</a></p><img src="https://acme.test/l.png" alt="logo">',
        )
        .run();
    });
    const html = seen.at(-1) ?? '';
    // The sanitizer writes <img … /> where the editor writes <img …>: the same markup.
    expect(sanitizeEmailHtml(html).replace(/ \/>/g, '>')).toBe(html);
    expect(htmlToPlainText(html)).toBe('Hi {{firstName}}, see\n\n * one\n\npricing [https://acme.test/p]');
  });
});
