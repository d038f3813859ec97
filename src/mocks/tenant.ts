/**
 * `createMockTenant()`: a stateful, in-memory Omneo tenant with msw handlers over it, an
 * in-page `fetch` that needs no service worker, an injectable clock, faults, and read-only
 * inspectors for tests. Creating one touches no global (no window, no document, no fetch).
 *
 * It answers in Omneo's own shapes (test/support/omneo-shapes.ts checks every route): a write
 * answers a SuccessfulRedemption (no items, no type); GET /redemptions lists redemptions that
 * never echo `transaction_external_id`, though the server filters on it (and on
 * `filter[profile_id]`, `filter[type]`, `page[size]`, `page[number]`); a listed redemption
 * shows its sale only as `transaction`, once a transaction is recorded for it. Reversals and
 * returns take `transaction_external_id` (default: the original's), so the same filter finds
 * them. Benefits have no `status`: active is `is_redeemable && !is_expired`.
 *
 * Faults (`tenant.faults`), beside the transport's own (latency, failNext, dropNextAnswer,
 * malformNext, rateLimitNext), model what real Omneo does:
 * - `landLateNext(ms)`: the server holds the next write `ms`, then performs it, and its answer
 *   is lost. Longer than the client's timeout, the client gives up before the write exists.
 * - `listLag(ms)`: GET /redemptions lists a redemption written from now on only `ms` later.
 * - `nullTotals()`: write answers carry `total: null` and `total_localised: null`.
 * - `oddBalances()`: write answers carry three-decimal dollar balances (`15.004`).
 * - `ignorePageNumber()`: every list answers page one whatever `page[number]` asks.
 * `faults.clear()` switches every one of them off.
 */
import { getResponse } from 'msw';
import type { RequestHandler } from 'msw';
import { FaultState, type MockFaults } from './faults.js';
import { createHandlers, logRequest, type TenantContext } from './handlers.js';
import { loadSeed } from './seed.js';
import { MockStore, createClock, type MockClock, type MockSnapshot } from './store.js';
import type { MockRedemption, MockRequestRecord, MockReward, MockTransaction } from './types.js';
import { benefitWire, profileWire } from './wire.js';

/** The seed's clock start: 2026-11-25 01:00:00 UTC (12:00 in Melbourne). */
export const DEFAULT_MOCK_NOW = Date.UTC(2026, 10, 25, 1, 0, 0);

export interface MockTenantOptions {
  /** The clock's start, epoch ms. Default {@link DEFAULT_MOCK_NOW}. */
  now?: number;
  /** Load the seed (members, staff, locations). Default `true`; `false` starts empty. */
  seed?: boolean;
  /** Latency of every request, in ms (a real `setTimeout`). Default 0. */
  latencyMs?: number;
  /** Start from a snapshot taken earlier (`tenant.snapshot()`) instead of the seed. */
  state?: MockSnapshot;
}

export interface MockTenant {
  /** msw handlers for every route, both forms, under any base URL: give them to setupServer/setupWorker. */
  handlers: RequestHandler[];
  /** A `fetch` answered in-page by the handlers (no service worker); works in Node and browsers. */
  fetch: typeof fetch;
  /** The tenant's clock: timestamps, expiry and the 10-minute reversal window follow it. */
  clock: MockClock;
  /** Faults a test switches on: see {@link MockFaults} and the list above. */
  faults: MockFaults;
  auth: {
    /** Requests carrying this token are answered 401 from now on. */
    expire(token: string): void;
  };
  /** Every request received, oldest first, without its Authorization header. Clear with `length = 0`. */
  requests: MockRequestRecord[];
  /** The profile as GET /profiles/{id} would send it (a copy), or `undefined`. */
  profile(id: string): unknown;
  /** The reward balance spendable now, in cents (0 for an unknown profile). */
  rewardBalanceCents(profileId: string): number;
  /** Every reward the profile holds, spent and expired ones included (copies). */
  rewards(profileId: string): MockReward[];
  /** Every redemption record: `redeem`, `reversal` and `return` (copies). */
  redemptions(): MockRedemption[];
  /** Every recorded transaction (copies). */
  transactions(): MockTransaction[];
  /** Every benefit the profile holds, whatever its status, in wire form (copies). */
  benefits(profileId: string): unknown[];
  /** The whole state as plain JSON, for `createMockTenant({ state })` after a page reload. */
  snapshot(): MockSnapshot;
}

