/**
 * The redemption journal: a durable record of every redemption that is not yet settled.
 * An entry is written *before* the redeem request goes out (so a crash mid-request leaves a
 * trace to look up), updated when Omneo answers, when payment is taken and when settling
 * starts, and removed only once the redemption is recorded, reversed or refunded.
 *
 * Storage is a small adapter: localStorage by default, memory for tests, or any async
 * key-value store. Entries that cannot be read are moved aside and reported, never dropped.
 */
import type { TransactionInput } from '../client/index.js';
import type { AllocatedLine } from './allocation.js';
import { ownerAlive } from './intents.js';
import type { Sale } from './sale.js';

/** Any key-value store, sync or async. `compareAndSet` makes the recovery lease atomic. */
export interface KeyValueStore {
  get(key: string): string | null | Promise<string | null>;
  set(key: string, value: string): void | Promise<void>;
  delete(key: string): void | Promise<void>;
  keys(): string[] | Promise<string[]>;
  /**
   * Writes `next` only if the key still holds `expected`; answers whether it did. A store shared
   * by several tabs or processes must have it: without it, claiming an intent is a get, a set and
   * a get, which two tabs can interleave (both then claim the sale). The stores made here have it.
   */
  compareAndSet?(key: string, expected: string | null, next: string): boolean | Promise<boolean>;
}

/** A store in memory. Share one between two journals to play two tabs. */
export function memoryStore(initial: Record<string, string> = {}): KeyValueStore {
  const map = new Map(Object.entries(initial));
  return {
    get: (key) => map.get(key) ?? null,
    set: (key, value) => void map.set(key, value),
    delete: (key) => void map.delete(key),
    keys: () => [...map.keys()],
    compareAndSet(key, expected, next) {
      if ((map.get(key) ?? null) !== expected) return false;
      map.set(key, next);
      return true;
    },
  };
}

/** A store over `localStorage` (or any Web Storage). Looked up lazily: safe to import in Node. */
export function webStorageStore(storage?: Storage): KeyValueStore {
  const s = () => storage ?? globalThis.localStorage;
  return {
    get: (key) => s().getItem(key),
    set: (key, value) => s().setItem(key, value),
    delete: (key) => s().removeItem(key),
    keys: () => Array.from({ length: s().length }, (_, i) => s().key(i)).filter((k): k is string => k !== null),
    compareAndSet(key, expected, next) {
      // Synchronous within a tab; tabs of one origin see each other's writes at once.
      if (s().getItem(key) !== expected) return false;
      s().setItem(key, next);
      return true;
    },
  };
}

export const JOURNAL_VERSION = 1;

/**
 * Where a redemption stands:
 * - `redeeming`: the request went out; its answer has not been seen (look it up by sale id);
 * - `held`: created in Omneo, not attached to a recorded sale;
 * - `paid`: payment was taken; the transaction in `transaction` must be recorded;
 * - `settling`: a reversal or refund was started (`settleAction`); confirm before repeating;
 * - `returning`: a return of a recorded sale's share was sent (`refund`); confirm before repeating.
 */
export type JournalStage = 'redeeming' | 'held' | 'paid' | 'settling' | 'returning';

export interface JournalEntry {
  v: typeof JOURNAL_VERSION;
  /** Unique per intent: the sale id, plus the benefit id for a benefit. */
  key: string;
  stage: JournalStage;
  profileId: string;
  sale: Sale;
  /** Rewards amount asked for, in cents (absent for a benefit). */
  amountCents?: number;
  benefitId?: number;
  /** `'apply'` for a benefit applied at the till (no money share); absent or `'money'` otherwise. */
  benefitKind?: 'money' | 'apply';
  redemption?: { id: number; totalCents: number; createdAt: string; createdAtMs: number };
  /** Local time (by the flow's clock) when Omneo's answer arrived: the start of the reversal window. */
  receivedAt?: number;
  allocation?: AllocatedLine[];
  transaction?: TransactionInput;
  settleAction?: 'reverse' | 'refund';
  /** On a `returning` entry: the cents being returned, and those returned before it. */
  refund?: { cents: number; before: number };
  /** Who is settling this entry, and until when (recovery across tabs). */
  lease?: { owner: string; until: number };
  updatedAt: number;
}

/**
 * A settled intent kept a while after it settled: a redeem whose answer was lost may still land
 * (after the kit gave up on it, after it looked twice), and is then undone by whoever looks
 * next. `keep` is the redemption that stays live (the recorded one), or null.
 */
