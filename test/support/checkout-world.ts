/**
 * What every fault-injection condition shares: one mock tenant (the server), one journal store
 * (the browser's localStorage, shared by every tab), pages that each run their own copy of the
 * kit's modules, time that passes while live pages renew their leases, the final restart that
 * recovers what is left, and the audit of what the tenant finally holds.
 *
 * Two tabs are two copies of the modules: `src/rules/index.ts?tab=B` is a second instance, and
 * a resolve hook hands the same `?tab=` to every module of `src/` it imports (so each tab has
 * its own page-wide intent registry and its own client classes), as two page loads would.
 */
import { register } from 'node:module';
import { createMockTenant, SEED, type MockTenant } from '../../src/mocks/index.js';
import type * as ClientModule from '../../src/client/index.js';
import type * as RulesModule from '../../src/rules/index.js';
import type { OmneoClient, RoutesOption } from '../../src/client/index.js';
import type { CompleteInput, KeyValueStore, RecoveryResult, RedemptionFlow, ReturnedLine, Sale } from '../../src/rules/index.js';
import { LEASE_TTL_MS } from '../../src/rules/redemption-flow.js';
import { memoryStore } from '../../src/rules/journal.js';

export interface Tab {
  name: string;
  rules: typeof RulesModule;
  client: typeof ClientModule;
}

const TAB_HOOK = `
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  const tab = /[?&]tab=([^&#]+)/.exec(context.parentURL ?? '');
  const url = resolved.url;
  if (!tab || !url.startsWith('file:') || !url.includes('/src/') || url.includes('/src/mocks/') || /[?&]tab=/.test(url)) return resolved;
  return { ...resolved, url: url + (url.includes('?') ? '&' : '?') + 'tab=' + tab[1] };
}`;
let hooked = false;
const tabs = new Map<string, Promise<Tab>>();

/** The kit's modules as tab `name` loads them: its own instances, shared by nothing else. */
export function loadTab(name: string): Promise<Tab> {
  if (!hooked) {
    register(`data:text/javascript,${encodeURIComponent(TAB_HOOK)}`);
    hooked = true;
  }
  let tab = tabs.get(name);
  if (!tab) {
    const load = (path: string) => import(new URL(`../../src/${path}?tab=${name}`, import.meta.url).href);
    tab = Promise.all([load('rules/index.ts'), load('client/index.ts')]).then(([rules, client]) => ({ name, rules, client }) as Tab);
    tabs.set(name, tab);
  }
  return tab;
}

/** A prng (mulberry32): the same seed replays the same checkout. */
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

/** The client's timeout (real ms): short, so a write held by the server outlives it. */
export const TIMEOUT_MS = 30;
/** The wait between the two look-ups for a lost answer (the kit's default is 1.5 s). */
export const LOOKUP_DELAY_MS = 3;
export const JOURNAL_PREFIX = 'omneo-pos-kit:journal:';
export const QUARANTINE_PREFIX = 'omneo-pos-kit:journal-quarantine:';
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** One checkout's world. */
export interface World {
  condition: string;
  seed: number;
  random: () => number;
  tenant: MockTenant;
  store: KeyValueStore;
  sale: Sale;
  profileId: string;
  startCents: number;
  amountCents: number;
  payment: 'approved' | 'declined' | 'abandoned';
  completion: CompleteInput;
  /** Every fault injected, by name (counted by the runner). */
  faults: string[];
  /** The host took payment with the reward on it: the redemption is the customer's. */
  paymentTaken: boolean;
  /** Quarantined journal keys the host was told of. */
  surfaced: Set<string>;
  /** Lease owners whose pages are alive (a recovery must not settle what they hold). */
  live: Set<string>;
  /** Sales another page's recovery settled while the page holding them lived. */
  takeovers: string[];
  /** Every return the host asked for, landed or not. */
  returnsAsked: ReturnedLine[][];
  /** Cents the kit told the host it refunded for returns. */
  refundReported: number;
  /** Last real time (performance.now) a request reached the tenant, and the longest late landing armed. */
  lastRequestAt: number;
  lateMs: number;
  routes?: RoutesOption;
  /** Where a replay prints what happened (see scripts/fault-injection.ts --trace). */
  trace?: (line: string) => void;
  /** Every page opened, so the restart can close those still open. */
  pages: Page[];
}

