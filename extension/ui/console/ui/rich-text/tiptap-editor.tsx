import type { Editor } from '@tiptap/core';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { plainTextToHtml } from '../../../../../shared/template/html-body';
import { type Completion, completionAt, suggestionsFor } from '../../sequences/template-autocomplete';
import { SuggestionList } from '../suggestion-list';
import { editorExtensions } from './editor-extensions';
import type { RichTextEditorProps } from './rich-text-props';
import { RichTextToolbar, type ToolbarForm } from './rich-text-toolbar';

/** The editor's HTML as a body: '' for an empty document, so "required" checks see nothing typed. */
const bodyOf = (editor: Editor) => (editor.isEmpty ? '' : editor.getHTML());

/** The `{{` tag being typed at the caret, in document positions. */
function completionIn(editor: Editor): (Completion & { from: number; to: number }) | null {
  const { selection } = editor.state;
  if (!selection.empty) return null;
  const $from = selection.$from;
  const block = $from.parent;
  // One character per leaf (a line break, an image) keeps text offsets equal to positions.
  const before = block.textBetween(0, $from.parentOffset, undefined, '\ufffc');
  const after = block.textBetween($from.parentOffset, block.content.size, undefined, '\ufffc');
  const c = completionAt(before + after, before.length);
  return c && { ...c, from: $from.start() + c.start, to: $from.start() + c.end };
}

/** The TipTap editor behind RichTextEditor; loaded on demand (see rich-text-editor.tsx). */
export default function TiptapEditor(props: RichTextEditorProps) {
  const id = useId();
  const [completion, setCompletion] = useState<ReturnType<typeof completionIn>>(null);
  const [active, setActive] = useState(0);
  const [form, setForm] = useState<ToolbarForm>(null);
  const source = props.source;
  const suggestions = completion && source ? suggestionsFor(completion.query, source) : [];
  const open = suggestions.length > 0;
  const problems = props.problems ?? [];

  // ProseMirror keeps its handlers from creation: they read the latest state through this ref.
  const live = useRef({ props, open, suggestions, active, completion });
  live.current = { props, open, suggestions, active, completion };
  // The last value the editor reported or was given: the document already shows it.
  const emitted = useRef<string>(props.value);
  const wrapRef = useRef<HTMLDivElement | null>(null);

  const extensions = useMemo(() => editorExtensions(() => setForm('link')), []);
  const editor = useEditor({
    extensions,
    content: plainTextToHtml(props.value),
    editable: !props.disabled,
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: {
        id: `${id}-input`,
        class: 's-input c-rich-input',
        role: 'combobox',
        'aria-labelledby': `${id}-label`,
        'aria-autocomplete': source ? 'list' : 'none',
        'aria-controls': `${id}-list`,
      },
      handleKeyDown: (_view, ev) => {
        const cur = live.current;
        if (!cur.open) return false;
        const n = cur.suggestions.length;
        if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
          setActive((i) => (i + (ev.key === 'ArrowDown' ? 1 : -1) + n) % n);
          return true;
        }
        if (ev.key === 'Enter' || ev.key === 'Tab') {
          accept(cur.suggestions[cur.active] ?? cur.suggestions[0] ?? '');
          return true;
        }
        if (ev.key === 'Escape') {
          // Only the list closes; a dialog around the editor stays open.
          ev.stopPropagation();
          setCompletion(null);
          return true;
        }
        return false;
      },
    },
    onUpdate: ({ editor: e }) => {
      const html = bodyOf(e);
      emitted.current = html;
      live.current.props.onChange(html);
      track(e);
    },
    onSelectionUpdate: ({ editor: e }) => track(e),
    onFocus: () => live.current.props.onFocus?.(),
    onBlur: () => setCompletion(null),
  });

  const editorRef = useRef<Editor | null>(null);
  editorRef.current = editor;

  function track(e: Editor) {
    if (!live.current.props.source) return;
    const next = completionIn(e);
    setCompletion(next);
    if (next?.query !== live.current.completion?.query) setActive(0);
  }

  function accept(name: string) {
    const c = live.current.completion;
    const e = editorRef.current;
    if (!c || !e) return;
    setCompletion(null);
    e.chain().focus().insertContentAt({ from: c.from, to: c.to }, `{{${name}}}`).run();
  }

  // A value set from outside (a discarded draft, another step) replaces the document; the editor's
  // own edits coming back as the value do not, or the caret would jump.
  useEffect(() => {
    if (!editor || editor.isDestroyed || props.value === emitted.current) return;
    emitted.current = props.value;
    editor.commands.setContent(plainTextToHtml(props.value), { emitUpdate: false });
  }, [editor, props.value]);

  useEffect(() => {
    editor?.setEditable(!props.disabled, false);
  }, [editor, props.disabled]);

  // State ProseMirror does not manage goes straight onto its element.
  useLayoutEffect(() => {
    // Through the wrapper, not editor.view: the view exists only once EditorContent has mounted it.
    const dom = wrapRef.current?.querySelector<HTMLElement>('[contenteditable]');
    if (!dom) return;
    const set = (name: string, value: string | undefined) =>
      value === undefined ? dom.removeAttribute(name) : dom.setAttribute(name, value);
    set('aria-expanded', String(open));
    set('aria-activedescendant', open ? `${id}-opt-${active}` : undefined);
    set('aria-invalid', problems.length > 0 || props.error ? 'true' : undefined);
    set('aria-describedby', problems.length > 0 ? `${id}-problems` : undefined);
    set('aria-disabled', props.disabled ? 'true' : undefined);
  });

  return (
    <div className="s-field c-field c-template c-rich" data-console-rich-editor="">
      {/* Not a <label>: the editable area is a div, named through aria-labelledby. */}
      <span id={`${id}-label`} className="c-label">
        {props.label}
      </span>
      {editor && (
        <RichTextToolbar
          editor={editor}
          label={props.label}
          disabled={props.disabled === true}
          form={form}
          onForm={setForm}
          canInsertVariable={source !== undefined}
        />
      )}
      <div style={{ position: 'relative' }} ref={wrapRef}>
        <EditorContent editor={editor} />
        {source && (
          <SuggestionList
            id={id}
            label={props.label}
            open={open}
            suggestions={suggestions}
            active={active}
            onPick={accept}
          />
        )}
      </div>
      <span className="s-small s-muted">
        {props.hint ??
          (source
            ? 'Type {{ to insert a variable or snippet. Ctrl+B bold, Ctrl+I italic, Ctrl+K link.'
            : 'Ctrl+B bold, Ctrl+I italic, Ctrl+K link.')}
      </span>
      {props.error && (
        <span className="c-field-error" role="alert">
          {props.error}
        </span>
      )}
      {problems.length > 0 && (
        <ul
          id={`${id}-problems`}
          className="c-field-problems c-field-error"
          data-console-template-problems=""
        >
          {problems.map((p) => (
            <li key={`${p.index}:${p.message}`}>{p.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
