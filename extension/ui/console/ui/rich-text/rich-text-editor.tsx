import { lazy, Suspense, useId } from 'react';
import type { RichTextEditorProps } from './rich-text-props';

export type { RichTextEditorProps } from './rich-text-props';

// TipTap and ProseMirror load with the first editor shown, not with the console's first paint; the
// content scripts never import this folder.
const TiptapEditor = lazy(() => import('./tiptap-editor'));

/** A rich-text body (bold, italic, lists, links, images by URL) with `{{` autocomplete. */
export function RichTextEditor(props: RichTextEditorProps) {
  const id = useId();
  return (
    <Suspense
      fallback={
        <div className="s-field c-field c-template">
          <span id={`${id}-label`} className="c-label">
            {props.label}
          </span>
          <div className="s-input c-rich-loading" role="status">
            Loading the editor…
          </div>
        </div>
      }
    >
      <TiptapEditor {...props} />
    </Suspense>
  );
}
