import { useState } from 'react';
import { encodeParams } from '../../../lib/api/api-core';
import { type MailboxDto, mailboxDtoSchema } from '../api-schemas';
import { useAction, useConsole } from '../console-context';
import { Dialog } from '../ui/dialog';
import { ProblemNotice } from '../ui/notices';
import { serverFieldErrors } from './link-mailbox-dialog';
import { aliasesPatch, aliasProblems } from './mailbox-aliases';
import {
  emptyMailboxForm,
  imapOf,
  imapProblems,
  type MailboxForm,
  mailboxFormProblems,
  pacingOf,
  settingsOf,
} from './mailbox-form';
import { AliasesField, ImapFields, PacingFields, SendingFields, SettingsFields } from './settings-fields';

/** The form as a stored mailbox fills it; secrets are never returned, so those stay empty. */
export function formOf(m: MailboxDto): MailboxForm {
  const hint = (k: string) => (m.settingsHints[k] === undefined ? '' : String(m.settingsHints[k]));
  return {
    ...emptyMailboxForm(m.provider),
    address: m.address,
    name: m.name ?? '',
    dailyLimit: String(m.dailyLimit),
    hourlyLimit: String(m.hourlyLimit),
    signature: m.signature ?? '',
    host: hint('host'),
    port: hint('port') || '587',
    secure: m.settingsHints.secure === true,
    domain: hint('domain'),
    apiBaseUrl: hint('apiBaseUrl'),
    imapOn: m.settingsHints.imapHost !== undefined,
    imapHost: hint('imapHost'),
    imapPort: hint('imapPort') || '993',
    imapSecure: m.settingsHints.imapHost === undefined ? true : m.settingsHints.imapSecure === true,
    imapUser: hint('imapUser'),
    rampUpOn: m.rampUp !== null,
    rampStart: String(m.rampUp?.startPerDay ?? 10),
    rampIncrease: String(m.rampUp?.increasePerDay ?? 5),
    minGapSeconds: String(m.minGapSeconds),
    recipientDomainDailyLimit:
      m.recipientDomainDailyLimit === null ? '' : String(m.recipientDomainDailyLimit),
    aliases: m.aliases.join('\n'),
  };
}

const IMAP_KEYS = ['imapOn', 'imapHost', 'imapPort', 'imapSecure', 'imapUser', 'imapPassword'] as const;

/**
 * The settings part of an edit: only the IMAP block and the aliases, only when they changed (so
 * saving limits never touches credentials); switching reading off removes IMAP.
 */
export function settingsPatch(before: MailboxForm, after: MailboxForm) {
  const imapChanged = after.provider === 'smtp' && IMAP_KEYS.some((k) => before[k] !== after[k]);
  const settings = {
    ...(imapChanged && { imap: after.imapOn ? imapOf(after) : null }),
    ...aliasesPatch(before.aliases, after.aliases),
  };
  return Object.keys(settings).length ? { settings } : {};
}

export function EditMailboxDialog(props: { mailbox: MailboxDto; onClose(): void; onSaved(): void }) {
  const { api } = useConsole();
  const [initial] = useState(() => formOf(props.mailbox));
  const [form, setForm] = useState(initial);
  const action = useAction();
  const local = {
    ...mailboxFormProblems(form, false),
    ...imapProblems(form),
    ...aliasProblems(form.aliases),
  };
  const set = (p: Partial<MailboxForm>) => setForm((f) => ({ ...f, ...p }));
  const errors = { ...local, ...serverFieldErrors(action.error) };
  return (
    <Dialog
      title={`Settings for ${props.mailbox.address}`}
      busy={action.busy}
      submitDisabled={Object.keys(local).length > 0}
      onClose={props.onClose}
      onSubmit={() =>
        action.run(async () => {
          await api.call(
            (s) =>
              s.api.mailboxes[':id'].$patch({
                param: encodeParams({ id: props.mailbox.id }),
                json: {
                  name: form.name.trim(),
                  dailyLimit: Number(form.dailyLimit),
                  hourlyLimit: Number(form.hourlyLimit),
                  signature: form.signature,
                  ...pacingOf(form),
                  ...settingsPatch(initial, form),
                },
              }),
            mailboxDtoSchema,
          );
          props.onSaved();
        })
      }
    >
      <SendingFields form={form} errors={errors} set={set} />
      <PacingFields form={form} errors={errors} set={set} />
      <AliasesField form={form} errors={errors} set={set} learned={props.mailbox.learnedAliases} />
      {form.provider === 'smtp' && (
        <ImapFields
          form={form}
          errors={errors}
          set={set}
          passwordKept={props.mailbox.settingsHints.imapHasPassword === true}
        />
      )}
      <ProblemNotice problem={action.error} />
    </Dialog>
  );
}

