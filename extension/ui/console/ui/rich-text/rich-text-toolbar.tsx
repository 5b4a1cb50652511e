import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { type KeyboardEvent, useId, useState } from 'react';
import { IMAGE_ADDRESS, LINK_ADDRESS } from './editor-extensions';

export type ToolbarForm = 'link' | 'image' | null;

interface ToolbarProps {
  editor: Editor;
  label: string;
  disabled: boolean;
  form: ToolbarForm;
  onForm(form: ToolbarForm): void;
  canInsertVariable: boolean;
}

/**
 * Formatting buttons, each labelled and reachable with Tab; aria-pressed says what applies at the
 * caret. Links and images open a small form under the bar instead of a browser prompt.
 */
export function RichTextToolbar(props: ToolbarProps) {
  const { editor, disabled } = props;
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      link: e.isActive('link'),
    }),
  });
  const chain = () => editor.chain().focus();
  const button = (label: string, text: string, pressed: boolean | undefined, run: () => void) => (
    <button
      type="button"
      className="s-btn c-rich-btn"
      title={label}
      aria-pressed={pressed}
      disabled={disabled}
      // Keep the editor's selection: a mousedown on the button would otherwise take focus first.
      onMouseDown={(ev) => ev.preventDefault()}
      onClick={run}
    >
      {/* Named by its words, not an aria-label: a glyph like "1." is not part of "Numbered list". */}
      <span aria-hidden="true">{text}</span>
      <span className="c-sr">{label}</span>
    </button>
  );
  return (
    <>
      <div className="c-rich-toolbar" role="toolbar" aria-label={`Formatting for ${props.label}`}>
        {button('Bold (Ctrl+B)', 'B', state.bold, () => chain().toggleBold().run())}
        {button('Italic (Ctrl+I)', 'I', state.italic, () => chain().toggleItalic().run())}
        {button('Bulleted list', '•', state.bullet, () => chain().toggleBulletList().run())}
        {button('Numbered list', '1.', state.ordered, () => chain().toggleOrderedList().run())}
        {button('Link (Ctrl+K)', 'Link', state.link, () =>
          props.onForm(props.form === 'link' ? null : 'link'),
        )}
        {button('Image by URL', 'Image', undefined, () =>
          props.onForm(props.form === 'image' ? null : 'image'),
        )}
        {props.canInsertVariable &&
          button('Insert a variable', '{{ }}', undefined, () => chain().insertContent('{{').run())}
      </div>
      {props.form === 'link' && (
        <LinkForm editor={editor} onDone={() => props.onForm(null)} hasLink={state.link} />
      )}
      {props.form === 'image' && <ImageForm editor={editor} onDone={() => props.onForm(null)} />}
    </>
  );
}

/** Enter applies and Escape closes without submitting a dialog the editor sits in. */
const formKeys = (apply: () => void, close: () => void) => (ev: KeyboardEvent) => {
  if (ev.key === 'Enter') {
    ev.preventDefault();
    apply();
  } else if (ev.key === 'Escape') {
    ev.preventDefault();
    ev.stopPropagation();
    close();
  }
};

function LinkForm(props: { editor: Editor; hasLink: boolean; onDone(): void }) {
  const { editor } = props;
  const id = useId();
  const [href, setHref] = useState<string>(() => editor.getAttributes('link').href ?? '');
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    props.onDone();
    editor.commands.focus();
  };
  const apply = () => {
    const url = href.trim();
    if (!LINK_ADDRESS.test(url)) {
      setError('Use a web address (https://…), a mailto: or tel: address, or a {{variable}}.');
      return;
    }
    if (editor.state.selection.empty && !editor.isActive('link')) {
      // Nothing selected: the address itself becomes the link text.
      editor
        .chain()
        .focus()
        .insertContent({ type: 'text', text: url, marks: [{ type: 'link', attrs: { href: url } }] })
        .run();
    } else {
      editor.chain().focus().extendMarkRange('link').setLink({ href: url }).run();
    }
    props.onDone();
  };
  return (
    <fieldset className="c-rich-form" onKeyDown={formKeys(apply, close)}>
      <legend className="s-small">Link</legend>
      <AddressInput
        id={id}
        label="Link address"
        value={href}
        error={error}
        onChange={(v) => {
          setHref(v);
          setError(null);
        }}
      />
      <button type="button" className="s-btn" data-primary="" onClick={apply}>
        Apply link
      </button>
      {props.hasLink && (
        <button
          type="button"
          className="s-btn"
          onClick={() => {
            editor.chain().focus().extendMarkRange('link').unsetLink().run();
            props.onDone();
          }}
        >
          Remove link
        </button>
      )}
      <button type="button" className="s-btn" onClick={close}>
        Cancel
      </button>
      <FormError id={id} error={error} />
    </fieldset>
  );
}

function ImageForm(props: { editor: Editor; onDone(): void }) {
  const { editor } = props;
  const id = useId();
  const [src, setSrc] = useState('');
  const [alt, setAlt] = useState('');
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    props.onDone();
    editor.commands.focus();
  };
  const apply = () => {
    const url = src.trim();
    if (!IMAGE_ADDRESS.test(url)) {
      setError('An image needs a web address starting with https://.');
      return;
    }
    editor.chain().focus().setImage({ src: url, alt: alt.trim() }).run();
    props.onDone();
  };
  return (
    <fieldset className="c-rich-form" onKeyDown={formKeys(apply, close)}>
      <legend className="s-small">Image</legend>
      <AddressInput
        id={id}
        label="Image address"
        value={src}
        error={error}
        onChange={(v) => {
          setSrc(v);
          setError(null);
        }}
      />
      <label htmlFor={`${id}-alt`}>Description</label>
      <input id={`${id}-alt`} className="s-input" value={alt} onChange={(e) => setAlt(e.target.value)} />
      <button type="button" className="s-btn" data-primary="" onClick={apply}>
        Insert image
      </button>
      <button type="button" className="s-btn" onClick={close}>
        Cancel
      </button>
      <FormError id={id} error={error} />
    </fieldset>
  );
}

/** The web-address input both forms open with, focused, and tied to the form's error. */
function AddressInput(props: {
  id: string;
  label: string;
  value: string;
  error: string | null;
  onChange(value: string): void;
}) {
  const { id, error } = props;
  return (
    <>
      <label htmlFor={`${id}-address`}>{props.label}</label>
      <input
        id={`${id}-address`}
        className="s-input"
        // biome-ignore lint/a11y/noAutofocus: the form opens on the rep's own request (button or Ctrl+K)
        autoFocus
        value={props.value}
        placeholder="https://…"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </>
  );
}

function FormError(props: { id: string; error: string | null }) {
  if (!props.error) return null;
  return (
    <span id={`${props.id}-error`} className="c-field-error">
      {props.error}
    </span>
  );
}