export interface WatchEntry {
  key: string;
  profileId: string;
  saleId: string;
  amountCents?: number;
  benefitId?: number;
  keep: number | null;
  /** Undo id -> the redemption it undid, for the undos the kit made. */
  links: [number, number][];
  /** Flow-clock ms after which nothing is expected to land any more. */
  until: number;
  lease?: { owner: string; until: number };
}

/** An entry that could not be read. It stays in the store under `quarantineKey`. */
export interface CorruptEntry {
  key: string;
  quarantineKey: string;
  raw: string | null;
  reason: string;
}

function readEntry(raw: string | null, storeKey?: string, prefix?: string): JournalEntry | string {
  if (raw === null) return 'missing';
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return 'not JSON';
  }
  if (typeof value !== 'object' || value === null) return 'not an object';
  const entry = value as Partial<JournalEntry>;
  if (entry.v !== JOURNAL_VERSION) return `version ${String(entry.v)}, expected ${JOURNAL_VERSION}`;
  if (typeof entry.key !== 'string' || typeof entry.profileId !== 'string' || typeof entry.stage !== 'string') {
    return 'missing key, profileId or stage';
  }
  if (typeof entry.sale !== 'object' || entry.sale === null || !Array.isArray(entry.sale.lines)) return 'missing sale';
  if (storeKey !== undefined && prefix !== undefined && storeKey !== prefix + entry.key) {
    return `its key "${entry.key}" is not the key it is stored under`;
  }
  if ((entry.stage === 'held' || entry.stage === 'paid' || entry.stage === 'settling' || entry.stage === 'returning') && (typeof entry.redemption !== 'object' || entry.redemption === null || !Number.isSafeInteger(entry.redemption.id))) {
    return `stage ${entry.stage} without the redemption it holds`;
  }
  if (entry.stage === 'paid' && (typeof entry.transaction !== 'object' || entry.transaction === null)) return 'paid without its transaction';
  if (!['redeeming', 'held', 'paid', 'settling', 'returning'].includes(entry.stage)) return `unknown stage ${String(entry.stage)}`;
  return entry as JournalEntry;
}

/** The durable record of redemptions not yet settled. */
export class RedemptionJournal {
  readonly prefix: string;
  readonly quarantinePrefix: string;
  readonly watchPrefix: string;
  private readonly store: KeyValueStore;

  constructor(store: KeyValueStore = webStorageStore(), options: { prefix?: string } = {}) {
    this.store = store;
    this.prefix = options.prefix ?? 'omneo-pos-kit:journal:';
    this.quarantinePrefix = `${this.prefix.replace(/:$/, '')}-quarantine:`;
    this.watchPrefix = `${this.prefix.replace(/:$/, '')}-watch:`;
  }

  /** Writes (or replaces) an entry. */
  async put(entry: JournalEntry): Promise<void> {
    await this.store.set(this.prefix + entry.key, JSON.stringify(entry));
  }

  async get(key: string): Promise<JournalEntry | null> {
    const read = readEntry(await this.store.get(this.prefix + key), this.prefix + key, this.prefix);
    return typeof read === 'string' ? null : read;
  }

  /**
   * Claims an intent: writes `entry` only if nothing is stored under its key (compare-and-set on
   * stores that have it), so two tabs can never both claim one sale. Answers whether it did.
   */
  async claim(entry: JournalEntry): Promise<boolean> {
    const storeKey = this.prefix + entry.key;
    const next = JSON.stringify(entry);
    if (this.store.compareAndSet) return this.store.compareAndSet(storeKey, null, next);
    if ((await this.store.get(storeKey)) !== null) return false;
    await this.store.set(storeKey, next);
    return (await this.store.get(storeKey)) === next;
  }

  /**
   * Removes an entry only while `owner` holds its lease: a tab that lost a claim, or was taken
   * over, never deletes the entry of the one that won.
   */
  async removeOwn(key: string, owner: string): Promise<boolean> {
    const current = await this.get(key);
    if (!current || (current.lease && current.lease.owner !== owner)) return false;
    await this.remove(key);
    return true;
  }

  /** Moves an entry that cannot be settled aside, with why, so no recovery retries it forever. */
  async quarantine(key: string, reason: string): Promise<CorruptEntry> {
    const storeKey = this.prefix + key;
    const raw = await this.store.get(storeKey);
    const quarantineKey = this.quarantinePrefix + key;
    await this.store.set(quarantineKey, JSON.stringify({ reason, raw }));
    await this.store.delete(storeKey);
    return { key, quarantineKey, raw, reason };
  }

