import { z } from 'zod';

/** Ids are opaque strings; bounded so hostile input cannot bloat queries. */
export const idSchema = z.string().min(1).max(100);
export const idParamSchema = z.object({ id: idSchema });

/** Most ids one comma-separated `ids` query parameter may name. */
export const MAX_QUERY_IDS = 500;
/**
 * Ids in a query string, comma-separated (`?ids=a,b,c`); blanks and repeats are dropped. Kept to a
 * few hundred so the URL stays well inside what HTTP servers accept (Node's limit is 16 KiB).
 */
export const idListQuerySchema = z
  .string()
  .max(MAX_QUERY_IDS * 101)
  .transform((s) => [
    ...new Set(
      s
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(z.array(idSchema).min(1).max(MAX_QUERY_IDS));

/** Incoming instants: ISO-8601 with an offset or Z; impossible dates fail. */
export const isoInstantSchema = z.iso.datetime({ offset: true });
/** Outgoing instants: always UTC ISO strings. */
export const isoOutSchema = z.string();

export const emailAddressSchema = z.email().max(320);
export const countryCodeSchema = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'use an ISO 3166-1 alpha-2 code such as "DE"')
  .transform((s) => s.toUpperCase());

const RESERVED_KEYS = ['__proto__', 'constructor', 'prototype'];

/**
 * Free-form custom fields: bounded names and values, and no keys that could pollute prototypes.
 * zod drops a `__proto__` key from records silently, so the raw object is checked first: such a
 * body is refused (400) rather than accepted with data missing.
 */
export const customFieldsSchema = z.preprocess(
  (v, ctx) => {
    if (typeof v === 'object' && v !== null && Object.keys(v).some((k) => RESERVED_KEYS.includes(k))) {
      ctx.issues.push({
        code: 'custom',
        input: v,
        message: 'field names __proto__, constructor and prototype are reserved',
      });
    }
    return v;
  },
  z
    .record(
      z
        .string()
        .min(1)
        .max(100)
        .regex(/^[A-Za-z0-9_][A-Za-z0-9_ .-]*$/, 'field names use letters, digits, space, _ . -'),
      z.string().max(10_000),
    )
    .refine((r) => Object.keys(r).length <= 200, 'at most 200 custom fields'),
);

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().optional() });
