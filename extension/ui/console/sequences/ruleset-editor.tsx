import { useId, useState } from 'react';
import { effectiveRuleset, type Ruleset } from '../../../../shared/schemas/ruleset';
import { notSentCatalog } from '../../../../shared/send-guard/catalog';

type Switch =
  | 'gdprBlockEu'
  | 'bounceProtection'
  | 'unverifiedProtection'
  | 'ownershipRequired'
  | 'finishOnReply';

/** Each switch in words, with the not-sent reason it produces so the rep can connect the two. */
const SWITCHES: Array<{ key: Switch; label: string; hint: string }> = [
  {
    key: 'finishOnReply',
    label: 'Finish the sequence when the contact replies',
    hint: 'Turn off only if replies should not stop the follow-ups.',
  },
  { key: 'bounceProtection', label: 'Bounce protection', hint: notSentCatalog.likely_to_bounce.message },
  {
    key: 'unverifiedProtection',
    label: 'Hold the first email to an unverified address',
    hint: notSentCatalog.unverified_email.message,
  },
  {
    key: 'gdprBlockEu',
    label: 'Do not email people in the EU/EEA',
    hint: notSentCatalog.gdpr_location_blocked.resolution,
  },
  {
    key: 'ownershipRequired',
    label: 'Only email contacts and accounts I own',
    hint: notSentCatalog.not_owned_by_user.message,
  },
];

/** "Customer, Disqualified" ⇄ ["Customer", "Disqualified"]; blanks and repeats dropped. */
export function parseStages(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

function StagesInput(props: {
  label: string;
  hint: string;
  value: string[];
  readOnly: boolean;
  onChange(v: string[]): void;
}) {
  const id = useId();
  // Keep the text as typed (a trailing comma, a half-typed stage); the parsed list goes up.
  const [text, setText] = useState(props.value.join(', '));
  return (
    <div className="s-field c-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        className="s-input"
        value={text}
        disabled={props.readOnly}
        placeholder="e.g. Customer, Disqualified, Bad data"
        onChange={(e) => {
          setText(e.target.value);
          props.onChange(parseStages(e.target.value));
        }}
      />
      <span className="s-small s-muted">{props.hint}</span>
    </div>
  );
}

export function RulesetEditor(props: { ruleset: Ruleset; readOnly: boolean; onChange(r: Ruleset): void }) {
  const { readOnly, onChange } = props;
  const rules = effectiveRuleset(props.ruleset);
  const id = useId();
  const set = (patch: Ruleset) => onChange({ ...props.ruleset, ...patch });
  return (
    <div style={{ maxWidth: 640 }}>
      <StagesInput
        label="Do not email contacts in these stages"
        hint="Separate stages with commas. Such emails are marked “Blocked contact stage”; force send can still send them."
        value={rules.blockedContactStages}
        readOnly={readOnly}
        onChange={(blockedContactStages) => set({ blockedContactStages })}
      />
      <StagesInput
        label="Do not email contacts whose account is in these stages"
        hint="Such emails are marked “Blocked account stage”."
        value={rules.blockedAccountStages}
        readOnly={readOnly}
        onChange={(blockedAccountStages) => set({ blockedAccountStages })}
      />
      <div className="s-field c-field">
        <label htmlFor={`${id}-same`}>When someone else at the same account replies</label>
        <select
          id={`${id}-same`}
          className="s-input"
          value={rules.sameAccountReply}
          disabled={readOnly}
          onChange={(e) => set({ sameAccountReply: e.target.value as 'ignore' | 'not_sent' })}
        >
          <option value="ignore">Keep sending</option>
          <option value="not_sent">Stop: mark further emails as not sent</option>
        </select>
      </div>
      {SWITCHES.map((s) => (
        <div key={s.key} style={{ margin: '0 0 8px' }}>
          <label>
            <input
              type="checkbox"
              checked={rules[s.key]}
              disabled={readOnly}
              onChange={(e) => set({ [s.key]: e.target.checked })}
            />{' '}
            {s.label}
          </label>
          <div className="s-small s-muted" style={{ marginLeft: 22 }}>
            {s.hint}
          </div>
        </div>
      ))}
    </div>
  );
}
