/**
 * The PostgreSQL customer store's schema, as numbered migrations applied in order and recorded
 * in `omneo_pos_kit_migrations` (version, name, applied_at). Applying them is explicit
 * (`npm run migrate -- --database-url URL`, or {@link migratePostgres}): the store itself
 * never changes the schema, it only checks that it is current. Migrations already applied are
 * never edited; a change is a new, higher version.
 */
import type { Pool, PoolClient } from 'pg';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'customers and unappliable deliveries',
    sql: `
CREATE TABLE customers (
  profile_id      text PRIMARY KEY,
  pos_customer_id text UNIQUE,
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged', 'deleted')),
  merged_into     text,
  first_name      text,
  last_name       text,
  name            text,
  email           text,
  phone           text,
  tier_name       text,
  tier_handle     text,
  has_tier        boolean NOT NULL DEFAULT false,
  reward_cents    bigint,
  points          double precision,
  combined_cents  bigint,
  updated_at      text,
  updated_at_ms   bigint,
  CHECK (pos_customer_id IS NOT NULL OR status <> 'active')
);
CREATE INDEX customers_merged_into ON customers (merged_into);
CREATE TABLE unappliable_deliveries (
  id          bigserial PRIMARY KEY,
  received_at text NOT NULL,
  event       text NOT NULL,
  profile_id  text,
  reason      text NOT NULL,
  issues      jsonb NOT NULL,
  body        bytea NOT NULL,
  body_sha256 text NOT NULL,
  UNIQUE (event, body_sha256)
);`,
  },
];

/** The schema version this code needs. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

const LEDGER = `CREATE TABLE IF NOT EXISTS omneo_pos_kit_migrations (
  version    integer PRIMARY KEY,
  name       text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/** Any number 64-bit-sized and fixed: held while migrating, so two runs at once take turns. */
const MIGRATION_LOCK = 0x6f6d6e656f;

/**
 * Applies the migrations the database lacks, each in its own transaction with its ledger row,
 * under an advisory lock (two `migrate` runs at once apply each migration once). Returns the
 * versions it applied (empty when the schema was current).
 */
export async function migratePostgres(pool: Pool): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(LEDGER);
      const done = new Set((await client.query<{ version: number }>('SELECT version FROM omneo_pos_kit_migrations')).rows.map((r) => r.version));
      const applied: number[] = [];
      for (const migration of MIGRATIONS) {
        if (done.has(migration.version)) continue;
        await inTransaction(client, async () => {
          await client.query(migration.sql);
          await client.query('INSERT INTO omneo_pos_kit_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
        });
        applied.push(migration.version);
      }
      return applied;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

/** The highest migration applied, or 0 when none (no ledger yet). */
export async function schemaVersion(pool: Pool): Promise<number> {
  const ledger = await pool.query<{ exists: boolean }>("SELECT to_regclass('omneo_pos_kit_migrations') IS NOT NULL AS exists");
  if (!ledger.rows[0]?.exists) return 0;
  const { rows } = await pool.query<{ version: number | null }>('SELECT max(version) AS version FROM omneo_pos_kit_migrations');
  return rows[0]?.version ?? 0;
}

async function inTransaction(client: PoolClient, work: () => Promise<void>): Promise<void> {
  await client.query('BEGIN');
  try {
    await work();
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
