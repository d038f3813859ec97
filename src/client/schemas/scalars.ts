/** The scalars every schema is built from: text, ids, money in cents, timestamps. */
import * as z from 'zod/mini';
import { amountToCents, dollarsToCents, type CentsRounding } from '../money.js';
import { parseOmneoTimestamp } from '../time.js';

// ---------------------------------------------------------------------------------------------
// Scalars

/** Nullable, optional text. Numbers are accepted and written as text (an identifier `123`). */
export const text = z.pipe(
  z.optional(z.nullable(z.union([z.string(), z.number()]))),
  z.transform((v) => (v === undefined || v === null ? null : String(v))),
);

/** Text that must be present (it may be empty). */
export const requiredText = z.pipe(
  z.union([z.string(), z.number()]),
  z.transform((v) => String(v)),
);

/**
 * `base`, accepting only values that pass `ok` (a custom issue with `message` otherwise). Built
 * from a pipe and a transform, as every other scalar here is, rather than zod's format, number
 * and enum classes, which would cost a till 1 KB gzip more for the same checks.
 */
export function checked<T extends z.ZodMiniType, U extends z.output<T>>(
  base: T,
  ok: (value: z.output<T>) => value is U,
  message: string,
) {
  return z.pipe(
    base,
    z.transform((value: z.output<T>, ctx): U => {
      if (ok(value)) return value;
      ctx.issues.push({ code: 'custom', message, input: value });
      return z.NEVER;
    }),
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A profile or staff id: a UUID string. */
export const profileIdSchema = checked(z.string(), (v): v is string => UUID.test(v), 'Expected a UUID profile id');

/** An integer id (identity, benefit, reward, redemption, transaction, location). */
export const intId = checked(z.number(), (v): v is number => Number.isSafeInteger(v) && v > 0, 'Expected a positive integer id');

/** An integer id Omneo sends as a number or as numeric text (the SDK types some as strings). */
export const looseIntId = z.pipe(
  z.union([z.number(), z.string()]),
  z.transform((value, ctx) => {
    const n = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
    if (!Number.isSafeInteger(n) || n <= 0) {
      ctx.issues.push({ code: 'custom', message: 'Expected a positive integer id', input: value });
      return z.NEVER;
    }
    return n;
  }),
);

/** Reads a field leniently: a value that fails `schema` is `fallback`, never the whole answer. */
export function lenient<T extends z.ZodMiniType, F>(schema: T, fallback: F) {
  return z.pipe(
    // Optional, so a key Omneo leaves out is the fallback too.
    z.optional(z.unknown()),
    z.transform((value): z.output<T> | F => {
      if (value === undefined) return fallback;
      const parsed = z.safeParse(schema, value);
      return parsed.success ? parsed.data : fallback;
    }),
  );
}

/** A dollar amount read as non-negative integer cents; see `dollarsToCents`. */
export const cents = z.pipe(
  z.union([z.number(), z.string()]),
  z.transform((value, ctx) => {
    const c = dollarsToCents(value);
    if (c === undefined || c < 0) {
      ctx.issues.push({
        code: 'custom',
        message: 'Expected a non-negative amount of whole cents',
        input: value,
      });
      return z.NEVER;
    }
    return c;
  }),
);

/**
 * Money as Omneo reports it (floats with any number of decimals, negatives, numeric strings),
 * read as integer cents rounded once by `rounding` (see `amountToCents`).
 */
function money(rounding: CentsRounding) {
  return z.pipe(
    z.union([z.number(), z.string()]),
    z.transform((value, ctx) => {
      const c = amountToCents(value, rounding);
      if (c === undefined) {
        ctx.issues.push({ code: 'custom', message: 'Expected an amount of money', input: value });
        return z.NEVER;
      }
      return c;
    }),
  );
}

/** A balance in cents, rounded down: what can be redeemed is never more than the balance. */
export const balanceCents = money('floor');

/** A balance Omneo may leave out or null: read as `null`. */
export const optionalBalanceCents = z.pipe(
  z.optional(z.nullable(balanceCents)),
  z.transform((v) => (v === undefined ? null : v)),
);

/** A total or value Omneo reports (it may be null), in cents to the nearest cent. */
export const reportedCents = z.pipe(
  z.optional(z.nullable(money('nearest'))),
  z.transform((v) => (v === undefined ? null : v)),
);

/** Money that Omneo may leave out or null: read as `null`. */
export const optionalCents = z.pipe(
  z.optional(z.nullable(cents)),
  z.transform((v) => (v === undefined ? null : v)),
);

/** A plain finite number (points), lenient about numeric strings. */
export const quantity = z.pipe(
  z.union([z.number(), z.string()]),
  z.transform((value, ctx) => {
    const n = typeof value === 'number' ? value : Number(value.trim() === '' ? NaN : value);
    if (!Number.isFinite(n)) {
      ctx.issues.push({ code: 'custom', message: 'Expected a finite number', input: value });
      return z.NEVER;
    }
    return n;
  }),
);

export const flag = z.pipe(
  z.optional(z.nullable(z.union([z.boolean(), z.number()]))),
  z.transform((v) => v === true || v === 1),
);

/** A required UTC timestamp, kept as Omneo wrote it and as epoch milliseconds. */
export const timestamp = z.pipe(
  z.string(),
  z.transform((value, ctx) => {
    const ms = parseOmneoTimestamp(value);
    if (ms === undefined) {
      ctx.issues.push({ code: 'custom', message: 'Expected a "YYYY-MM-DD HH:mm:ss" timestamp', input: value });
      return z.NEVER;
    }
    return { text: value, ms };
  }),
);
