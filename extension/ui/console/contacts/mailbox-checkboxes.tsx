import type { Mailbox } from '../../../../shared/schemas/mailbox';

/** One checkbox per mailbox to send from, inactive ones marked; both enroll dialogs use it. */
export function MailboxCheckboxes(props: {
  mailboxes: readonly Pick<Mailbox, 'id' | 'address' | 'status'>[] | undefined;
  selected: readonly string[];
  onChange(next: string[]): void;
}) {
  return (
    <>
      {props.mailboxes?.map((m) => (
        <label key={m.id} className="s-small">
          <input
            type="checkbox"
            checked={props.selected.includes(m.id)}
            onChange={(e) =>
              props.onChange(
                e.target.checked ? [...props.selected, m.id] : props.selected.filter((x) => x !== m.id),
              )
            }
          />{' '}
          {m.address}
          {m.status === 'inactive' ? ' (inactive)' : ''}
        </label>
      ))}
    </>
  );
}
