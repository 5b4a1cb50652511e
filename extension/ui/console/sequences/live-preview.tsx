import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import type { Contact } from '../../../../shared/schemas/contact';
import type { PreflightResult } from '../../../../shared/schemas/email';
import { otherNotSentReasons } from '../../../../shared/send-guard/catalog';
import { looksLikeHtml } from '../../../../shared/template/html-body';
import { RENDER_LIMITS, renderTemplate, type TemplateContext } from '../../../../shared/template/render';
import { type ApiProblem, asProblem } from '../../../lib/api/api-problem';
import { enrollmentPageSchema, mailboxPageSchema, preflightResultSchema, userSchema } from '../api-schemas';
import { useConsole, useLoad } from '../console-context';
import { ContactPicker } from '../contacts/contact-picker';
import { BusyLine, ProblemNotice } from '../ui/notices';

// Loaded with the editor: a plain-text body previews without it.
const HtmlPreview = lazy(() => import('../ui/rich-text/html-preview'));

export interface LivePreviewProps {
  sequenceId?: string | undefined;
  /** Set for a saved step: the server then also checks thread and already-sent rules. */
  stepId?: string | undefined;
  subject: string | null;
  body: string;
  snippets: Readonly<Record<string, string>>;
  /** Preview for this contact from the start (a task's contact); otherwise the rep picks one. */
  contact?: Contact | null;
  /** False for calls and tasks: nothing is sent, so there is nothing for the send guard to check. */
  checkSend?: boolean;
  /** Tells the editor whose custom fields to offer in autocomplete. */
  onContactChange?(contact: Contact | null): void;
}

/** The sender part of the template context: the rep's name and the signature of their mailbox. */
function useSender() {
  return useLoad(async ({ api }) => {
    const [me, boxes] = await Promise.all([
      api.call((s) => s.api.me.$get(), userSchema),
      api.call((s) => s.api.mailboxes.$get({ query: { limit: 15 } }), mailboxPageSchema),
    ]);
    const box = boxes.items.find((b) => b.status === 'active') ?? boxes.items[0];
    return { name: me.name, email: box?.address ?? me.email, signature: box?.signature ?? null };
  }, []);
}

/** The first contact enrolled in the sequence, so the preview shows someone real straight away. */
function useFirstEnrolled(sequenceId: string | undefined, skip: boolean) {
  return useLoad(
    async ({ api, contacts }) => {
      if (!sequenceId || skip) return null;
      const page = await api.call(
        (s) => s.api.enrollments.$get({ query: { sequenceId, limit: 1 } }),
        enrollmentPageSchema,
      );
      const first = page.items[0];
      return first ? contacts.one(first.contactId) : null;
    },
    [sequenceId, skip],
  );
}

/** Template output with every unfilled `{{tag}}` marked, so the gap is visible in place. */
function withGaps(text: string): ReactNode[] {
  return text.split(/(\{\{[^{}]*\}\})/).map((part, i) =>
    i % 2 === 1 ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one string, fixed by their position
      <mark key={i} className="c-gap">
        {part}
      </mark>
    ) : (
      part
    ),
  );
}

/**
 * Renders the step for a chosen contact with the same shared renderer the server uses, and asks
 * POST /api/preflight what would stop it being sent right now.
 */
