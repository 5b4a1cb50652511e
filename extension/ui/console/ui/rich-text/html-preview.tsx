import { generateHTML, generateJSON } from '@tiptap/core';
import { editorExtensions } from './editor-extensions';

const extensions = editorExtensions();

/**
 * Rendered email HTML, cut down to what the editor's schema holds (no scripts, handlers or
 * javascript: links can reach the console's page), with each unfilled `{{tag}}` in the text marked.
 */
export function previewHtml(rendered: string): string {
  const clean = generateHTML(generateJSON(rendered, extensions), extensions);
  // Only tags in text: the lookahead skips one inside an attribute (an href), which has no `<` before
  // its tag's `>`; text has its `<` and `>` escaped by the serializer.
  return clean.replace(/\{\{[^{}<>]*\}\}(?![^<]*>)/g, (tag) => `<mark class="c-gap">${tag}</mark>`);
}

/** The body as the contact will see it; loaded with the editor, only for HTML bodies. */
export default function HtmlPreview(props: { html: string }) {
  return (
    <div
      className="c-preview-body c-preview-html"
      data-console-preview-body=""
      // biome-ignore lint/security/noDangerouslySetInnerHtml: previewHtml rebuilt it from the editor's schema
      dangerouslySetInnerHTML={{ __html: previewHtml(props.html) }}
    />
  );
}
