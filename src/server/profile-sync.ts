/**
 * Reconciliation for a receiver that was down longer than Omneo retries: pages through the
 * profiles Omneo says were updated since a date (`GET /profiles?filter[updated_at][gte]=…`,
 * following `links.next`, or `meta.current_page` up to `meta.last_page`) and applies each one
 * through the store, by the same rules as a `profile.updated` delivery (read by the same
 * parser): a profile the store holds newer is left alone, a deleted or merged one stays so,
 * and running it twice changes nothing. Web-standard `fetch`; no DOM.
 */
import { parseOmneoTimestamp } from '../client/time.js';
import { parseProfileDelivery } from './profile-delivery.js';
import { MAX_UPDATED_AT_AHEAD_MS } from './timestamp.js';
import type { CustomerStore, UpsertOutcome } from './types.js';

export interface ProfileSyncOptions {
  /** The tenant's API base, e.g. `https://api.<tenant>.getomneo.com/api/v3`. */
  baseUrl: string;
  /** The API token (sent as `Authorization: Bearer …`). */
  token: string;
  /** Profiles updated at or after this instant. */
  since: Date;
  store: CustomerStore;
  /** Profiles asked for a page. Default 100. */
  pageSize?: number;
  /** Default the global `fetch`. */
  fetch?: typeof fetch;
  /** The clock, for the "no more than a day ahead" rule. Default `Date.now`. */
  now?: () => number;
  /** Told after each page. */
  onPage?: (page: number, profiles: number) => void;
}

export interface ProfileSyncReport {
  pages: number;
  /** Profiles read, whatever became of them. */
  seen: number;
  /** How many of each store outcome. */
  outcomes: Partial<Record<UpsertOutcome, number>>;
  /** Profiles older than `since` that the server sent anyway (skipped). */
  older: number;
  /** Profiles that could not be read (kept out of the store), by id when there was one. */
  unreadable: { profileId: string | null; reason: string }[];
}

/** Omneo's `YYYY-MM-DD HH:mm:ss` (UTC) for `date`. */
function omneoTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

interface Page {
  data?: unknown;
  links?: { next?: string | null };
  meta?: { current_page?: number; last_page?: number };
}

/** Runs the reconciliation; rejects when a page cannot be fetched (nothing after it is applied). */
export async function syncProfilesSince(options: ProfileSyncOptions): Promise<ProfileSyncReport> {
  const { store, since, token, pageSize = 100, now = Date.now } = options;
  const get = options.fetch ?? fetch;
  if (Number.isNaN(since.getTime())) throw new RangeError('since is not a date.');
  const sinceMs = since.getTime();
  const report: ProfileSyncReport = { pages: 0, seen: 0, outcomes: {}, older: 0, unreadable: [] };
  const first = new URL(`${options.baseUrl.replace(/\/+$/, '')}/profiles`);
  first.searchParams.set('filter[updated_at][gte]', omneoTime(since));
  first.searchParams.set('page[size]', String(pageSize));
  first.searchParams.set('page[number]', '1');
  let next: string | null = first.toString();

  while (next !== null) {
    const response = await get(next, { headers: { accept: 'application/json', authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`GET /profiles answered ${response.status} on page ${report.pages + 1}.`);
    const page = (await response.json()) as Page;
    const profiles = Array.isArray(page.data) ? page.data : [];
    report.pages++;
    for (const profile of profiles) {
      report.seen++;
      const parsed = parseProfileDelivery('profile.updated', JSON.stringify(profile), { nowMs: now(), maxAheadMs: MAX_UPDATED_AT_AHEAD_MS });
      if (!parsed.ok) {
        report.unreadable.push({ profileId: parsed.profileId, reason: parsed.reason });
        continue;
      }
      if (parsed.delivery.kind !== 'upsert') continue;
      const update = parsed.delivery.update;
      // The server should have filtered; a tenant that ignores the filter costs only time.
      if (update.updatedAtMs < sinceMs) {
        report.older++;
        continue;
      }
      const { outcome } = await store.upsert(update);
      report.outcomes[outcome] = (report.outcomes[outcome] ?? 0) + 1;
    }
    options.onPage?.(report.pages, profiles.length);
    next = nextPage(page, next, report.pages);
  }
  return report;
}

/** `links.next`, else the next page number while `meta` says there is one, else `null`. */
function nextPage(page: Page, current: string, fetched: number): string | null {
  if (profilesOf(page) === 0) return null;
  if (page.links && 'next' in page.links) return page.links.next ?? null;
  const { current_page: at, last_page: last } = page.meta ?? {};
  if (typeof at !== 'number' || typeof last !== 'number' || at >= last) return null;
  const url = new URL(current);
  url.searchParams.set('page[number]', String(fetched + 1));
  return url.toString();
}

function profilesOf(page: Page): number {
  return Array.isArray(page.data) ? page.data.length : 0;
}

/** Reads `--since`: an ISO 8601 date or date-time, or Omneo's `YYYY-MM-DD HH:mm:ss` (UTC). */
export function parseSince(value: string): Date | null {
  const omneo = parseOmneoTimestamp(value);
  if (omneo !== undefined) return new Date(omneo);
  const ms = /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(ms) ? null : new Date(ms);
}
