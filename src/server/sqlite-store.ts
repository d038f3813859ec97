/**
 * A {@link CustomerStore} in one SQLite file (better-sqlite3 12), in WAL mode so that lookups
 * never wait for a delivery being written. Node only: import it from its own module, so the
 * Web-standard receiver stays free of native code.
 *
 * One row per Omneo profile id. A row for a profile the POS had holds its POS customer id;
 * a profile deleted or merged before the POS ever heard of it is kept as a row without one
 * (a tombstone, invisible to lookups) so that a late create cannot bring it back.
 *
 * Signed deliveries that could not be applied are kept whole in a second table,
 * `unappliable_deliveries`, one row per distinct event and body.
 *
 * Every write runs in a `BEGIN IMMEDIATE` transaction that takes the write lock before it
 * reads the row, so the staleness check and the write cannot be split by another delivery,
 * even from another process on the same file. Writes are committed in groups (group commit):
 * the writes asked for within one turn of the event loop share one transaction, each in a
 * savepoint of its own (one that fails is rolled back alone), and every promise settles only
 * after that transaction's COMMIT, so a delivery is answered only once it is on disk, at one
 * disk sync per group instead of one per delivery.
 */
import Database from 'better-sqlite3';
import type {
  CustomerRecord,
  CustomerStore,
  CustomerUpdate,
  DeleteResult,
  MergeResult,
  UpsertResult,
} from './types.js';
import { unappliableDeliveries } from './sqlite-unappliable.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS customers (
  profile_id      TEXT PRIMARY KEY,
  pos_customer_id TEXT UNIQUE,
  status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged', 'deleted')),
  merged_into     TEXT,
  first_name      TEXT,
  last_name       TEXT,
  name            TEXT,
  email           TEXT,
  phone           TEXT,
  tier_name       TEXT,
  tier_handle     TEXT,
  has_tier        INTEGER NOT NULL DEFAULT 0,
  reward_cents    INTEGER,
  points          REAL,
  combined_cents  INTEGER,
  updated_at      TEXT,
  updated_at_ms   INTEGER,
  CHECK (pos_customer_id IS NOT NULL OR status <> 'active')
) STRICT;
CREATE INDEX IF NOT EXISTS customers_merged_into ON customers (merged_into);
`;

interface Row {
  profile_id: string;
  pos_customer_id: string | null;
  status: CustomerRecord['status'];
  merged_into: string | null;
  first_name: string | null;
  last_name: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  tier_name: string | null;
  tier_handle: string | null;
  has_tier: number;
  reward_cents: number | null;
  points: number | null;
  combined_cents: number | null;
  updated_at: string | null;
  updated_at_ms: number | null;
}

export interface SqliteCustomerStoreOptions {
  /** Makes the POS customer id of a new customer. Default: `crypto.randomUUID()`. */
  newPosCustomerId?: () => string;
  /**
   * SQLite's `synchronous` setting. `FULL` (default): every answered delivery is on disk, even
   * through a power cut. `NORMAL`: several times faster on slow disks, and still safe if the
   * process crashes, but a power cut may lose the last deliveries, which Omneo will not resend.
   */
  synchronous?: 'FULL' | 'NORMAL';
  /**
   * The most writes committed together (see group commit above). Default 256; 1 commits each
   * write on its own.
   */
  maxGroupSize?: number;
}

function toRecord(row: Row & { pos_customer_id: string }): CustomerRecord {
  return {
    posCustomerId: row.pos_customer_id,
    profileId: row.profile_id,
    status: row.status,
    mergedInto: row.merged_into,
    firstName: row.first_name,
    lastName: row.last_name,
    name: row.name,
    email: row.email,
    phone: row.phone,
    tier: row.has_tier ? { name: row.tier_name, handle: row.tier_handle } : null,
    balance:
      row.reward_cents === null || row.points === null || row.combined_cents === null
        ? null
        : { rewardCents: row.reward_cents, points: row.points, combinedCents: row.combined_cents },
    updatedAt: row.updated_at,
    updatedAtMs: row.updated_at_ms,
  };
}

/** The row's record, or `null` for a tombstone (no POS customer) or no row. */
function recordOf(row: Row | undefined): CustomerRecord | null {
  return row && row.pos_customer_id !== null ? toRecord(row as Row & { pos_customer_id: string }) : null;
}

/** The columns an update writes, in the form the statements bind. */
function columnsOf(u: CustomerUpdate, keep: Row | undefined) {
  // No balances in this delivery: keep the snapshot the last one gave.
  const balance =
    u.balance ?? (keep ? { rewardCents: keep.reward_cents, points: keep.points, combinedCents: keep.combined_cents } : null);
  return {
    profile_id: u.profileId,
    first_name: u.firstName,
    last_name: u.lastName,
    name: u.name,
    email: u.email,
    phone: u.phone,
    tier_name: u.tier?.name ?? null,
    tier_handle: u.tier?.handle ?? null,
    has_tier: u.tier ? 1 : 0,
    reward_cents: balance?.rewardCents ?? null,
    points: balance?.points ?? null,
    combined_cents: balance?.combinedCents ?? null,
    updated_at: u.updatedAt,
    updated_at_ms: u.updatedAtMs,
  };
}

/** The columns a delivery writes, apart from the key and `updated_at_ms`. */
const DATA_COLUMNS = [
  'first_name', 'last_name', 'name', 'email', 'phone', 'tier_name', 'tier_handle', 'has_tier',
  'reward_cents', 'points', 'combined_cents', 'updated_at',
] as const;

/**
 * Opens (creating when needed) the customer store at `path` (`':memory:'` for a throwaway
 * one), in WAL journal mode, with `synchronous = FULL` unless told otherwise.
 */
export function sqliteCustomerStore(path: string, options: SqliteCustomerStoreOptions = {}): CustomerStore {
  const newPosCustomerId = options.newPosCustomerId ?? (() => crypto.randomUUID());
  const db = new Database(path, { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
  db.exec(SCHEMA);

  const byProfile = db.prepare<[string], Row>('SELECT * FROM customers WHERE profile_id = ?');
  const byPos = db.prepare<[string], Row>('SELECT * FROM customers WHERE pos_customer_id = ?');
  const posTaken = db.prepare<[string], { n: number }>('SELECT 1 AS n FROM customers WHERE pos_customer_id = ?');
  const insert = db.prepare(
    `INSERT INTO customers (profile_id, pos_customer_id, ${DATA_COLUMNS.join(', ')}, updated_at_ms)
     VALUES (@profile_id, @pos_customer_id, ${DATA_COLUMNS.map((c) => '@' + c).join(', ')}, @updated_at_ms)`,
  );
  const update = db.prepare(
    `UPDATE customers SET ${[...DATA_COLUMNS, 'updated_at_ms'].map((c) => `${c} = @${c}`).join(', ')}
     WHERE profile_id = @profile_id`,
  );
  const markMerged = db.prepare<[string, string]>(
    "UPDATE customers SET status = 'merged', merged_into = ? WHERE profile_id = ? AND status <> 'merged'",
  );
  const repointChain = db.prepare<[string, string]>('UPDATE customers SET merged_into = ? WHERE merged_into = ?');
  const insertTombstone = db.prepare<[string, string, string | null]>(
    'INSERT INTO customers (profile_id, status, merged_into) VALUES (?, ?, ?)',
  );
  const markDeleted = db.prepare<[string]>(
    `UPDATE customers SET status = 'deleted', first_name = NULL, last_name = NULL, name = NULL, email = NULL,
       phone = NULL, tier_name = NULL, tier_handle = NULL, has_tier = 0, reward_cents = NULL, points = NULL,
       combined_cents = NULL WHERE profile_id = ?`,
  );

  function pickPosId(u: CustomerUpdate): string {
    return u.posCustomerIds.find((id) => posTaken.get(id) === undefined) ?? newPosCustomerId();
  }

  function upsertRow(u: CustomerUpdate): UpsertResult {
    const row = byProfile.get(u.profileId);
    if (row && row.status !== 'active') {
      return { outcome: row.status === 'deleted' ? 'ignored-deleted' : 'ignored-merged', customer: recordOf(row) };
    }
    if (!row) {
      insert.run({ ...columnsOf(u, undefined), pos_customer_id: pickPosId(u) });
      return { outcome: 'created', customer: recordOf(byProfile.get(u.profileId)) };
    }
    if (row.updated_at_ms !== null && row.updated_at_ms > u.updatedAtMs) {
      return { outcome: 'ignored-stale', customer: recordOf(row) };
    }
    const columns = columnsOf(u, row);
    // Same `updated_at` and same data: a repeated delivery. Write nothing.
    if (row.updated_at_ms === u.updatedAtMs && DATA_COLUMNS.every((c) => columns[c] === row[c])) {
      return { outcome: 'unchanged', customer: recordOf(row) };
    }
    // Same `updated_at`, different data: two changes within Omneo's one-second resolution.
    // Neither order can be known, so the later delivery wins.
    update.run(columns);
    return { outcome: 'updated', customer: recordOf(byProfile.get(u.profileId)) };
  }

  const upsertTx = db.transaction(upsertRow);
  /**
   * Where records merged into `profileId` end up: the profile itself, or the end of the chain
   * it was merged along. `null` when the stored chain already loops.
   */
  function mergeTarget(profileId: string): string | null {
    const seen = new Set([profileId]);
    for (let current = profileId; ; ) {
      const row = byProfile.get(current);
      if (!row || row.status !== 'merged' || row.merged_into === null) return current;
      if (seen.has(row.merged_into)) return null;
      seen.add(row.merged_into);
      current = row.merged_into;
    }
  }

  const mergeTx = db.transaction((survivor: CustomerUpdate, mergedIds: readonly string[]): MergeResult => {
    const target = mergeTarget(survivor.profileId);
    if (target === null) return { outcome: 'refused', message: 'The surviving profile\'s merge chain loops.' };
    // The survivor was merged into one of the profiles now said to merge into it: applying
    // both would leave records merged into themselves. Merges are final; the later one is refused.
    if (mergedIds.includes(target)) {
      return { outcome: 'refused', message: 'The surviving profile was itself merged into a profile this merge names.' };
    }
    const result = upsertRow(survivor);
    const repointed: CustomerRecord[] = [];
    for (const id of mergedIds) {
      if (id === survivor.profileId) continue;
      repointChain.run(target, id);
      const row = byProfile.get(id);
      if (!row) insertTombstone.run(id, 'merged', target);
      else if (markMerged.run(target, id).changes > 0) {
        const record = recordOf(byProfile.get(id));
        if (record) repointed.push(record);
      }
    }
    return { outcome: 'applied', survivor: result, target, repointed };
  });
  const deleteTx = db.transaction((profileId: string): DeleteResult => {
    const row = byProfile.get(profileId);
    if (!row) {
      insertTombstone.run(profileId, 'deleted', null);
      return { outcome: 'deleted', customer: null };
    }
    // A profile merged away is usually deleted next in Omneo: keep pointing at the survivor.
    if (row.status !== 'active') return { outcome: 'unchanged', customer: recordOf(row) };
    markDeleted.run(profileId);
    return { outcome: 'deleted', customer: recordOf(byProfile.get(profileId)) };
  });

  const kept = unappliableDeliveries(db);
  const write = groupCommit(db, options.maxGroupSize ?? 256);

  return {
    upsert: (u) => write(() => upsertTx(u)),
    merge: (survivor, mergedIds) => write(() => mergeTx(survivor, mergedIds)),
    markDeleted: (profileId) => write(() => deleteTx(profileId)),
    keepUnappliable: (delivery) => write(() => kept.keep(delivery)),
    listUnappliable: async () => kept.list(),
    get: async (profileId) => recordOf(byProfile.get(profileId)),
    getByPosId: async (posCustomerId) => recordOf(byPos.get(posCustomerId)),
    close: async () => {
      await write.idle();
      if (db.open) db.close();
    },
  };
}

interface PendingWrite {
  work: () => unknown;
  resolve: (value: never) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs the writes asked for in one turn of the event loop (up to `maxSize`) in one
 * `BEGIN IMMEDIATE` transaction. Each write is a `db.transaction` function, which inside
 * another transaction runs in a savepoint: one that throws is undone and rejected alone. The
 * promises settle after the COMMIT; if the COMMIT fails, every write of the group is rejected.
 */
function groupCommit(db: Database.Database, maxSize: number) {
  let queue: PendingWrite[] = [];
  let scheduled = false;
  let idle: Promise<void> = Promise.resolve();
  let settleIdle = () => {};

  const flushGroup = db.transaction((group: PendingWrite[]) =>
    group.map((w): { ok: true; value: unknown } | { ok: false; error: unknown } => {
      try {
        return { ok: true, value: w.work() };
      } catch (error) {
        return { ok: false, error };
      }
    }),
  );

  function flush(): void {
    scheduled = false;
    while (queue.length > 0) {
      const group = queue.length > maxSize ? queue.splice(0, maxSize) : queue.splice(0);
      let results;
      try {
        if (!db.open) throw new TypeError('The database connection is not open');
        results = flushGroup.immediate(group);
      } catch (error) {
        for (const w of group) w.reject(error);
        continue;
      }
      results.forEach((r, i) => {
        const w = group[i] as PendingWrite;
        if (r.ok) w.resolve(r.value as never);
        else w.reject(r.error);
      });
    }
    settleIdle();
  }

  function write<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: never) => void, reject });
      if (!scheduled) {
        scheduled = true;
        idle = new Promise<void>((r) => (settleIdle = r));
        setImmediate(flush);
      }
    });
  }
  /** Settles once the writes already asked for are committed. */
  write.idle = () => idle;
  return write;
}