export function LivePreview(props: LivePreviewProps) {
  const { api } = useConsole();
  const sender = useSender();
  const firstEnrolled = useFirstEnrolled(props.sequenceId, props.contact !== undefined);
  const [picked, setPicked] = useState<Contact | null | undefined>(undefined);
  const contact = picked !== undefined ? picked : (props.contact ?? firstEnrolled.data ?? null);
  const [verdict, setVerdict] = useState<PreflightResult | null>(null);
  const [checkError, setCheckError] = useState<ApiProblem | undefined>();
  const [checking, setChecking] = useState(false);
  const { sequenceId, stepId, subject, body, onContactChange } = props;
  const checkSend = props.checkSend ?? true;

  useEffect(() => onContactChange?.(contact), [contact, onContactChange]);

  useEffect(() => {
    if (!contact || !checkSend) {
      setVerdict(null);
      setChecking(false);
      return;
    }
    let alive = true;
    setChecking(true);
    // Debounced so typing does not fire a request per key; the last edit always gets checked.
    const timer = setTimeout(() => {
      api
        .call(
          (s) =>
            s.api.preflight.$post({
              json: {
                contactId: contact.id,
                ...(sequenceId ? { sequenceId } : {}),
                ...(stepId ? { stepId } : {}),
                ...(subject !== null ? { subject } : {}),
                body,
              },
            }),
          preflightResultSchema,
        )
        .then(
          (result) => {
            if (!alive) return;
            setVerdict(result);
            setCheckError(undefined);
          },
          (err: unknown) => alive && setCheckError(asProblem(err)),
        )
        .finally(() => alive && setChecking(false));
    }, 400);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [api, contact, sequenceId, stepId, subject, body, checkSend]);

  const ctx: TemplateContext = { ...(contact ?? {}), sender: sender.data ?? null };
  const opts = { html: false, snippets: props.snippets };
  // Capped like a send: a snippet bomb renders its first RENDER_LIMITS characters, then says so.
  const renderedSubject =
    subject === null ? null : renderTemplate(subject, ctx, { ...opts, maxLength: RENDER_LIMITS.subject });
  const html = looksLikeHtml(body);
  // An HTML body renders as the server sends it: values escaped, then shown as formatted text.
  const renderedBody = renderTemplate(body, ctx, { ...opts, html, maxLength: RENDER_LIMITS.body });
  const tooLong = renderedBody.tooLarge || renderedSubject?.tooLarge === true;

  return (
    <section className="c-preview" aria-label="Live preview" data-console-preview="">
      <div className="s-row" style={{ justifyContent: 'space-between' }}>
        <strong>Preview</strong>
        <BusyLine busy={checking} text="Checking…" />
      </div>
      {props.contact === undefined ? (
        <ContactPicker label="Preview as" value={contact} onChange={setPicked} />
      ) : (
        <p className="s-small s-muted">As {contact?.email ?? 'this contact'} will receive it.</p>
      )}
      {!contact ? (
        <p className="s-muted s-small">Pick a contact to see this step as they would receive it.</p>
      ) : (
        <>
          {renderedSubject && (
            <p>
              <span className="s-muted s-small">Subject: </span>
              <strong data-console-preview-subject="">{withGaps(renderedSubject.output)}</strong>
            </p>
          )}
          {html ? (
            <Suspense fallback={<BusyLine busy text="Loading the preview…" />}>
              <HtmlPreview html={renderedBody.output} />
            </Suspense>
          ) : (
            <div className="c-preview-body" data-console-preview-body="">
              {withGaps(renderedBody.output)}
            </div>
          )}
          {tooLong && (
            <p className="s-warn" data-console-preview-too-long="">
              {otherNotSentReasons.too_large.message} {otherNotSentReasons.too_large.resolution}
            </p>
          )}
          <ProblemNotice problem={checkError} />
          {verdict && (
            <div aria-live="polite" data-console-preflight={verdict.ok ? 'ok' : 'blocked'}>
              {verdict.ok ? (
                <p className="s-info">Nothing would stop this email being sent to this contact now.</p>
              ) : (
                <div className="s-warn">
                  <strong>This email would not be sent now:</strong>
                  <ul className="s-list">
                    {verdict.reasons.map((r) => (
                      <li key={`${r.code}:${r.message}`} className="s-reason" data-console-reason={r.code}>
                        <div>{r.message}</div>
                        <div className="s-small s-muted">{r.resolution}</div>
                        {r.detail && <div className="s-small s-muted">{r.detail}</div>}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </div>
          )}
        </>
      )}
      {sender.error && <ProblemNotice problem={sender.error} />}
    </section>
  );
}
