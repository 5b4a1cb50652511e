/**
 * Gives each distinct value (by key) an index, in first-seen order: what many rows of a bulk
 * statement share travels once, and each row carries the index (see write-fresh.ts).
 */
export function dictionary<T>() {
  const index = new Map<string, number>();
  const values: T[] = [];
  return {
    values,
    of(key: string, value: () => T): number {
      let i = index.get(key);
      if (i === undefined) {
        i = values.length;
        index.set(key, i);
        values.push(value());
      }
      return i;
    },
  };
}
