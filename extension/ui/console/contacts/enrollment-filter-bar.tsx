import type { Counts } from '../api-schemas';
import { formatCount } from '../format';
import { ChipGroup } from '../ui/chips';
import {
  countFor,
  type EnrollmentFilter,
  PAUSED_FILTERS,
  type PausedFilter,
  STATUS_FILTERS,
} from './enrollment-filters';

/** Status chips with their counts, the paused sub-filter, and the search box. */
export function EnrollmentFilterBar(props: {
  counts: Counts;
  filter: EnrollmentFilter;
  onChange(f: EnrollmentFilter): void;
}) {
  const { counts, filter, onChange } = props;
  return (
    <div className="c-toolbar" data-console-filters="">
      <ChipGroup
        label="Filter by status"
        items={STATUS_FILTERS.map((s) => ({ ...s, count: formatCount(countFor(counts, s.value)) }))}
        value={filter.status}
        onChange={(status) => onChange({ ...filter, status, paused: 'any' })}
      />
      {filter.status === 'paused' && (
        <select
          className="s-input"
          aria-label="Kind of pause"
          value={filter.paused}
          onChange={(e) => onChange({ ...filter, paused: e.target.value as PausedFilter })}
        >
          {PAUSED_FILTERS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      )}
      <input
        className="s-input"
        type="search"
        aria-label="Search contacts by name or email"
        placeholder="Search by name or email"
        value={filter.search}
        onChange={(e) => onChange({ ...filter, search: e.target.value })}
      />
    </div>
  );
}
