/**
 * A {@link CustomerStore} in PostgreSQL (the `pg` driver), for a retailer whose receivers, on
 * any number of processes and machines, share one customer database. Node only: import it from
 * `omneo-pos-kit/server/postgres`. The schema comes from explicit, versioned migrations
 * (postgres-migrations.ts: `npm run migrate -- --database-url URL`); the store only checks it.
 *
 * The same rows and rules as the SQLite store, enforced inside the database so that concurrent
 * writers need no lock of their own:
 * - an upsert is one `INSERT ... ON CONFLICT (profile_id) DO UPDATE ... WHERE` statement whose
 *   condition is the rule (the row is active, and the delivery is newer, or as new with other
 *   data): the row lock PostgreSQL takes on the conflict makes the check and the write one step;
 * - a delete is one such statement too (an unknown profile becomes a tombstone);
 * - a merge runs in one transaction under a transaction-scoped advisory lock, so that two merges
 *   cannot build a cycle between them; each row it writes is still written conditionally.
 * The POS customer id is only ever written by the INSERT branch, so it never changes.
 *
 * Upserts, deletes and kept deliveries asked for within one turn of the event loop are
 * committed together (group commit: one transaction, one WAL flush, for up to `maxGroupSize`
 * writes, ordered by profile id so that two groups meet rows in the same order); each promise
 * settles after that COMMIT. When anything in a group fails, the group is rolled back and each
 * write is run again on its own, so one bad write costs only itself; every write is
 * idempotent, so running one again after a COMMIT whose answer was lost changes nothing.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { SCHEMA_VERSION, schemaVersion } from './postgres-migrations.js';
import type {
  CustomerRecord,
  CustomerStore,
  CustomerUpdate,
  DeleteResult,
  KeptDelivery,
  MergeResult,
  UpsertResult,
} from './types.js';

export { MIGRATIONS, SCHEMA_VERSION, migratePostgres, schemaVersion } from './postgres-migrations.js';
export type { Migration } from './postgres-migrations.js';

export interface PostgresCustomerStoreOptions {
  /** `postgres://user:password@host:port/database`. Either this or `pool`. */
  connectionString?: string;
  /** A pool the host manages (then `close()` leaves it open). */
  pool?: Pool;
  /** Connections the store's own pool may open. Default 10. */
  maxConnections?: number;
  /** Makes the POS customer id of a new customer. Default: `crypto.randomUUID()`. */
  newPosCustomerId?: () => string;
  /** Told when an idle connection fails (the pool replaces it). Default: ignored. */
  onConnectionError?: (error: Error) => void;
  /** The most writes committed together in one transaction (group commit). Default 64; 1: none. */
  maxGroupSize?: number;
}

/** A connection string that cannot be used: the message says why, without the password. */
export class DatabaseUrlError extends Error {
  override name = 'DatabaseUrlError';
}

/** Checks a `postgres://` / `postgresql://` URL before any connection is tried. */
export function checkDatabaseUrl(value: string | undefined): string {
  if (!value) throw new DatabaseUrlError('No database URL given (postgres://user:password@host:port/database).');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DatabaseUrlError('The database URL is not a URL; expected postgres://user:password@host:port/database.');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new DatabaseUrlError(`The database URL must start with postgres:// or postgresql://, not ${url.protocol}//.`);
  }
  if (!url.hostname && !url.searchParams.get('host')) throw new DatabaseUrlError('The database URL names no host.');
  if (url.port && !(Number(url.port) > 0 && Number(url.port) < 65536)) throw new DatabaseUrlError(`The database URL's port is not a port: ${url.port}.`);
  return value;
}

const DATA_COLUMNS = [
  'first_name', 'last_name', 'name', 'email', 'phone', 'tier_name', 'tier_handle', 'has_tier',
  'reward_cents', 'points', 'combined_cents', 'updated_at',
] as const;
const BALANCE_COLUMNS = new Set(['reward_cents', 'points', 'combined_cents']);
const RETURNING = 'c.*, (c.xmax = 0) AS inserted';

/**
 * $1 profile id, $2 the POS ids the profile carries, $3 a fresh POS id, $4..$15 the data
 * columns, $16 updated_at_ms, $17 whether the delivery carried balances.
 */
