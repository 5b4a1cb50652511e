import type { TemplateProblem } from '../../../../../shared/template/validate';
import type { CompletionSource } from '../../sequences/template-autocomplete';

export interface RichTextEditorProps {
  label: string;
  /** HTML as stored; a plain-text body (written before the editor) opens as paragraphs. */
  value: string;
  /** The editor's HTML, or '' when it holds nothing. Only called for the rep's own edits. */
  onChange(html: string): void;
  /** Where `{{` autocomplete finds names; none for a field with no variables (a signature). */
  source?: CompletionSource;
  problems?: readonly TemplateProblem[];
  disabled?: boolean;
  onFocus?(): void;
  hint?: string;
  /** The server's complaint about this field, if any. */
  error?: string | undefined;
}