  /** Removes a settled entry. */
  async remove(key: string): Promise<void> {
    await this.store.delete(this.prefix + key);
  }

  /** Every readable entry, and every unreadable one moved aside to the quarantine. */
  async list(): Promise<{ entries: JournalEntry[]; corrupt: CorruptEntry[] }> {
    const entries: JournalEntry[] = [];
    const corrupt: CorruptEntry[] = [];
    for (const storeKey of await this.store.keys()) {
      if (!storeKey.startsWith(this.prefix)) continue;
      const raw = await this.store.get(storeKey);
      const read = readEntry(raw, storeKey, this.prefix);
      if (typeof read !== 'string') {
        entries.push(read);
        continue;
      }
      const key = storeKey.slice(this.prefix.length);
      const quarantineKey = this.quarantinePrefix + key;
      if (raw !== null) {
        await this.store.set(quarantineKey, raw);
        await this.store.delete(storeKey);
      }
      corrupt.push({ key, quarantineKey, raw, reason: read });
    }
    return { entries, corrupt };
  }

  /** Keeps a settled intent under watch (see {@link WatchEntry}). */
  async watch(entry: WatchEntry): Promise<void> {
    await this.store.set(this.watchPrefix + entry.key, JSON.stringify(entry));
  }

  /** Every watch; one that cannot be read is dropped (it guards nothing the journal still holds). */
  async watches(): Promise<WatchEntry[]> {
    const out: WatchEntry[] = [];
    for (const key of await this.store.keys()) {
      if (!key.startsWith(this.watchPrefix)) continue;
      try {
        const value = JSON.parse((await this.store.get(key)) ?? 'null') as WatchEntry | null;
        if (value && typeof value.key === 'string' && typeof value.until === 'number') out.push(value);
        else await this.store.delete(key);
      } catch {
        await this.store.delete(key);
      }
    }
    return out;
  }

  /**
   * Takes a watch for `owner` (compare-and-set where the store has it), unless another owner's
   * lease on it runs: two tabs never undo the same late landing twice.
   */
  async leaseWatch(key: string, owner: string, now: number, ttlMs: number): Promise<WatchEntry | null> {
    const storeKey = this.watchPrefix + key;
    const raw = await this.store.get(storeKey);
    if (raw === null) return null;
    const current = JSON.parse(raw) as WatchEntry;
    if (current.lease && current.lease.owner !== owner && current.lease.until > now) return null;
    const leased = { ...current, lease: { owner, until: now + ttlMs } };
    const next = JSON.stringify(leased);
    if (this.store.compareAndSet) return (await this.store.compareAndSet(storeKey, raw, next)) ? leased : null;
    await this.store.set(storeKey, next);
    return leased;
  }

  async unwatch(key: string): Promise<void> {
    await this.store.delete(this.watchPrefix + key);
  }

  /** Entries moved aside earlier, for a support screen. */
  async quarantined(): Promise<{ key: string; raw: string | null }[]> {
    const keys = (await this.store.keys()).filter((k) => k.startsWith(this.quarantinePrefix));
    return Promise.all(keys.map(async (key) => ({ key, raw: await this.store.get(key) })));
  }

  /**
   * Takes the lease on an entry for `ttlMs`, unless another owner holds it: one whose page is
   * alive (Web Locks), or, where that cannot be told, one whose lease has not expired.
   * Answers the entry as leased, or `null` when another owner has it (or it is gone).
   */
  async lease(key: string, owner: string, now: number, ttlMs = 60_000): Promise<JournalEntry | null> {
    const storeKey = this.prefix + key;
    const raw = await this.store.get(storeKey);
    const read = readEntry(raw, storeKey, this.prefix);
    if (typeof read === 'string') return null;
    const held = read.lease;
    if (held && held.owner !== owner) {
      // A live owner keeps its sale however long it holds it; a dead one (a closed or reloaded
      // page) loses it at once; where liveness cannot be told, the lease's expiry decides.
      const alive = await ownerAlive(held.owner);
      if (alive === true || (alive === undefined && held.until > now)) return null;
    }
    const leased: JournalEntry = { ...read, lease: { owner, until: now + ttlMs } };
    const next = JSON.stringify(leased);
    if (this.store.compareAndSet) {
      return (await this.store.compareAndSet(storeKey, raw, next)) ? leased : null;
    }
    await this.store.set(storeKey, next);
    const confirmed = readEntry(await this.store.get(storeKey));
    return typeof confirmed !== 'string' && confirmed.lease?.owner === owner ? leased : null;
  }
}
