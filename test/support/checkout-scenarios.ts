/**
 * Seeded random checkouts against the mock tenant, one set per condition of issues 11 and 15,
 * each ending with a restart that recovers what is left, then an audit of what the tenant holds
 * (see `audit` in checkout-world.ts for the invariants):
 * - `plain`: 5xx, answers late or dropped after the write, 429, unreadable answers, reloads,
 *   the clock past the reversal window, at every step of one tab;
 * - `two-tabs`: two page loads, each with its own copy of the modules, sharing one journal store,
 *   redeem one sale at once; the other tab recovers while the first holds the sale;
 * - `late-landing`: writes the server performs only after the client gave up (answer lost);
 * - `returns`: paid sales returned in parts, returns failing every way, the host retrying;
 * - `no-web-locks`: a page holds a sale past 10 minutes (its heartbeat renews the lease) while
 *   another tab recovers; sometimes the page dies and its lease runs out;
 * - `corrupt-journal`: every kind of unreadable or unsettleable entry beside a real checkout;
 * - `real-omneo`: null totals, odd balances, answers lost after the server acted, a list that
 *   lags behind writes, listed items that never echo the sale id (always: the mock never does);
 * - `ignored-pages`: a tenant that ignores page[number] (pages of two, so the sale spans pages).
 *
 * Shared by test/node/fault-injection.test.ts (a few hundred each) and scripts/fault-injection.ts.
 */
import * as baseRules from '../../src/rules/index.js';
import type { ReturnedLine } from '../../src/rules/index.js';
import {
  asyncStoreWithoutCas,
  audit,
  closePage,
  createWorld,
  loadTab,
  network,
  openPage,
  passTime,
  pick,
  recover,
  restart,
  sleep,
  TIMEOUT_MS,
  type Page,
  type Tab,
  type World,
} from './checkout-world.ts';

export { prng, loadTab } from './checkout-world.ts';

export const CONDITIONS = ['plain', 'two-tabs', 'late-landing', 'landing-after-settle', 'returns', 'no-web-locks', 'corrupt-journal', 'real-omneo', 'ignored-pages'] as const;
export type Condition = (typeof CONDITIONS)[number];

export interface ScenarioResult {
  condition: Condition;
  seed: number;
  faults: string[];
  /** `payment -> what the tenant shows` (recorded, reversed, refunded, returned, nothing). */
  ending: string;
  violations: string[];
}

type Net = ReturnType<typeof network>;
const WRITES = /POST .*\/(redemptions|reversal|return|transactions)/;
const RETURNS = /\/redemptions\/\d+\/(benefit\/)?return$/;

/** Arms one fault for the next request(s). */
const ARM: Record<string, (w: World, net: Net) => void> = {
  none: () => undefined,
  '5xx': (w) => w.tenant.faults.failNext(1, 500 + Math.floor(w.random() * 4), { method: 'POST' }),
  timeout: (_, net) => net.answerLateNext(WRITES),
  drop: (w) => w.tenant.faults.dropNextAnswer({ method: 'POST' }),
  malformed: (w) => w.tenant.faults.malformNext({ method: 'POST' }),
  '429': (w) => w.tenant.faults.rateLimitNext(1, '0'),
  'land-late': (w) => {
    const ms = TIMEOUT_MS + 10 + Math.floor(w.random() * 60);
    w.lateMs = Math.max(w.lateMs, ms);
    w.tenant.faults.landLateNext(ms, { method: 'POST' });
  },
  'held-write': (w, net) => net.holdNextWrite(WRITES, Math.floor(w.random() * 5)),
  'clock-jump': (w) => w.tenant.clock.advance(10 * 60_000 + Math.floor(w.random() * 60_000)),
};

const PLAIN = ['none', '5xx', 'timeout', 'drop', 'malformed', '429', 'reload', 'clock-jump'];

/** A few turns of the event loop, so two tabs interleave differently on every seed. */
async function turns(w: World): Promise<void> {
  for (let n = Math.floor(w.random() * 4); n > 0; n -= 1) await new Promise((resolve) => setImmediate(resolve));
}

const ok = (p: Promise<unknown>) => p.then(() => true, () => false);

/** The host settles the held sale as its payment went: record it, or reverse / refund it. */
function settleStep(w: World, page: Page): Promise<boolean> {
  if (w.payment === 'approved') {
    w.paymentTaken = true;
    return ok(page.flow.complete(w.completion));
  }
  return ok(w.payment === 'declined' ? page.flow.paymentFailed() : page.flow.abandon());
}