/**
 * The reconnect request. The server merges settings over the stored ones, so the aliases are kept
 * unless the rep edited them here: new credentials go with the aliases as shown, an edited list goes
 * alone (an emptied field clears it with null), and otherwise nothing is sent (the stored settings).
 */
export function reconnectBody(before: MailboxForm, after: MailboxForm, fresh: boolean) {
  const aliases = aliasesPatch(before.aliases, after.aliases);
  if (fresh) return { settings: { ...settingsOf(after), ...aliases } };
  return Object.keys(aliases).length ? { settings: aliases } : {};
}

/**
 * Reconnect: with the stored settings when only the connection dropped, or with new credentials
 * (a changed password or key) that are merged over the stored ones; the aliases are shown and
 * editable as in the settings, so reconnecting never drops them.
 */
export function ReconnectDialog(props: {
  mailbox: MailboxDto;
  onClose(): void;
  onDone(message: string): void;
}) {
  const { api } = useConsole();
  const [initial] = useState(() => formOf(props.mailbox));
  const [form, setForm] = useState(initial);
  const [fresh, setFresh] = useState(false);
  const action = useAction();
  const local = fresh ? mailboxFormProblems(form, true) : aliasProblems(form.aliases);
  const errors = { ...local, ...serverFieldErrors(action.error) };
  const set = (p: Partial<MailboxForm>) => setForm((f) => ({ ...f, ...p }));
  const needsSettings = props.mailbox.provider !== 'sandbox';
  return (
    <Dialog
      title={`Reconnect ${props.mailbox.address}`}
      submitLabel="Reconnect"
      busy={action.busy}
      submitDisabled={Object.keys(local).length > 0}
      onClose={props.onClose}
      onSubmit={() =>
        action.run(async () => {
          const box = await api.call(
            (s) =>
              s.api.mailboxes[':id'].reconnect.$post({
                param: encodeParams({ id: props.mailbox.id }),
                json: reconnectBody(initial, form, fresh),
              }),
            mailboxDtoSchema,
          );
          props.onDone(
            box.status === 'active'
              ? `${box.address} is active again. Retry its not-sent emails on the Emails tab.`
              : `${box.address} is still inactive: ${box.inactiveReason ?? 'no reason given'}.`,
          );
        })
      }
    >
      {props.mailbox.inactiveReason && (
        <p className="s-warn s-small">
          <strong>Why it stopped:</strong> {props.mailbox.inactiveReason}
        </p>
      )}
      {needsSettings && (
        <label className="s-small" style={{ display: 'block', margin: '6px 0' }}>
          <input type="checkbox" checked={fresh} onChange={(e) => setFresh(e.target.checked)} /> Enter new
          credentials (the password, token or key changed)
        </label>
      )}
      {fresh && <SettingsFields form={form} errors={errors} set={set} />}
      <AliasesField form={form} errors={errors} set={set} learned={props.mailbox.learnedAliases} />
      <ProblemNotice problem={action.error} />
    </Dialog>
  );
}