function randomSale(random: () => number, id: string): Sale {
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

export function createWorld(condition: string, seed: number): World {
  const random = prng(seed * 7919 + condition.length);
  const tenant = createMockTenant({ seed: true });
  const profileId = random() < 0.5 ? SEED.noah.id : SEED.ava.id;
  const startCents = tenant.rewardBalanceCents(profileId);
  const sale = randomSale(random, `${condition}-${seed}`);
  const eligible = sale.lines.reduce((s, l) => (l.eligible === false ? s : s + l.amountCents), 0);
  const world: World = {
    condition,
    seed,
    random,
    tenant,
    store: null as unknown as KeyValueStore,
    sale,
    profileId,
    startCents,
    amountCents: Math.max(1, Math.floor(random() * Math.min(startCents, eligible))),
    payment: pick(random, ['approved', 'declined', 'abandoned'] as const),
    completion: { timezone: 'Australia/Melbourne', payments: ['card'], staffId: '1993', locationId: 2 },
    faults: [],
    paymentTaken: false,
    surfaced: new Set(),
    live: new Set(),
    takeovers: [],
    returnsAsked: [],
    refundReported: 0,
    lastRequestAt: 0,
    lateMs: 0,
    pages: [],
  };
  // The tabs' localStorage: one map, compare-and-set as Web Storage gives it within an origin.
  world.store = memoryStore();
  return world;
}

/**
 * An async key-value store without compare-and-set (IndexedDB-like, or a host's own): every
 * call takes a seeded number of turns of the event loop, so two tabs' calls interleave.
 */
export function asyncStoreWithoutCas(world: World): KeyValueStore {
  const map = new Map<string, string>();
  const later = async <T>(act: () => T): Promise<T> => {
    for (let n = Math.floor(world.random() * 3); n > 0; n -= 1) await new Promise((resolve) => setImmediate(resolve));
    return act();
  };
  return {
    get: (key) => later(() => map.get(key) ?? null),
    set: (key, value) => later(() => void map.set(key, value)),
    delete: (key) => later(() => void map.delete(key)),
    keys: () => later(() => [...map.keys()]),
  };
}

/**
 * The tenant's fetch as the network delivers it.
 * - `answerLateNext`: the next matching answer comes past the client's timeout (the write is
 *   applied at once; only its answer is late).
 * - `holdNextWrite`: the next matching write is held on the way (the client times out), then
 *   lands when `afterRequests` more requests have reached the tenant, or at `landHeld()`; its
 *   answer is lost. A seeded stand-in for the mock's `landLateNext`, whose timer is real.
 */
export function network(world: World) {
  let lateAnswer: RegExp | null = null;
  let hold: RegExp | null = null;
  let held: { land: () => Promise<void>; after: number } | null = null;
  let holdAfter = 0;
  const landHeld = async () => {
    const write = held;
    held = null;
    if (write) world.trace?.('the held write lands now (its answer is lost)');
    if (write) await write.land();
  };
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    world.lastRequestAt = performance.now();
    const url = String(input instanceof Request ? input.url : input);
    const line = `${init?.method ?? 'GET'} ${url}`;
    if (held && --held.after < 0) await landHeld();
    const shown = line.replace(/^(\w+) https?:\/\/[^/]+\/api\/v3/, '$1 ').replace(/\?filter.*$/, '');
    if (hold !== null && hold.test(line)) world.trace?.(`${shown} (held on the way)`);
    if (hold !== null && hold.test(line)) {
      hold = null;
      held = { after: holdAfter, land: () => world.tenant.fetch(input, { ...init, signal: null }).then(() => undefined, () => undefined) };
      return new Promise<Response>((_, reject) => {
        const signal = init?.signal;
        signal?.addEventListener('abort', () => reject(signal.reason ?? new DOMException('aborted', 'AbortError')));
      });
    }
    const late = lateAnswer !== null && lateAnswer.test(line);
    if (late) lateAnswer = null;
    const response = await world.tenant.fetch(input, { ...init, signal: null }).catch((error: unknown) => {
      world.trace?.(`${shown} -> answer lost`);
      throw error;
    });
    world.trace?.(`${shown} -> ${response.status}${late ? ' (answered after the timeout)' : ''}`);
    if (!late) return response;
    return new Promise<Response>((resolve, reject) => {
      const timer = setTimeout(() => resolve(response), TIMEOUT_MS * 3);
      init?.signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(new DOMException('aborted', 'AbortError'));
      });
    });
  };
  return {
    fetch: fetchFn as typeof fetch,
    answerLateNext: (pattern: RegExp) => void (lateAnswer = pattern),
    holdNextWrite: (pattern: RegExp, afterRequests: number) => void ((hold = pattern), (holdAfter = afterRequests)),
    landHeld,
  };
}