/**
 * One till (one tab, one owner across reloads), as a careful POS acts: each step tried up to
 * three times, a fault from `menu` armed before each. A reload replaces the page and runs
 * recovery; after a reload past the redemption, recovery owns the sale. Answers the last page.
 */
async function oneTill(w: World, tab: Tab, net: Net, menu: readonly string[], think?: () => Promise<void>, landLater = false): Promise<Page> {
  let page = openPage(w, tab, 'till', net.fetch);
  const inject = async (): Promise<boolean> => {
    const fault = pick(w.random, menu);
    w.faults.push(fault);
    if (fault !== 'reload') {
      ARM[fault]!(w, net);
      return false;
    }
    closePage(w, page);
    page = openPage(w, tab, 'till', net.fetch);
    await recover(w, page);
    return true;
  };
  let redeemed = false;
  for (let i = 0; i < 3 && !redeemed; i += 1) {
    if (await inject()) continue;
    redeemed = await ok(page.flow.redeem({ profileId: w.profileId, sale: w.sale, amountCents: w.amountCents }));
  }
  // A redeem held on the way lands now at the latest, while the kit still holds the sale
  // (`landing-after-settle` lets it land later).
  if (!landLater) await net.landHeld();
  if (redeemed && think) await think();
  let settled = !redeemed;
  for (let i = 0; i < 3 && !settled; i += 1) {
    if (await inject()) break;
    settled = await settleStep(w, page);
  }
  return page;
}

async function plain(w: World, net: Net): Promise<void> {
  await oneTill(w, await loadTab('A'), net, PLAIN);
}

/**
 * Writes the server performs after the client gave up, landing while the kit still holds the
 * sale: the mock's `landLateNext` (a real timer; the cashier takes payment at least that long)
 * and held writes that land after a seeded number of further requests.
 */
async function lateLanding(w: World, net: Net): Promise<void> {
  const think = () => sleep(Math.max(0, w.lastRequestAt + w.lateMs + 5 - performance.now()));
  await oneTill(w, await loadTab('A'), net, ['none', 'land-late', 'held-write', 'held-write', 'drop', 'clock-jump', 'reload'], think);
}

/**
 * The first redeem of the sale is held on the way; the kit looks twice, finds nothing, sends it
 * again and settles the sale; the held write lands after a seeded number of further requests,
 * possibly only once the sale is settled and the journal empty (then the restart lands it).
 */
async function landingAfterSettle(w: World, net: Net): Promise<void> {
  w.faults.push('held-redeem');
  net.holdNextWrite(/POST .*\/profiles\/[^/]+\/redemptions$/, Math.floor(w.random() * 12));
  await oneTill(w, await loadTab('A'), net, ['none', 'none', 'drop', '5xx'], undefined, true);
}

async function realOmneo(w: World, net: Net): Promise<void> {
  const f = w.tenant.faults;
  w.faults.push('no-echo');
  if (w.random() < 0.5) (f.nullTotals(), w.faults.push('null-totals'));
  if (w.random() < 0.5) (f.oddBalances(), w.faults.push('odd-balances'));
  if (w.random() < 0.5) {
    const lag = 1 + Math.floor(w.random() * 15);
    f.listLag(lag);
    w.lateMs = Math.max(w.lateMs, lag);
    w.faults.push('list-lag');
  }
  await oneTill(w, await loadTab('A'), net, ['none', 'drop', 'drop', '5xx', 'reload']);
}

async function ignoredPages(w: World, net: Net): Promise<void> {
  const tab = await loadTab('A');
  // Pages of two, so the sale's redemptions span pages: an earlier redemption of the sale,
  // reversed, plus the one made now.
  w.routes = {
    findRedemptions: ({ profileId, saleId, page }) => ({
      method: 'GET',
      path: '/redemptions',
      query: { 'filter[profile_id]': profileId, 'filter[transaction_external_id]': saleId, 'page[size]': '2', 'page[number]': String(page) },
    }),
  };
  const history = openPage(w, tab, 'history', net.fetch);
  closePage(w, history);
  const earlier = await history.client.redemptions.redeemRewards(w.profileId, { amountCents: 100, saleId: w.sale.id });
  await history.client.redemptions.reverse(w.profileId, earlier.id, { saleId: w.sale.id });
  w.tenant.faults.ignorePageNumber();
  w.faults.push('ignored-pages');
  await oneTill(w, tab, net, ['none', 'drop', 'timeout', '5xx', 'reload']);
}