const UPSERT = `
INSERT INTO customers AS c (profile_id, pos_customer_id, ${DATA_COLUMNS.join(', ')}, updated_at_ms)
VALUES ($1,
  COALESCE((SELECT t.id FROM unnest($2::text[]) WITH ORDINALITY AS t(id, ord)
            WHERE NOT EXISTS (SELECT 1 FROM customers x WHERE x.pos_customer_id = t.id)
            ORDER BY t.ord LIMIT 1), $3),
  ${DATA_COLUMNS.map((_, i) => `$${i + 4}`).join(', ')}, $16)
ON CONFLICT (profile_id) DO UPDATE SET
  ${DATA_COLUMNS.map((col) => `${col} = ${incoming(col)}`).join(',\n  ')},
  updated_at_ms = EXCLUDED.updated_at_ms
WHERE c.status = 'active' AND (
  c.updated_at_ms IS NULL OR c.updated_at_ms < EXCLUDED.updated_at_ms
  OR (c.updated_at_ms = EXCLUDED.updated_at_ms
      AND (${DATA_COLUMNS.map((col) => `c.${col}`).join(', ')})
          IS DISTINCT FROM (${DATA_COLUMNS.map(incoming).join(', ')})))
RETURNING ${RETURNING}`;

/** What the update branch writes to `col`: a delivery without balances keeps the stored ones. */
function incoming(col: string): string {
  return BALANCE_COLUMNS.has(col) ? `CASE WHEN $17::boolean THEN EXCLUDED.${col} ELSE c.${col} END` : `EXCLUDED.${col}`;
}

const CLEARED = DATA_COLUMNS.filter((c) => c !== 'updated_at').map((c) => `${c} = ${c === 'has_tier' ? 'false' : 'NULL'}`).join(', ');
const DELETE = `
INSERT INTO customers AS c (profile_id, status) VALUES ($1, 'deleted')
ON CONFLICT (profile_id) DO UPDATE SET status = 'deleted', ${CLEARED}
WHERE c.status = 'active'
RETURNING ${RETURNING}`;
const MARK_MERGED = `
INSERT INTO customers AS c (profile_id, status, merged_into) VALUES ($1, 'merged', $2)
ON CONFLICT (profile_id) DO UPDATE SET status = 'merged', merged_into = $2
WHERE c.status <> 'merged'
RETURNING ${RETURNING}`;
const KEEP = `
INSERT INTO unappliable_deliveries (received_at, event, profile_id, reason, issues, body, body_sha256)
VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event, body_sha256) DO NOTHING RETURNING id`;
/** Held, per transaction, by every merge. Any fixed number. */
const MERGE_LOCK = 0x6d65726765;

interface Row extends QueryResultRow {
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
  has_tier: boolean;
  reward_cents: string | null;
  points: number | null;
  combined_cents: string | null;
  updated_at: string | null;
  updated_at_ms: string | null;
  inserted?: boolean;
}

/** The row's record, or `null` for a tombstone (no POS customer) or no row. */
function recordOf(row: Row | undefined): CustomerRecord | null {
  if (!row || row.pos_customer_id === null) return null;
  const { reward_cents: reward, points, combined_cents: combined } = row;
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
      reward === null || points === null || combined === null
        ? null
        : { rewardCents: Number(reward), points, combinedCents: Number(combined) },
    updatedAt: row.updated_at,
    updatedAtMs: row.updated_at_ms === null ? null : Number(row.updated_at_ms),
  };
}

type Queryable = Pick<Pool | PoolClient, 'query'>;

/**
 * The store on an existing, migrated database. Creating it connects to nothing; the first call
 * does. A call that cannot reach the database rejects (the receiver answers 503 and Omneo
 * retries); the pool opens a new connection for the next one.
 */