/** One page load: its client and flow, made from its tab's modules, and its lease owner. */
export interface Page {
  tab: Tab;
  owner: string;
  client: OmneoClient;
  flow: RedemptionFlow;
}

export function openPage(world: World, tab: Tab, owner: string, fetchFn: typeof fetch, heartbeatMs = 0): Page {
  const client = tab.client.createOmneoClient({
    transport: tab.client.fetchTransport({ baseUrl: 'https://api.test.getomneo.com/api/v3', token: 'test-token', fetch: fetchFn, timeoutMs: TIMEOUT_MS }),
    retry: { retries: 3, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 },
    ...(world.routes ? { routes: world.routes } : {}),
  });
  const flow = new tab.rules.RedemptionFlow({
    client,
    journal: new tab.rules.RedemptionJournal(world.store),
    now: world.tenant.clock.now,
    owner,
    lookupDelayMs: LOOKUP_DELAY_MS,
    heartbeatMs,
    // Its own looks for late landings run on real timers (30 s, 2 min) that would fire in later
    // checkouts; here the restart's recovery looks at the watches instead.
    recheckAfterMs: [],
  });
  world.live.add(owner);
  const page = { tab, owner, client, flow };
  world.pages.push(page);
  return page;
}

/** The page goes away (closed, reloaded, crashed): its flow stops, its lease is no longer renewed. */
export function closePage(world: World, page: Page): void {
  page.flow.dispose();
  world.live.delete(page.owner);
}

/** Runs `recoverRedemptions` as `page` would on load, and notes what it surfaced or settled. */
export async function recover(world: World, page: Pick<Page, 'tab' | 'client' | 'owner'>): Promise<RecoveryResult> {
  const { rules } = page.tab;
  const holders = new Map<string, string | undefined>();
  for (const key of await world.store.keys()) {
    if (!key.startsWith(JOURNAL_PREFIX)) continue;
    holders.set(key.slice(JOURNAL_PREFIX.length), parseEntry(await world.store.get(key))?.lease?.owner);
  }
  const result = await rules.recoverRedemptions({
    client: page.client,
    journal: new rules.RedemptionJournal(world.store),
    now: world.tenant.clock.now,
    owner: page.owner,
    claim: (entry) => (world.paymentTaken && entry.sale.id === world.sale.id ? world.completion : false),
  });
  world.trace?.(`recovery by ${page.owner}: ${result.reports.map((r) => `${r.entry.key} ${r.status} ${'outcome' in r ? r.outcome : ''} ${'reason' in r ? r.reason : ''}${'error' in r ? String(r.error) : ''}`).join('; ')}`);
  for (const w of result.watched ?? []) {
    world.trace?.(`watch ${w.watch.key}: ${w.strays.map((x) => `${x.redemptionId} ${x.outcome}`).join(', ')}${w.error ? ` look failed: ${w.error.message}` : ''}`);
  }
  for (const c of result.corrupt) world.surfaced.add(c.quarantineKey);
  for (const report of result.reports) {
    if (report.status !== 'settled') continue;
    const holder = holders.get(report.entry.key);
    if (holder !== undefined && holder !== page.owner && world.live.has(holder)) {
      world.takeovers.push(`${page.owner} settled ${report.entry.key} (${report.outcome}) while ${holder} was alive`);
    }
    if (report.entry.stage === 'returning' && report.outcome === 'refunded') world.refundReported += report.returnedCents;
  }
  return result;
}

