import { act } from '@testing-library/react';
import type { Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';

/*
 * jsdom lays nothing out, so it has no client rects; ProseMirror asks for them to scroll the caret
 * into view after each change. An empty rect is all it needs.
 */
const noRect = () => ({
  x: 0,
  y: 0,
  top: 0,
  left: 0,
  right: 0,
  bottom: 0,
  width: 0,
  height: 0,
  toJSON: () => ({}),
});
for (const proto of [Range.prototype, Element.prototype] as object[]) {
  Object.assign(proto, {
    getClientRects: () => Object.assign([], { item: () => null }),
    getBoundingClientRect: noRect,
  });
}
if (!document.elementFromPoint) document.elementFromPoint = () => null;

/** The TipTap editor behind a rendered editable area (TipTap keeps it on its element). */
export function editorOf(el: HTMLElement): Editor {
  const editor = (el as HTMLElement & { editor?: Editor }).editor;
  if (!editor) throw new Error('not a TipTap editor element');
  return editor;
}

/** Selects the first occurrence of `text` in the document, as a rep dragging over it would. */
export function selectText(editor: Editor, text: string): void {
  let found: { from: number; to: number } | null = null;
  editor.state.doc.descendants((node, pos) => {
    if (found || !node.isText) return !found;
    const at = node.text?.indexOf(text) ?? -1;
    if (at >= 0) found = { from: pos + at, to: pos + at + text.length };
    return false;
  });
  if (!found) throw new Error(`"${text}" is not in the document`);
  const { from, to } = found;
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, from, to)));
  editor.view.focus();
}

/** Replaces what a rich-text field holds with `text` as one paragraph, as a rep retyping it would. */
export function retype(el: HTMLElement, text: string): void {
  const editor = editorOf(el);
  act(() => {
    editor
      .chain()
      .focus()
      .setContent({ type: 'doc', content: [paragraph(text)] }, { emitUpdate: true })
      .focus('end')
      .run();
  });
}

const paragraph = (text: string) => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] });

/**
 * The editor's module, loaded up front (in a beforeAll): the console loads it on demand, and the
 * first load in a test run takes longer than a test's own time limit on a busy machine.
 */
export const loadEditor = () => import('../../../../extension/ui/console/ui/rich-text/tiptap-editor');
