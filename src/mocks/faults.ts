/**
 * Faults a test can inject into the tenant. Each kind has its own queue, consumed first in,
 * first out by the requests that match (a fault without a match takes the next request).
 */
import type { FaultMatch } from './types.js';
import { resourcePath } from './paths.js';

/** What a test can ask the tenant to do wrong. */
export interface MockFaults {
  /** Every request waits this long (a real `setTimeout`) before it is answered. */
  latency(ms: number): void;
  /** The next `count` matching requests are answered `status` with Omneo's error body, and not applied. */
  failNext(count: number, status: number, match?: FaultMatch): void;
  /** The next matching request is applied, then its answer is lost: fetch rejects with a TypeError. */
  dropNextAnswer(match?: FaultMatch): void;
  /**
   * The next matching request is applied, then answered 200 with a broken body: by default
   * JSON without the fields the kit requires; `body` sends that text instead (say, an HTML page).
   */
  malformNext(match?: FaultMatch, body?: string): void;
  /** The next `count` matching requests are answered 429, with `Retry-After` when given, and not applied. */
  rateLimitNext(count: number, retryAfter?: string, match?: FaultMatch): void;
  /**
   * The next matching request lands late: the server holds it `afterMs` (a real timer), THEN
   * applies it, and its answer is lost (fetch rejects as a dropped connection does). With
   * `afterMs` longer than the client's timeout, the client gives up before the write exists,
   * and a look-up made right away finds nothing: the write appears only later.
   */
  landLateNext(afterMs: number, match?: FaultMatch): void;
  /**
   * GET /redemptions lags behind writes: a redemption, reversal or return written from now on
   * is listed (and found by its filters) only `ms` later (a real clock). 0 turns it off.
   */
  listLag(ms: number): void;
  /** Write answers (SuccessfulRedemption) carry `total: null` and `total_localised: null`, as Omneo may send. */
  nullTotals(on?: boolean): void;
  /**
   * Write answers carry balances with three decimals (`point_balance_dollars: 15.004`), as an
   * exchange rate gives; each is off by less than half a cent from the true balance.
   */
  oddBalances(on?: boolean): void;
  /** Every list answers page one whatever `page[number]` asks (its `meta` says page one too). */
  ignorePageNumber(on?: boolean): void;
  /** Removes every fault, latency included. */
  clear(): void;
}

interface Queued<T> {
  match: FaultMatch | undefined;
  remaining: number;
  value: T;
}

/** A broken body the client's schemas refuse, whatever the route: `data` has no required field. */
export const MALFORMED_BODY = '{"data":{"unexpected":true}}';

function matches(match: FaultMatch | undefined, method: string, path: string): boolean {
  if (!match) return true;
  if (match.method !== undefined && match.method.toUpperCase() !== method.toUpperCase()) return false;
  if (match.path === undefined) return true;
  if (match.path instanceof RegExp) return match.path.test(path);
  const wanted = resourcePath(match.path);
  return path === wanted || path.endsWith(wanted);
}

class FaultQueue<T> {
  private readonly items: Queued<T>[] = [];

  push(count: number, value: T, match: FaultMatch | undefined): void {
    if (!Number.isSafeInteger(count) || count < 1) throw new RangeError('A fault count must be a positive integer.');
    this.items.push({ match, remaining: count, value });
  }

  /** Takes one use of the first queued fault that matches this request. */
  take(method: string, path: string): T | undefined {
    const index = this.items.findIndex((q) => matches(q.match, method, path));
    const q = this.items[index];
    if (!q) return undefined;
    if (--q.remaining === 0) this.items.splice(index, 1);
    return q.value;
  }

  clear(): void {
    this.items.length = 0;
  }
}

/** The tenant's fault state; the handlers ask it before and after applying each request. */
export class FaultState implements MockFaults {
  latencyMs = 0;
  readonly failures = new FaultQueue<number>();
  readonly rateLimits = new FaultQueue<{ retryAfter: string | undefined }>();
  readonly drops = new FaultQueue<true>();
  readonly malformed = new FaultQueue<string>();
  readonly lateWrites = new FaultQueue<number>();
  listLagMs = 0;
  nullTotalsOn = false;
  oddBalancesOn = false;
  pageNumberIgnored = false;
  /** When (real epoch ms) each redemption written under a list lag becomes visible. */
  private readonly visibleAt = new Map<number, number>();

  latency(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('Latency must be a non-negative number of milliseconds.');
    this.latencyMs = ms;
  }

  failNext(count: number, status: number, match?: FaultMatch): void {
    if (!Number.isInteger(status) || status < 400 || status > 599) throw new RangeError('failNext needs a 4xx or 5xx status.');
    this.failures.push(count, status, match);
  }

  dropNextAnswer(match?: FaultMatch): void {
    this.drops.push(1, true, match);
  }

  malformNext(match?: FaultMatch, body: string = MALFORMED_BODY): void {
    this.malformed.push(1, body, match);
  }

  rateLimitNext(count: number, retryAfter?: string, match?: FaultMatch): void {
    this.rateLimits.push(count, { retryAfter }, match);
  }

  landLateNext(afterMs: number, match?: FaultMatch): void {
    if (!Number.isFinite(afterMs) || afterMs < 0) throw new RangeError('landLateNext needs a non-negative number of milliseconds.');
    this.lateWrites.push(1, afterMs, match);
  }

  listLag(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('listLag needs a non-negative number of milliseconds.');
    this.listLagMs = ms;
  }

  nullTotals(on = true): void {
    this.nullTotalsOn = on;
  }

  oddBalances(on = true): void {
    this.oddBalancesOn = on;
  }

  ignorePageNumber(on = true): void {
    this.pageNumberIgnored = on;
  }

  /** Called for each redemption record a write made: under a list lag, it is hidden a while. */
  noteWrite(redemption: { id: number }): void {
    if (this.listLagMs > 0) this.visibleAt.set(redemption.id, Date.now() + this.listLagMs);
  }

  /** Whether GET /redemptions shows this record yet. */
  listed(redemption: { id: number }): boolean {
    const at = this.visibleAt.get(redemption.id);
    if (at === undefined) return true;
    if (Date.now() < at) return false;
    this.visibleAt.delete(redemption.id);
    return true;
  }

  clear(): void {
    this.latencyMs = 0;
    this.failures.clear();
    this.rateLimits.clear();
    this.drops.clear();
    this.malformed.clear();
    this.lateWrites.clear();
    this.listLagMs = 0;
    this.nullTotalsOn = false;
    this.oddBalancesOn = false;
    this.pageNumberIgnored = false;
    this.visibleAt.clear();
  }
}
