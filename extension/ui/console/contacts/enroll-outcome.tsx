import type { EnrollResult } from '../../../../shared/schemas/enrollment';
import { enrollmentWarningCatalog, enrollmentWarningCodeSchema } from '../../../../shared/send-guard/catalog';
import { plural } from '../format';

/** Refusals that are not warnings: nothing to override, only to understand. */
const OTHER_REJECTIONS: Record<string, { label: string; message: string }> = {
  already_in_sequence: { label: 'Already in this sequence', message: 'They are enrolled here already.' },
  sequence_completed: {
    label: 'Went through this sequence before',
    message: 'Each contact goes through a sequence once; clone the sequence to start them over.',
  },
  not_found: { label: 'Not found', message: 'The contact no longer exists or is not visible to you.' },
};

export interface OutcomeGroup {
  code: string;
  label: string;
  message: string;
  resolution?: string;
  contactIds: string[];
  /** A warning: "Enroll anyway" (skip validation) would enroll these. */
  overridable: boolean;
}

/** Groups warnings and refusals by code, in the catalog's order, with their words. */
export function groupOutcome(result: EnrollResult): { warned: OutcomeGroup[]; rejected: OutcomeGroup[] } {
  const group = (items: Array<{ contactId: string; code: string }>) => {
    const byCode = new Map<string, string[]>();
    for (const i of items) byCode.set(i.code, [...(byCode.get(i.code) ?? []), i.contactId]);
    return [...byCode.entries()].map(([code, contactIds]): OutcomeGroup => {
      const warning = enrollmentWarningCodeSchema.safeParse(code);
      if (warning.success) {
        const entry = enrollmentWarningCatalog[warning.data];
        return { code, ...entry, contactIds, overridable: true };
      }
      const other = OTHER_REJECTIONS[code] ?? { label: code.replace(/_/g, ' '), message: '' };
      return { code, ...other, contactIds, overridable: false };
    });
  };
  return { warned: group(result.warnings), rejected: group(result.rejected) };
}

export function EnrollOutcome(props: { result: EnrollResult }) {
  const { warned, rejected } = groupOutcome(props.result);
  const enrolledIds = new Set(props.result.enrollments.map((e) => e.contactId));
  return (
    <div data-console-enroll-outcome="">
      <p className={props.result.enrollments.length ? 's-info' : 's-warn'} role="status">
        {plural(props.result.enrollments.length, 'contact')} enrolled.
        {rejected.length > 0 && ` ${plural(props.result.rejected.length, 'contact')} not enrolled.`}
      </p>
      {rejected.length > 0 && (
        <ul className="s-list">
          {rejected.map((g) => (
            <li key={g.code} className="s-reason" data-console-rejected={g.code}>
              <strong>
                {g.label} ({g.contactIds.length})
              </strong>{' '}
              {g.message} {g.resolution && <span className="s-muted">{g.resolution}</span>}
            </li>
          ))}
        </ul>
      )}
      {warned.some((g) => g.contactIds.some((id) => enrolledIds.has(id))) && (
        <>
          <h3>Enrolled despite a warning</h3>
          <ul className="s-list">
            {warned.map((g) => (
              <li key={g.code} className="s-reason s-small">
                <strong>{g.label}</strong> ({g.contactIds.length}): {g.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
