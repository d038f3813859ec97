/**
 * Seeded random checkouts against the mock tenant, with faults at every step: 5xx, timeouts
 * after the write landed, answers dropped after the write, 429, a reload between any two
 * steps, unreadable answers to writes that landed, the clock jumping past the reversal window. After each checkout the tenant is
 * audited: nothing redeemed may be left neither recorded, reversed nor refunded; no sale may
 * hold two redemptions or two transactions; the balance must equal its start less what the
 * customer kept.
 *
 * Shared by the Node test (a few hundred scenarios) and scripts/fault-injection.ts (10,000).
 */
import { createOmneoClient, fetchTransport, type OmneoClient } from '../../src/client/index.js';
import { createMockTenant, SEED, type MockTenant } from '../../src/mocks/index.js';
import {
  memoryStore,
  recoverRedemptions,
  RedemptionFlow,
  RedemptionJournal,
  type CompleteInput,
  type KeyValueStore,
  type Sale,
} from '../../src/rules/index.js';

/** A small, fast, seeded PRNG (mulberry32): the same seed replays the same checkout. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Fault = 'none' | '5xx' | 'timeout' | 'drop' | 'malformed' | '429' | 'reload' | 'clock-jump';
export const FAULTS: readonly Fault[] = ['none', '5xx', 'timeout', 'drop', 'malformed', '429', 'reload', 'clock-jump'];

export interface ScenarioResult {
  seed: number;
  faults: Fault[];
  payment: 'approved' | 'declined' | 'abandoned';
  outcome: 'recorded' | 'reversed' | 'refunded' | 'nothing';
  violations: string[];
}

const TIMEOUT_MS = 40;

/**
 * Wraps the tenant's fetch so one chosen request is applied by the tenant but answered too
 * late: the client times out after the write happened, as on a dying connection.
 */
function lateAnswers(tenant: MockTenant) {
  let lateNext: RegExp | null = null;
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input instanceof Request ? input.url : input);
    const method = init?.method ?? 'GET';
    const late = lateNext && lateNext.test(`${method} ${url}`);
    if (late) lateNext = null;
    // The tenant applies the request without the caller's signal, so an abort cannot undo it.
    const response = await tenant.fetch(input, { ...init, signal: null });
    if (!late) return response;
    return new Promise<Response>((resolve, reject) => {
      const signal = init?.signal;
      const timer = setTimeout(() => resolve(response), TIMEOUT_MS * 4);
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(new DOMException('aborted', 'AbortError'));
      });
    });
  };
  return { fetch: fetchFn as typeof fetch, answerLate: (pattern: RegExp) => (lateNext = pattern) };
}

const WRITES = /POST .*\/(redemptions|reverse|refund|transactions)/;

function sale(random: () => number, id: string): Sale {
  const count = 1 + Math.floor(random() * 5);
  return {
    id,
    currency: 'AUD',
    lines: Array.from({ length: count }, (_, i) => ({
      id: `line-${i}`,
      name: `Item ${i}`,
      quantity: 1 + Math.floor(random() * 3),
      amountCents: 100 + Math.floor(random() * 20_000),
      ...(random() < 0.15 ? { eligible: false } : {}),
    })),
  };
}

