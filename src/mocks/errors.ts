/**
 * Omneo's (Laravel's) error answers, and the small readers that validate request bodies the
 * way Omneo does: every problem is collected per field, then answered as one 422.
 */
import { dollarsToCents } from '../client/money.js';

/** Thrown by the tenant's operations; the handlers answer it as `status` with `body`. */
export class MockHttpError extends Error {
  override name = 'MockHttpError';
  constructor(
    readonly status: number,
    readonly body: { message: string; errors?: Record<string, string[]> },
  ) {
    super(body.message);
  }
}

/** The message Omneo sends with each status when it has nothing more specific to say. */
export function statusMessage(status: number): string {
  switch (status) {
    case 401:
      return 'Unauthenticated.';
    case 403:
      return 'This action is unauthorized.';
    case 404:
      return 'Not Found.';
    case 422:
      return 'The given data was invalid.';
    case 429:
      return 'Too Many Attempts.';
    case 503:
      return 'Service Unavailable';
    default:
      return status >= 500 ? 'Server Error' : 'Error.';
  }
}

export function notFound(message: string): MockHttpError {
  return new MockHttpError(404, { message });
}

/** A 422 with one field's error: Laravel's message is the first error. */
export function invalid(field: string, message: string): MockHttpError {
  return new MockHttpError(422, { message, errors: { [field]: [message] } });
}

/**
 * Collects field errors like Laravel's validator, and throws one 422 for all of them
 * (`message` is the first error, plus "(and N more errors)").
 */
export class FieldErrors {
  readonly errors: Record<string, string[]> = {};

  add(field: string, message: string): void {
    (this.errors[field] ??= []).push(message);
  }

  get empty(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  throwIfAny(): void {
    const all = Object.values(this.errors).flat();
    const first = all[0];
    if (first === undefined) return;
    const more = all.length - 1;
    const message = more > 0 ? `${first} (and ${more} more error${more > 1 ? 's' : ''})` : first;
    throw new MockHttpError(422, { message, errors: this.errors });
  }
}

/** `"field_name"` -> `"field name"`, as Laravel writes attribute names in messages. */
const label = (field: string) => field.replace(/_/g, ' ').replace(/^items\.\d+\./, '');

const missing = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Reads a body as a JSON object; anything else reads as `{}`. */
export function asObject(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

export function readRequired(o: Record<string, unknown>, field: string, errors: FieldErrors, key = field): boolean {
  if (missing(o[field])) {
    errors.add(key, `The ${label(key)} field is required.`);
    return false;
  }
  return true;
}

/** A dollar amount as cents, or `undefined` (with an error) when it is not whole cents. */
export function readCents(
  o: Record<string, unknown>,
  field: string,
  errors: FieldErrors,
  opts: { required?: boolean; positive?: boolean; key?: string } = {},
): number | undefined {
  const key = opts.key ?? field;
  if (missing(o[field])) {
    if (opts.required) errors.add(key, `The ${label(key)} field is required.`);
    return undefined;
  }
  const cents = dollarsToCents(o[field]);
  if (cents === undefined) {
    errors.add(key, `The ${label(key)} must be a number with at most 2 decimal places.`);
    return undefined;
  }
  if (opts.positive ? cents <= 0 : cents < 0) {
    errors.add(key, `The ${label(key)} must be greater than ${opts.positive ? '0' : 'or equal to 0'}.`);
    return undefined;
  }
  return cents;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** A `"YYYY-MM-DD HH:mm:ss"` local date-time (Laravel's `date_format:Y-m-d H:i:s`). */
export function readDateTime(o: Record<string, unknown>, field: string, errors: FieldErrors): string | undefined {
  if (!readRequired(o, field, errors)) return undefined;
  const value = o[field];
  const m = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  const [, y, mo, d, h, mi, s] = m ?? [];
  const t = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  if (!m || t.getUTCDate() !== Number(d) || t.getUTCHours() !== Number(h) || t.getUTCMinutes() !== Number(mi)) {
    errors.add(field, `The ${label(field)} does not match the format Y-m-d H:i:s.`);
    return undefined;
  }
  return value as string;
}

/** An IANA time zone name. */
export function readTimezone(o: Record<string, unknown>, field: string, errors: FieldErrors): string | undefined {
  if (!readRequired(o, field, errors)) return undefined;
  const value = o[field];
  if (typeof value === 'string') {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return value;
    } catch {
      // fall through: not a zone this runtime knows
    }
  }
  errors.add(field, `The ${label(field)} must be a valid timezone.`);
  return undefined;
}

/** Optional text (numbers are read as text). */
export function readText(o: Record<string, unknown>, field: string, errors: FieldErrors): string | null {
  const value = o[field];
  if (missing(value)) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  errors.add(field, `The ${label(field)} must be a string.`);
  return null;
}

/** An optional positive integer (an id or a count); numeric strings are accepted. */
export function readInt(o: Record<string, unknown>, field: string, errors: FieldErrors, key = field): number | null {
  const value = o[field];
  if (missing(value)) return null;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
    errors.add(key, `The ${label(key)} must be a positive integer.`);
    return null;
  }
  return n;
}
