/*
 * The scheduler's batch writes send their rows as one JSON parameter joined to the table by id, so
 * times travel as ISO text and are cast back in SQL.
 */
export const iso = (d: Date) => d.toISOString();