/** Runs one seeded checkout and audits the tenant afterwards. */
export async function runScenario(seed: number): Promise<ScenarioResult> {
  const random = prng(seed);
  const tenant = createMockTenant({ seed: true });
  const late = lateAnswers(tenant);
  const client: OmneoClient = createOmneoClient({
    transport: fetchTransport({ baseUrl: 'https://api.test.getomneo.com/api/v3', token: 'test-token', fetch: late.fetch, timeoutMs: TIMEOUT_MS }),
    retry: { retries: 3, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 },
  });
  const store: KeyValueStore = memoryStore();
  const profileId = random() < 0.5 ? SEED.noah.id : SEED.ava.id;
  const startCents = tenant.rewardBalanceCents(profileId);
  const theSale = sale(random, `sale-${seed}`);
  const eligible = theSale.lines.reduce((s, l) => (l.eligible === false ? s : s + l.amountCents), 0);
  const amountCents = Math.max(1, Math.floor(random() * Math.min(startCents, eligible)));
  const payment = (['approved', 'declined', 'abandoned'] as const)[Math.floor(random() * 3)]!;
  const completion: CompleteInput = { timezone: 'Australia/Melbourne', payments: ['card'], staffId: '1993', locationId: 2 };
  const faults: Fault[] = [];
  let paymentTaken = false;
  let flow = new RedemptionFlow({ client, journal: new RedemptionJournal(store), now: tenant.clock.now, owner: 'till' });

  /** Arms one random fault for the next step; a reload replaces the flow as a page reload would. */
  const injectFault = async (): Promise<boolean> => {
    const fault = FAULTS[Math.floor(random() * FAULTS.length)]!;
    faults.push(fault);
    if (fault === '5xx') tenant.faults.failNext(1, 500 + Math.floor(random() * 4), { method: 'POST' });
    if (fault === 'timeout') late.answerLate(WRITES);
    if (fault === 'drop') tenant.faults.dropNextAnswer({ method: 'POST' });
    if (fault === 'malformed') tenant.faults.malformNext({ method: 'POST' });
    if (fault === '429') tenant.faults.rateLimitNext(1, '0');
    if (fault === 'clock-jump') tenant.clock.advance(10 * 60_000 + Math.floor(random() * 60_000));
    if (fault !== 'reload') return false;
    flow.dispose();
    flow = new RedemptionFlow({ client, journal: new RedemptionJournal(store), now: tenant.clock.now, owner: 'till' });
    await recoverRedemptions({
      client,
      journal: new RedemptionJournal(store),
      now: tenant.clock.now,
      owner: 'till',
      claim: () => (paymentTaken ? completion : false),
    });
    return true;
  };

  // The host, as a careful POS would act: try each step up to three times, faults and all.
  let redeemed = false;
  for (let i = 0; i < 3 && !redeemed; i += 1) {
    if (await injectFault()) continue;
    redeemed = await flow.redeem({ profileId, sale: theSale, amountCents }).then(() => true, () => false);
  }
  let settled = !redeemed;
  for (let i = 0; i < 3 && !settled; i += 1) {
    if (await injectFault()) break; // after a reload, recovery owns the sale
    if (payment === 'approved') {
      paymentTaken = true;
      settled = await flow.complete(completion).then(() => true, () => false);
    } else {
      const settle = payment === 'declined' ? flow.paymentFailed() : flow.abandon();
      settled = await settle.then(() => true, () => false);
    }
  }
  // The network heals; the till restarts and recovers whatever is left, until nothing is.
  tenant.faults.clear();
  flow.dispose();
  for (let i = 0; i < 3; i += 1) {
    const journal = new RedemptionJournal(store);
    if ((await journal.list()).entries.length === 0) break;
    await recoverRedemptions({ client, journal, now: tenant.clock.now, owner: 'till', claim: () => (paymentTaken ? completion : false) });
  }
  const violations = await audit(tenant, store, profileId, startCents, paymentTaken);
  const redeemRecords = tenant.redemptions().filter((r) => r.type === 'redeem');
  const last = redeemRecords.at(-1);
  const outcome = !last
    ? 'nothing'
    : tenant.transactions().length > 0
      ? 'recorded'
      : last.reversedBy !== null
        ? 'reversed'
        : 'refunded';
  return { seed, faults, payment, outcome, violations };
}

async function audit(tenant: MockTenant, store: KeyValueStore, profileId: string, startCents: number, paymentTaken: boolean) {
  const violations: string[] = [];
  const redemptions = tenant.redemptions();
  const transactions = tenant.transactions();
  const redeems = redemptions.filter((r) => r.type === 'redeem');
  let keptCents = 0;
  for (const r of redeems) {
    const attached = transactions.some((t) => t.redemptionId === r.id);
    const reversed = r.reversedBy !== null;
    const refunded = r.returnedCents === r.totalCents;
    if (!attached && !reversed && !refunded) violations.push(`redemption ${r.id} is neither recorded, reversed nor refunded`);
    if ([attached, reversed, refunded].filter(Boolean).length > 1) violations.push(`redemption ${r.id} was settled twice`);
    if (attached && !paymentTaken) violations.push(`redemption ${r.id} was recorded though payment failed`);
    if (!attached && paymentTaken) violations.push(`redemption ${r.id} was undone though the customer paid`);
    if (attached) keptCents += r.totalCents - r.returnedCents;
  }
  // A sale may hold one live redemption. One that was reversed or refunded in full (a till
  // that reloaded mid-sale undid it, then the cashier redeemed again) is history, not a double.
  const bySale = new Map<string, number>();
  for (const r of redeems) {
    if (r.reversedBy !== null || r.returnedCents === r.totalCents) continue;
    bySale.set(r.transactionExternalId ?? '', (bySale.get(r.transactionExternalId ?? '') ?? 0) + 1);
  }
  for (const [saleId, n] of bySale) if (n > 1) violations.push(`sale ${saleId} has ${n} live redemptions`);
  const txBySale = new Map<string, number>();
  for (const t of transactions) txBySale.set(t.externalId ?? '', (txBySale.get(t.externalId ?? '') ?? 0) + 1);
  for (const [saleId, n] of txBySale) if (n > 1) violations.push(`sale ${saleId} has ${n} transactions`);
  const endCents = tenant.rewardBalanceCents(profileId);
  if (endCents !== startCents - keptCents) {
    violations.push(`balance ${endCents} is not the start ${startCents} less the ${keptCents} kept`);
  }
  const left = await new RedemptionJournal(store).list();
  if (left.entries.length > 0) violations.push(`${left.entries.length} journal entries left unsettled`);
  return violations;
}