/** Resolves a relative URL (a proxy path such as `/omneo/...`) against the page, or localhost. */
function absolute(input: string): string {
  const base = (globalThis as { location?: { href?: string } }).location?.href ?? 'http://localhost/';
  return new URL(input, base).href;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** Creates a tenant; see {@link MockTenantOptions}. */
export function createMockTenant(options: MockTenantOptions = {}): MockTenant {
  const store = new MockStore(createClock(options.now ?? DEFAULT_MOCK_NOW));
  if (options.state) store.restore(options.state);
  else if (options.seed !== false) loadSeed(store);
  const faultState = new FaultState();
  if (options.latencyMs) faultState.latency(options.latencyMs);
  const ctx: TenantContext = { store, faults: faultState, expiredTokens: new Set(), requests: [] };
  const handlers = createHandlers(ctx);

  const tenantFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request =
      input instanceof Request ? new Request(input, init) : new Request(absolute(input instanceof URL ? input.href : input), init);
    const signal = request.signal;
    if (signal.aborted) throw abortReason(signal);
    const answer = new Promise<Response | undefined>((resolve, reject) => {
      const onAbort = () => reject(abortReason(signal));
      signal.addEventListener('abort', onAbort, { once: true });
      // The handlers keep going after an abort, as a server does: the write may still happen.
      getResponse(handlers, request).then(
        (r) => {
          signal.removeEventListener('abort', onAbort);
          resolve(r);
        },
        (e: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
    const response = await answer;
    if (!response) {
      await logRequest(ctx, request);
      return Response.json({ message: 'Not Found.' }, { status: 404 });
    }
    // A dropped connection: what a browser's fetch does when the answer never arrives.
    if (response.type === 'error') throw new TypeError('Failed to fetch');
    return response;
  };

  const faults: MockFaults = {
    latency: (ms) => faultState.latency(ms),
    failNext: (count, status, match) => faultState.failNext(count, status, match),
    dropNextAnswer: (match) => faultState.dropNextAnswer(match),
    malformNext: (match, body) => faultState.malformNext(match, body),
    rateLimitNext: (count, retryAfter, match) => faultState.rateLimitNext(count, retryAfter, match),
    landLateNext: (afterMs, match) => faultState.landLateNext(afterMs, match),
    listLag: (ms) => faultState.listLag(ms),
    nullTotals: (on) => faultState.nullTotals(on),
    oddBalances: (on) => faultState.oddBalances(on),
    ignorePageNumber: (on) => faultState.ignorePageNumber(on),
    clear: () => faultState.clear(),
  };

  return {
    handlers,
    fetch: tenantFetch as typeof fetch,
    clock: store.clock,
    faults,
    auth: { expire: (token) => void ctx.expiredTokens.add(token) },
    requests: ctx.requests,
    profile: (id) => (store.profiles.has(id) ? profileWire(store, id) : undefined),
    rewardBalanceCents: (id) => (store.profiles.has(id) ? store.rewardBalanceCents(id) : 0),
    rewards: (id) => structuredClone(store.rewards.filter((r) => r.profileId === id)),
    redemptions: () => structuredClone(store.redemptions),
    transactions: () => structuredClone(store.transactions),
    benefits: (id) => store.benefitsOf(id).map((b) => benefitWire(store, b)),
    snapshot: () => store.snapshot(),
  };
}
