/** One page of a list: `nextCursor` is there when more rows follow (API.md's pagination). */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** Rows were fetched with limit + 1 and ordered by id; the extra row proves there is a next page. */
export function toPage<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  if (rows.length <= limit) return { items: rows };
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return last ? { items, nextCursor: last.id } : { items };
}