export function postgresCustomerStore(options: PostgresCustomerStoreOptions): CustomerStore {
  const newPosCustomerId = options.newPosCustomerId ?? (() => crypto.randomUUID());
  const ownPool = !options.pool;
  const pool =
    options.pool ??
    new pg.Pool({
      connectionString: checkDatabaseUrl(options.connectionString),
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: 5000,
      // A delivery waits at most this long on the database before it is answered 503.
      query_timeout: 10_000,
    });
  // An idle connection the server drops must not crash the process: the pool replaces it.
  pool.on('error', options.onConnectionError ?? (() => undefined));
  let closed = false;
  const open = () => {
    if (closed) throw new Error('The customer store is closed.');
  };

  async function byProfile(db: Queryable, profileId: string): Promise<Row | undefined> {
    return (await db.query<Row>({ name: 'omneo_pos_kit_by_profile', text: 'SELECT * FROM customers WHERE profile_id = $1', values: [profileId] })).rows[0];
  }

  async function upsertOn(db: Queryable, u: CustomerUpdate): Promise<UpsertResult> {
    const b = u.balance;
    const params = [
      u.profileId, u.posCustomerIds, null,
      u.firstName, u.lastName, u.name, u.email, u.phone, u.tier?.name ?? null, u.tier?.handle ?? null, u.tier !== null,
      b?.rewardCents ?? null, b?.points ?? null, b?.combinedCents ?? null, u.updatedAt, u.updatedAtMs, b !== null,
    ];
    for (let attempt = 0; ; attempt++) {
      params[2] = newPosCustomerId();
      try {
        // Named: each connection parses and plans the statement once, not once a delivery.
        const written = (await db.query<Row>({ name: 'omneo_pos_kit_upsert', text: UPSERT, values: params })).rows[0];
        if (written) return { outcome: written.inserted ? 'created' : 'updated', customer: recordOf(written) };
        break;
      } catch (error) {
        // Another profile took the same POS id at the same moment: pick again.
        if (attempt < 3 && (error as { constraint?: string }).constraint === 'customers_pos_customer_id_key') continue;
        throw error;
      }
    }
    // Nothing written: say why, from the row that stopped it.
    const row = await byProfile(db, u.profileId);
    const customer = recordOf(row);
    if (row && row.status !== 'active') return { outcome: row.status === 'deleted' ? 'ignored-deleted' : 'ignored-merged', customer };
    if (row?.updated_at_ms != null && Number(row.updated_at_ms) > u.updatedAtMs) return { outcome: 'ignored-stale', customer };
    return { outcome: 'unchanged', customer };
  }

  /** Where records merged into `profileId` end up; `null` when the stored chain loops. */
  async function mergeTarget(db: Queryable, profileId: string): Promise<string | null> {
    const seen = new Set([profileId]);
    for (let current = profileId; ; ) {
      const row = await byProfile(db, current);
      if (!row || row.status !== 'merged' || row.merged_into === null) return current;
      if (seen.has(row.merged_into)) return null;
      seen.add(row.merged_into);
      current = row.merged_into;
    }
  }

  async function mergeOn(db: PoolClient, survivor: CustomerUpdate, mergedIds: readonly string[]): Promise<MergeResult> {
    await db.query('SELECT pg_advisory_xact_lock($1)', [MERGE_LOCK]);
    const target = await mergeTarget(db, survivor.profileId);
    if (target === null) return { outcome: 'refused', message: "The surviving profile's merge chain loops." };
    if (mergedIds.includes(target)) {
      return { outcome: 'refused', message: 'The surviving profile was itself merged into a profile this merge names.' };
    }
    const result = await upsertOn(db, survivor);
    const repointed: CustomerRecord[] = [];
    for (const id of mergedIds) {
      if (id === survivor.profileId) continue;
      await db.query('UPDATE customers SET merged_into = $1 WHERE merged_into = $2', [target, id]);
      const row = (await db.query<Row>(MARK_MERGED, [id, target])).rows[0];
      const record = row && !row.inserted ? recordOf(row) : null;
      if (record) repointed.push(record);
    }
    return { outcome: 'applied', survivor: result, target, repointed };
  }

  async function transaction<T>(work: (client: PoolClient) => Promise<T>, keep: (result: T) => boolean = () => true): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query(keep(result) ? 'COMMIT' : 'ROLLBACK');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  const write = groupCommit(pool, options.maxGroupSize ?? 64, Math.max(1, (options.maxConnections ?? 10) - 2));

  return {
    async upsert(update) {
      open();
      return write(update.profileId, (db) => upsertOn(db, update));
    },
    async merge(survivor, mergedIds) {
      open();
      // A refused merge writes nothing: its transaction is rolled back.
      return transaction((client) => mergeOn(client, survivor, mergedIds), (r) => r.outcome === 'applied');
    },
    async markDeleted(profileId): Promise<DeleteResult> {
      open();
      return write(profileId, async (db) => {
        const written = (await db.query<Row>({ name: 'omneo_pos_kit_delete', text: DELETE, values: [profileId] })).rows[0];
        if (written) return { outcome: 'deleted', customer: recordOf(written) };
        return { outcome: 'unchanged', customer: recordOf(await byProfile(db, profileId)) };
      });
    },
    async keepUnappliable(d) {
      open();
      const body = Buffer.from(d.body.buffer, d.body.byteOffset, d.body.byteLength);
      const sha = createHash('sha256').update(body).digest('hex');
      return write(d.profileId ?? '', async (db) => {
        const { rowCount } = await db.query(KEEP, [d.receivedAt, d.event, d.profileId, d.reason, JSON.stringify(d.issues), body, sha]);
        return { outcome: rowCount ? ('kept' as const) : ('unchanged' as const) };
      });
    },
    async listUnappliable(): Promise<KeptDelivery[]> {
      open();
      const { rows } = await pool.query('SELECT * FROM unappliable_deliveries ORDER BY id');
      return rows.map((row) => ({
        id: Number(row.id),
        receivedAt: row.received_at,
        event: row.event,
        profileId: row.profile_id,
        reason: row.reason,
        issues: row.issues,
        body: new Uint8Array(row.body as Buffer),
      }));
    },
    async get(profileId) {
      open();
      return recordOf(await byProfile(pool, profileId));
    },
    async getByPosId(posCustomerId) {
      open();
      return recordOf((await pool.query<Row>('SELECT * FROM customers WHERE pos_customer_id = $1', [posCustomerId])).rows[0]);
    },
    async close() {
      if (closed) return;
      closed = true;
      if (ownPool) await pool.end();
    },
  };
}