/** A journal entry's stage and lease, or `null` when it cannot be read. */
function parseEntry(raw: string | null): { key?: string; stage?: string; lease?: { owner: string; until: number } } | null {
  try {
    const value = JSON.parse(raw ?? 'null') as unknown;
    return typeof value === 'object' && value !== null ? (value as { stage?: string }) : null;
  } catch {
    return null;
  }
}

/**
 * Lets `ms` of the flow's clock pass while the pages live: in steps shorter than a lease, each
 * followed by the live flows' heartbeat (real `heartbeatMs`), as a page's timers would run.
 */
export async function passTime(world: World, ms: number, between?: () => Promise<void>): Promise<void> {
  const step = 30_000;
  for (let left = ms; left > 0; left -= step) {
    world.tenant.clock.advance(Math.min(step, left));
    await heartbeats(world);
    if (between) await between();
  }
}

/** Waits (a few real ms at most) until every live page's held entry has renewed its lease. */
async function heartbeats(world: World): Promise<void> {
  // Bounded by tries, not time: a loaded machine delays the beat, it does not skip it.
  for (let tries = 0; tries < 500; tries += 1) {
    let stale = false;
    for (const key of await world.store.keys()) {
      if (!key.startsWith(JOURNAL_PREFIX)) continue;
      const entry = parseEntry(await world.store.get(key));
      const owner = entry?.lease?.owner;
      if (entry?.stage === 'held' && owner && world.live.has(owner) && entry.lease!.until < world.tenant.clock.now() + LEASE_TTL_MS) stale = true;
    }
    if (!stale) return;
    await sleep(1);
  }
}

/**
 * The till restarts later: the network heals, late writes have landed, dead pages' leases have
 * run out, and recovery runs until the journal is empty (three runs at most).
 */
export async function restart(world: World, tab: Tab, net: ReturnType<typeof network>): Promise<void> {
  const fetchFn = net.fetch;
  if (world.lateMs > 0) await sleep(Math.max(0, world.lastRequestAt + world.lateMs + 5 - performance.now()));
  for (const page of world.pages) page.flow.dispose();
  await net.landHeld();
  world.tenant.faults.clear();
  world.live.clear();
  world.tenant.clock.advance(LEASE_TTL_MS + 1_000);
  const page = openPage(world, tab, `restart-${world.seed}`, fetchFn);
  page.flow.dispose();
  for (let run = 0; run < 3; run += 1) {
    await recover(world, page);
    if (!(await world.store.keys()).some((k) => k.startsWith(JOURNAL_PREFIX))) break;
  }
  world.live.clear();
}

/** Sums the returns the host asked for, line by line, as one return of the same units. */
function mergeReturns(returns: readonly ReturnedLine[][]): ReturnedLine[] {
  const byLine = new Map<string, ReturnedLine>();
  for (const line of returns.flat()) {
    const before = byLine.get(line.id);
    if (line.quantity === undefined || (before && before.quantity === undefined)) byLine.set(line.id, { id: line.id });
    else byLine.set(line.id, { id: line.id, quantity: (before?.quantity ?? 0) + line.quantity, ofQuantity: line.ofQuantity! });
  }
  return [...byLine.values()].map((l) => (l.quantity !== undefined && l.quantity >= l.ofQuantity! ? { id: l.id } : l));
}