/** Returns parts of a paid sale, each return failing some way, the host retrying each up to three times. */
async function returns(w: World, net: Net): Promise<void> {
  w.payment = 'approved';
  const tab = await loadTab('A');
  let page = await oneTill(w, tab, net, ['none', 'none', 'drop', '5xx', 'land-late']);
  if (page.flow.state !== 'completed') return;
  const left = new Map(w.sale.lines.map((l) => [l.id, l.quantity]));
  const menu = ['none', '5xx', 'drop', 'timeout', 'land-late', 'held', 'malformed', '429', 'reload'];
  for (let n = 1 + Math.floor(w.random() * 3); n > 0; n -= 1) {
    const open = w.sale.lines.filter((l) => left.get(l.id)! > 0);
    if (open.length === 0) break;
    const returned: ReturnedLine[] = [];
    for (const line of open.filter(() => w.random() < 0.6).slice(0, 2)) {
      const units = left.get(line.id)!;
      const quantity = 1 + Math.floor(w.random() * units);
      const whole = quantity === units && units === line.quantity;
      returned.push(whole ? { id: line.id } : { id: line.id, quantity, ofQuantity: line.quantity });
      left.set(line.id, units - quantity);
    }
    if (returned.length === 0) continue;
    w.faults.push(returned.some((l) => l.quantity !== undefined) ? 'partial-return' : 'whole-return');
    w.returnsAsked.push(returned);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      if (attempt > 0) w.faults.push('host-retry');
      const fault = pick(w.random, menu);
      w.faults.push(`return-${fault}`);
      if (fault === 'reload') {
        // The page goes, with the flow: recovery finds out whether the return in flight landed.
        closePage(w, page);
        page = openPage(w, tab, 'till', net.fetch);
        await recover(w, page);
        return;
      }
      if (fault === 'land-late') {
        const ms = TIMEOUT_MS + 10 + Math.floor(w.random() * 60);
        w.lateMs = Math.max(w.lateMs, ms);
        w.tenant.faults.landLateNext(ms, { method: 'POST', path: RETURNS });
      } else if (fault === 'held') net.holdNextWrite(RETURNS, Math.floor(w.random() * 4));
      else if (fault === '5xx') w.tenant.faults.failNext(1, 503, { method: 'POST', path: RETURNS });
      else if (fault === 'drop') w.tenant.faults.dropNextAnswer({ method: 'POST', path: RETURNS });
      else if (fault === 'malformed') w.tenant.faults.malformNext({ method: 'POST', path: RETURNS });
      else if (fault === 'timeout') net.answerLateNext(RETURNS);
      else ARM[fault]!(w, net);
      const done = await page.flow.refund({ returned }).then(
        (r) => ((w.refundReported += r.refundCents), true),
        () => false,
      );
      if (done) break;
    }
  }
}

/** Two page loads redeem one sale at once; the other tab recovers while the first holds it. */
async function twoTabs(w: World, net: Net): Promise<void> {
  const [A, B] = await Promise.all([loadTab('A'), loadTab('B')]);
  if (w.random() < 0.3) {
    // A store of the host's own, async and without compare-and-set: the journal's fallback.
    w.store = asyncStoreWithoutCas(w);
    w.faults.push('async-store-without-cas');
  }
  const pages = [openPage(w, A, 'A#1', net.fetch, 1), openPage(w, B, 'B#1', net.fetch, 1)];
  w.faults.push('race');
  const race = pick(w.random, ['none', '5xx', 'drop', 'timeout', 'malformed', 'held-write']);
  w.faults.push(race);
  ARM[race]!(w, net);
  const amounts = [w.amountCents, w.random() < 0.3 ? Math.max(1, Math.floor(w.amountCents / 2)) : w.amountCents];
  await Promise.all(
    pages.map(async (page, i) => {
      await turns(w);
      return ok(page.flow.redeem({ profileId: w.profileId, sale: w.sale, amountCents: amounts[i]! }));
    }),
  );
  await net.landHeld();
  const holders = pages.filter((p) => p.flow.state === 'held');
  if (holders.length === 0) {
    // Neither got it (a fault, or each saw the other's claim): tab A tries again.
    for (let i = 0; i < 2 && pages[0]!.flow.state !== 'held'; i += 1) {
      const fault = pick(w.random, ['none', '5xx', 'drop']);
      w.faults.push(fault);
      ARM[fault]!(w, net);
      await ok(pages[0]!.flow.redeem({ profileId: w.profileId, sale: w.sale, amountCents: w.amountCents }));
    }
    if (pages[0]!.flow.state === 'held') holders.push(pages[0]!);
  }
  for (const holder of holders) {
    const other = pages.find((p) => p !== holder)!;
    if (w.random() < 0.5) {
      w.faults.push('other-tab-recovery');
      await recover(w, other);
    }
    if (w.random() < 0.3) {
      w.faults.push('slow-payment');
      await passTime(w, 60_000 + Math.floor(w.random() * 11 * 60_000), async () => {
        if (w.random() < 0.2) (w.faults.push('other-tab-recovery'), await recover(w, other));
      });
    }
    let settled = false;
    for (let i = 0; i < 3 && !settled; i += 1) {
      const fault = pick(w.random, ['none', '5xx', 'drop', 'timeout', 'reload']);
      w.faults.push(fault);
      if (fault === 'reload') {
        // The holder's tab reloads: a new page load, a new owner; the old one is dead.
        closePage(w, holder);
        const again = openPage(w, holder.tab, `${holder.owner}+`, net.fetch, 1);
        await recover(w, again);
        break;
      }
      ARM[fault]!(w, net);
      await turns(w);
      settled = await settleStep(w, holder);
    }
  }
}

