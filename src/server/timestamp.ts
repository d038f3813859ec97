/**
 * Reads a delivery's `updated_at`, the only order deliveries have, strictly: a value the store
 * would keep as the newest forever (a date that does not exist, or one far ahead of the
 * receiver's clock) is refused rather than stored.
 */
import { parseOmneoTimestamp } from '../client/time.js';

/** How far ahead of the receiver's clock an `updated_at` may be: one day. */
export const MAX_UPDATED_AT_AHEAD_MS = 24 * 60 * 60 * 1000;

const FIELDS = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/;

export type TimestampRead =
  | { ok: true; ms: number }
  /** `invalid`: not a real date and time; `future`: more than the allowed margin ahead. */
  | { ok: false; reason: 'invalid' | 'future' };

/** Whether the calendar fields written in `value` name a real moment (no month 13, no 25:00). */
function fieldsExist(value: string): boolean {
  const m = FIELDS.exec(value.trim());
  if (!m) return false;
  const [y, mo, d, h, mi, s = 0] = m.slice(1).map(Number) as [number, number, number, number, number, number?];
  // Date.UTC rolls 2026-13-45 over into 2027-02-14; a date that survives the round trip is real.
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return (
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    date.getUTCHours() === h &&
    date.getUTCMinutes() === mi &&
    date.getUTCSeconds() === s
  );
}

/**
 * Reads `value` (Omneo's `"YYYY-MM-DD HH:mm:ss"` UTC, or ISO 8601) as epoch milliseconds,
 * refusing a date that does not exist and one more than `maxAheadMs` after `nowMs`.
 */
export function readUpdatedAt(value: string, nowMs: number, maxAheadMs = MAX_UPDATED_AT_AHEAD_MS): TimestampRead {
  const ms = parseOmneoTimestamp(value);
  if (ms === undefined || !fieldsExist(value)) return { ok: false, reason: 'invalid' };
  if (ms > nowMs + maxAheadMs) return { ok: false, reason: 'future' };
  return { ok: true, ms };
}
