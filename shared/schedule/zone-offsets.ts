import { Temporal } from 'temporal-polyfill';

/**
 * A zone's UTC offsets as a piecewise-constant function of the instant.
 *
 * Why not ask Temporal on every call: converting an instant to a ZonedDateTime with the polyfill
 * costs ~15 µs, and the scheduler evaluates windows for every enrollment. Temporal remains the
 * source of truth: it supplies each year's offset and transitions once, and between two
 * transitions "local = instant + offset" is exact, so callers can move along real time and only
 * need care at the transition instants this table reports.
 */
export interface ZoneOffsets {
  readonly zone: string;
  /** Local wall clock minus UTC, in ms, in force at `epochMs`. */
  offsetAt(epochMs: number): number;
  /**
   * The first transition strictly after `epochMs`; Infinity when none occurs up to `untilMs`
   * (one later than `untilMs` may be returned, so callers compare).
   */
  nextTransitionAfter(epochMs: number, untilMs: number): number;
}

interface YearTable {
  readonly startMs: number;
  readonly endMs: number;
  /** Offset in force just before the year starts. */
  readonly baseOffsetMs: number;
  readonly transitionsAt: readonly number[];
  readonly offsetsAfter: readonly number[];
}

function utcYearStart(year: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, 0, 1);
  return d.getTime();
}

function buildYear(zone: string, year: number): YearTable {
  const startMs = utcYearStart(year);
  const endMs = utcYearStart(year + 1);
  // Start 1 ms early so a transition exactly at New Year is listed in this year, where
  // nextTransitionAfter looks for it, and not hidden inside the base offset.
  let cursor = Temporal.Instant.fromEpochMilliseconds(startMs - 1).toZonedDateTimeISO(zone);
  const baseOffsetMs = cursor.offsetNanoseconds / 1e6;
  const transitionsAt: number[] = [];
  const offsetsAfter: number[] = [];
  for (;;) {
    const next = cursor.getTimeZoneTransition('next');
    if (!next || next.epochMilliseconds >= endMs) break;
    transitionsAt.push(next.epochMilliseconds);
    offsetsAfter.push(next.offsetNanoseconds / 1e6);
    cursor = next;
  }
  return { startMs, endMs, baseOffsetMs, transitionsAt, offsetsAfter };
}

class YearCachedZoneOffsets implements ZoneOffsets {
  private readonly years = new Map<number, YearTable>();

  constructor(readonly zone: string) {}

  private table(year: number): YearTable {
    let table = this.years.get(year);
    if (!table) {
      // Bounded memo: a long-running scheduler touches a couple of years per zone, but nothing
      // stops a caller from walking centuries.
      if (this.years.size >= 64) this.years.clear();
      table = buildYear(this.zone, year);
      this.years.set(year, table);
    }
    return table;
  }

  private tableAt(epochMs: number): YearTable {
    return this.table(new Date(epochMs).getUTCFullYear());
  }

  offsetAt(epochMs: number): number {
    const table = this.tableAt(epochMs);
    let offset = table.baseOffsetMs;
    const at = table.transitionsAt;
    for (let i = 0; i < at.length && at[i]! <= epochMs; i++) offset = table.offsetsAfter[i]!;
    return offset;
  }

  nextTransitionAfter(epochMs: number, untilMs: number): number {
    let table = this.tableAt(epochMs);
    for (;;) {
      for (const at of table.transitionsAt) if (at > epochMs) return at;
      if (table.endMs > untilMs) return Number.POSITIVE_INFINITY;
      table = this.table(new Date(table.endMs).getUTCFullYear());
    }
  }
}

const byZone = new Map<string, ZoneOffsets>();

/** Throws RangeError for a zone Temporal does not know. */
export function zoneOffsets(zone: string): ZoneOffsets {
  let offsets = byZone.get(zone);
  if (!offsets) {
    // Validates the zone up front so an unknown one fails here, not halfway through a search.
    try {
      Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(zone);
    } catch {
      throw new RangeError(`unknown time zone "${zone}" (use an IANA name such as "Europe/Berlin")`);
    }
    if (byZone.size >= 1024) byZone.clear();
    offsets = new YearCachedZoneOffsets(zone);
    byZone.set(zone, offsets);
  }
  return offsets;
}