/** A page holds a sale past 10 minutes where Web Locks are missing: only its heartbeat keeps it. */
async function noWebLocks(w: World, net: Net): Promise<void> {
  const [A, B] = await Promise.all([loadTab('A'), loadTab('B')]);
  const holder = openPage(w, A, 'A#1', net.fetch, 1);
  const other = openPage(w, B, 'B#1', net.fetch, 1);
  for (let i = 0; i < 3 && holder.flow.state !== 'held'; i += 1) {
    const fault = pick(w.random, ['none', 'none', 'drop', '5xx']);
    w.faults.push(fault);
    ARM[fault]!(w, net);
    await ok(holder.flow.redeem({ profileId: w.profileId, sale: w.sale, amountCents: w.amountCents }));
  }
  if (holder.flow.state !== 'held') return;
  w.faults.push('slow-payment');
  const dies = w.random() < 0.25;
  if (dies) w.faults.push('page-died');
  const span = 10 * 60_000 + Math.floor(w.random() * 5 * 60_000);
  let step = 0;
  await passTime(w, span, async () => {
    step += 1;
    if (dies && step === 3) closePage(w, holder);
    if (w.random() < 0.3) (w.faults.push('other-tab-recovery'), await recover(w, other));
  });
  if (dies) return;
  for (let i = 0; i < 3; i += 1) {
    const fault = pick(w.random, ['none', '5xx', 'drop']);
    w.faults.push(fault);
    ARM[fault]!(w, net);
    if (await settleStep(w, holder)) break;
  }
}

const CORRUPTIONS = [
  'not-json',
  'not-an-object',
  'wrong-version',
  'key-mismatch',
  'held-without-redemption',
  'unknown-stage',
  'paid-without-transaction',
  'unknown-redemption',
  'paid-refused',
  'fractional-line',
] as const;

