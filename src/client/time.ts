/**
 * Omneo's timestamps: `"YYYY-MM-DD HH:mm:ss"` in UTC (ISO 8601 is accepted too). Kept apart
 * from the schemas so that an element that only shows dates does not pull in zod.
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Reads an Omneo UTC timestamp (`"2026-11-25 03:04:05"`, or ISO 8601) as epoch milliseconds.
 * Returns `undefined` for anything else.
 */
export function parseOmneoTimestamp(value: string): number | undefined {
  const m = DATE_TIME.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s = '0', frac = '0', zone] = m;
  const ms = Number(frac.slice(0, 3).padEnd(3, '0'));
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return Number.isFinite(t) ? t : undefined;
}