interface PendingWrite {
  key: string;
  run: (db: Queryable) => Promise<unknown>;
  resolve: (value: never) => void;
  reject: (error: unknown) => void;
}

/** Group commit on a pool: see the module's comment. At most `parallel` groups at once. */
function groupCommit(pool: Pool, maxSize: number, parallel: number) {
  let queue: PendingWrite[] = [];
  let active = 0;
  let scheduled = false;

  const alone = (w: PendingWrite) => w.run(pool).then((value) => w.resolve(value as never), w.reject);

  async function commitGroup(group: PendingWrite[]): Promise<void> {
    if (group.length === 1) return alone(group[0] as PendingWrite);
    group.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      for (const w of group) w.reject(error);
      return;
    }
    const results: unknown[] = [];
    let failure: unknown;
    try {
      await client.query('BEGIN');
      for (const w of group) results.push(await w.run(client));
      await client.query('COMMIT');
    } catch (error) {
      failure = error;
      await client.query('ROLLBACK').catch(() => undefined);
    } finally {
      // A connection that failed mid-group may be broken: the pool drops it and opens another.
      client.release(failure === undefined ? undefined : true);
    }
    if (failure === undefined) group.forEach((w, i) => w.resolve(results[i] as never));
    else await Promise.all(group.map(alone));
  }

  function drain(): void {
    scheduled = false;
    while (queue.length > 0 && active < parallel) {
      const group = queue.length > maxSize ? queue.splice(0, maxSize) : queue.splice(0);
      active++;
      void commitGroup(group).finally(() => {
        active--;
        schedule();
      });
    }
  }

  function schedule(): void {
    if (scheduled || queue.length === 0 || active >= parallel) return;
    scheduled = true;
    setImmediate(drain);
  }

  return function write<T>(key: string, run: (db: Queryable) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({ key, run, resolve: resolve as (value: never) => void, reject });
      schedule();
    });
  };
}

/**
 * Opens the store and checks, once, that the database is reachable and its schema is the one
 * this code needs: a server calls it at start, so that a wrong URL, a database that is down or
 * a missing migration stops it with a clear message instead of failing every delivery.
 */
export async function openPostgresCustomerStore(options: PostgresCustomerStoreOptions): Promise<CustomerStore> {
  const pool = options.pool ?? new pg.Pool({ connectionString: checkDatabaseUrl(options.connectionString), max: options.maxConnections ?? 10, connectionTimeoutMillis: 5000, query_timeout: 10_000 });
  try {
    const version = await schemaVersion(pool);
    if (version < SCHEMA_VERSION) {
      throw new Error(`The customer database is at schema version ${version}, this code needs ${SCHEMA_VERSION}: run \`npm run migrate -- --database-url URL\` first.`);
    }
  } catch (error) {
    if (!options.pool) await pool.end().catch(() => undefined);
    throw error;
  }
  const store = postgresCustomerStore({ ...options, pool });
  if (options.pool) return store;
  // The pool was made here, so the store owns it.
  return { ...store, close: async () => { await store.close(); await pool.end().catch(() => undefined); } };
}