/**
 * What the tenant finally holds, against what the host did. Each violation starts with the
 * invariant it breaks:
 * - \`live-unpaid\`: a redemption left live for a sale that was abandoned or whose payment failed;
 * - \`live-paid\`: more than one live redemption for a paid intent, or its recorded one undone;
 * - \`double-refund\`: returns beyond what was allocated to the lines returned;
 * - \`balance\`: the member's rewards are not the start less what the customer kept;
 * - \`stuck\`: a journal entry left after the final recovery, or a quarantined one never surfaced;
 * - \`takeover\`: a page's recovery settled a sale that a live page held;
 * - \`recording\`: a paid sale not recorded once, or an unpaid one recorded;
 * - \`untold-refund\`: the kit told the host of other refunds than Omneo made.
 */
export async function audit(world: World, rules: typeof RulesModule): Promise<string[]> {
  const v: string[] = [];
  const { tenant, sale } = world;
  const transactions = tenant.transactions().filter((t) => t.externalId === sale.id);
  const redeems = tenant.redemptions().filter((r) => r.type === 'redeem' && r.transactionExternalId === sale.id);
  const isLive = (r: (typeof redeems)[number]) => r.reversedBy === null && r.returnedCents < r.totalCents;
  const attached = redeems.filter((r) => transactions.some((t) => t.redemptionId === r.id));
  const live = redeems.filter(isLive);
  if (transactions.length > 1) v.push(`recording: ${transactions.length} transactions for one sale`);
  let keptCents = 0;
  if (!world.paymentTaken) {
    for (const r of live) v.push(`live-unpaid: redemption ${r.id} (${r.totalCents} c, ${r.returnedCents} returned) is live though the sale was not paid`);
    if (attached.length > 0) v.push(`recording: redemption ${attached[0]!.id} was recorded though payment was not taken`);
  } else {
    if (live.length > 1) v.push(`live-paid: ${live.length} live redemptions (${live.map((r) => r.id).join(', ')}) for one paid intent`);
    if (transactions.length === 0) v.push('recording: the sale was paid but never recorded');
    for (const r of attached) {
      if (r.reversedBy !== null) v.push(`live-paid: recorded redemption ${r.id} was reversed though the customer paid`);
      const allocation = rules.allocateReward(r.totalCents, sale.lines);
      const cap = world.returnsAsked.length === 0 ? 0 : rules.refundForReturn(allocation, mergeReturns(world.returnsAsked)).totalCents;
      if (r.returnedCents > cap) v.push(`double-refund: ${r.returnedCents} c returned on redemption ${r.id}, the returned lines were allocated ${cap} c`);
      if (r.returnedCents !== world.refundReported) v.push(`untold-refund: the kit reported ${world.refundReported} c refunded, Omneo returned ${r.returnedCents} c`);
      keptCents += r.totalCents - r.returnedCents;
    }
    for (const r of live) if (!attached.includes(r)) v.push(`live-paid: redemption ${r.id} is live but not the one recorded with the sale`);
  }
  const end = tenant.rewardBalanceCents(world.profileId);
  if (end !== world.startCents - keptCents) v.push(`balance: ${end} c, expected the start ${world.startCents} c less ${keptCents} c kept`);
  for (const key of await world.store.keys()) {
    if (key.startsWith(JOURNAL_PREFIX)) v.push(`stuck: ${key.slice(JOURNAL_PREFIX.length)} left in the journal (${(await world.store.get(key))?.slice(0, 80)})`);
    if (key.startsWith(QUARANTINE_PREFIX) && !world.surfaced.has(key)) v.push(`stuck: ${key} quarantined but never surfaced`);
  }
  for (const t of world.takeovers) v.push(`takeover: ${t}`);
  return v;
}