/** Plants unreadable and unsettleable entries beside a real checkout. */
async function corruptJournal(w: World, net: Net): Promise<void> {
  const tab = await loadTab('A');
  const now = w.tenant.clock.now();
  const kinds = CORRUPTIONS.filter(() => w.random() < 0.35);
  if (kinds.length === 0) kinds.push(pick(w.random, CORRUPTIONS));
  for (const [i, kind] of kinds.entries()) {
    w.faults.push(kind);
    const key = `junk-${w.seed}-${i}#rewards`;
    const sale = { id: `junk-${w.seed}-${i}`, currency: 'AUD', lines: [{ id: 'l', name: 'x', quantity: 1, amountCents: 500 }] };
    const entry: Record<string, unknown> = {
      v: 1,
      key,
      stage: 'held',
      profileId: w.profileId,
      sale,
      amountCents: 100,
      redemption: { id: 990_000 + i, totalCents: 100, createdAt: new Date(now).toISOString(), createdAtMs: now },
      receivedAt: now,
      allocation: [{ id: 'l', shareCents: 100 }],
      updatedAt: now,
    };
    let raw: string = JSON.stringify(entry);
    let storeKey = `omneo-pos-kit:journal:${key}`;
    if (kind === 'not-json') raw = raw.slice(0, 25);
    if (kind === 'not-an-object') raw = 'null';
    if (kind === 'wrong-version') raw = JSON.stringify({ ...entry, v: 2 });
    if (kind === 'key-mismatch') storeKey = `omneo-pos-kit:journal:other-${w.seed}-${i}#rewards`;
    if (kind === 'held-without-redemption') raw = JSON.stringify({ ...entry, redemption: undefined });
    if (kind === 'unknown-stage') raw = JSON.stringify({ ...entry, stage: 'cancelled' });
    if (kind === 'paid-without-transaction') raw = JSON.stringify({ ...entry, stage: 'paid' });
    if (kind === 'paid-refused') {
      // Paid, with a transaction Omneo refuses on every try (422: it names a redemption Omneo does not know).
      const transaction = baseRules.buildTransaction({ ...w.completion, sale, profileId: w.profileId, allocations: [[{ id: 'l', shareCents: 100 } as never]], redemptionId: 990_000 + i, now });
      raw = JSON.stringify({ ...entry, stage: 'paid', transaction });
    }
    if (kind === 'fractional-line') {
      // A redemption Omneo really made, journaled at `redeeming` for a sale the rules cannot allocate.
      const maker = openPage(w, tab, 'maker', net.fetch);
      closePage(w, maker);
      await maker.client.redemptions.redeemRewards(w.profileId, { amountCents: 1, saleId: sale.id });
      raw = JSON.stringify({ ...entry, stage: 'redeeming', amountCents: 1, redemption: undefined, sale: { ...sale, lines: [{ ...sale.lines[0], amountCents: 12.5 }] } });
    }
    await w.store.set(storeKey, raw);
  }
  // The planted redemption is the quarantine's to report, not this sale's.
  w.startCents = w.tenant.rewardBalanceCents(w.profileId);
  await oneTill(w, tab, net, PLAIN);
}

const RUN: Record<Condition, (w: World, net: Net) => Promise<void>> = {
  plain,
  'two-tabs': twoTabs,
  'late-landing': lateLanding,
  'landing-after-settle': landingAfterSettle,
  returns,
  'no-web-locks': noWebLocks,
  'corrupt-journal': corruptJournal,
  'real-omneo': realOmneo,
  'ignored-pages': ignoredPages,
};

function ending(w: World): string {
  // The earlier redemption an ignored-pages sale starts with is history, not this checkout's.
  const redeems = w.tenant.redemptions().filter((r) => r.type === 'redeem' && r.transactionExternalId === w.sale.id).slice(w.condition === 'ignored-pages' ? 1 : 0);
  const recorded = w.tenant.transactions().find((t) => t.externalId === w.sale.id);
  const kept = redeems.find((r) => r.id === recorded?.redemptionId) ?? redeems.at(-1);
  const outcome = !kept ? 'nothing' : recorded ? (kept.returnedCents > 0 ? 'recorded+returned' : 'recorded') : kept.reversedBy !== null ? 'reversed' : 'refunded';
  // More than one redemption made for the sale (a re-send after a lost answer, a late landing,
  // the other tab's): how many the kit had to undo besides.
  return `${w.payment} -> ${outcome}${redeems.length > 1 ? ` (+${redeems.length - 1} more made)` : ''}`;
}

/** Runs one seeded checkout of a condition, restarts the till, and audits the tenant. */
export async function runScenario(condition: Condition, seed: number, inspect?: (world: World) => void): Promise<ScenarioResult> {
  const w = createWorld(condition, seed);
  inspect?.(w);
  const net = network(w);
  try {
    await RUN[condition](w, net);
  } catch (error) {
    w.faults.push('harness-error');
    await restart(w, await loadTab('A'), net);
    return { condition, seed, faults: w.faults, ending: ending(w), violations: [`harness: ${(error as Error).stack ?? String(error)}`] };
  }
  await restart(w, await loadTab('A'), net);
  return { condition, seed, faults: w.faults, ending: ending(w), violations: await audit(w, baseRules) };
}

/** Runs `count` seeds of a condition from `first`, `concurrency` at a time (they share nothing). */
export async function runCondition(
  condition: Condition,
  count: number,
  first = 1,
  concurrency = 8,
  onResult?: (result: ScenarioResult) => void,
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  let next = first;
  const worker = async () => {
    while (next < first + count) {
      const seed = next;
      next += 1;
      const result = await runScenario(condition, seed);
      results.push(result);
      onResult?.(result);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results.sort((a, b) => a.seed - b.seed);
}
