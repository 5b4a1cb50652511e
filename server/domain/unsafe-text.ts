/**
 * Text the database cannot store: NUL (Postgres text refuses it) and UTF-16 surrogates without
 * their pair (they have no UTF-8 form). Either used to reach the database and come back as a 500.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what is looked for
const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasUnsafeText(value: string): boolean {
  return UNSAFE.test(value);
}

/** For text from outside that must be kept (observed mail, CSV cells): the same text without them. */
export function withoutUnsafeText(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what is removed
  return value.replace(/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

/** Paths (as the validation errors name them) of every string, key included, that holds unsafe text. */
export function unsafeTextPaths(
  value: unknown,
  path: string[] = [],
  out: string[] = [],
  depth = 0,
): string[] {
  if (out.length >= 20 || depth > 32) return out;
  if (typeof value === 'string') {
    if (hasUnsafeText(value)) out.push(path.join('.') || '(body)');
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => {
      unsafeTextPaths(v, [...path, String(i)], out, depth + 1);
    });
  } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) {
      if (hasUnsafeText(k)) out.push([...path, '(key)'].join('.'));
      unsafeTextPaths(v, [...path, k], out, depth + 1);
    }
  }
  return out;
}

/** A copy of a parsed value with NUL and lone surrogates removed from every string and key. */
export function stripUnsafeText<T>(value: T): T {
  if (typeof value === 'string') return withoutUnsafeText(value) as T;
  if (Array.isArray(value)) return value.map((v) => stripUnsafeText(v)) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [withoutUnsafeText(k), stripUnsafeText(v)]),
    ) as T;
  }
  return value;
}
