/** The PostgreSQL customer store against a real server: the shared contract, migrations, bad URLs, outages. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pg from 'pg';
import {
  DatabaseUrlError,
  SCHEMA_VERSION,
  migratePostgres,
  openPostgresCustomerStore,
  postgresCustomerStore,
  schemaVersion,
} from '../../../src/server/postgres-store.js';
import { database } from './postgres.js';
import { customerStoreContract, update } from './store-contract.js';

customerStoreContract('postgresCustomerStore', {
  open: async (name, options) => openPostgresCustomerStore({ connectionString: await database(name), ...options }),
});

describe('postgresCustomerStore', () => {
  test('migrations are versioned, recorded once, and safe to run twice at once', async () => {
    const url = await database('migrations', { migrate: false });
    const pool = new pg.Pool({ connectionString: url });
    try {
      assert.equal(await schemaVersion(pool), 0);
      await assert.rejects(openPostgresCustomerStore({ connectionString: url }), /schema version 0.*migrate/);
      const runs = await Promise.all([migratePostgres(pool), migratePostgres(pool)]);
      assert.deepEqual(runs.flat(), Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
      assert.deepEqual(await migratePostgres(pool), []);
      const { rows } = await pool.query('SELECT version, name FROM omneo_pos_kit_migrations ORDER BY version');
      assert.equal(rows.length, SCHEMA_VERSION);
      const store = await openPostgresCustomerStore({ connectionString: url });
      await store.close();
    } finally {
      await pool.end();
    }
  });

  test('omneo-pos-kit migrate: creates the schema once, says so, and refuses a bad URL', async () => {
    const { runMigrateCommand } = await import('../../../src/cli/migrate.js');
    const url = await database('cli', { migrate: false });
    const lines: string[] = [];
    const io = { env: {}, out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    assert.equal(await runMigrateCommand(['--database-url', url], io), 0, lines.join('\n'));
    assert.match(lines.at(-1) ?? '', new RegExp(`applied 1.*version ${SCHEMA_VERSION}`));
    assert.equal(await runMigrateCommand([], { ...io, env: { DATABASE_URL: url } }), 0);
    assert.match(lines.at(-1) ?? '', /already at version/);
    assert.equal(await runMigrateCommand(['--database-url', 'postgres://u:pw@host:badport/db'], io), 2);
    assert.match(lines.at(-1) ?? '', /migrate: The database URL is not a URL/);
    assert.equal(await runMigrateCommand(['--database-url', 'postgres://postgres@127.0.0.1:1/none'], io), 1);
  });

  test('a malformed connection string is refused before any connection, with a message that says why', async () => {
    for (const bad of ['', 'not a url', 'mysql://u@h/db', 'postgres://u:secret@h:99999/db']) {
      assert.throws(() => postgresCustomerStore({ connectionString: bad }), DatabaseUrlError, bad);
      await assert.rejects(openPostgresCustomerStore({ connectionString: bad }), DatabaseUrlError, bad);
    }
    assert.throws(() => postgresCustomerStore({ connectionString: 'postgres://u:secret@h:99999/db' }), (e: Error) => !e.message.includes('secret'));
  });

  test('a database that is down rejects the write (no false success), and the store reconnects by itself', async () => {
    const url = await database('outage');
    const store = await openPostgresCustomerStore({ connectionString: url });
    const admin = new pg.Client(url);
    await admin.connect();
    try {
      await store.upsert(update(1, 0));
      // Every connection to this database is cut, as a server restart would.
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
      // The pool may hand out a dead connection once: the call fails, the next one reconnects.
      const results = [];
      for (let i = 1; i <= 3; i++) results.push(await store.upsert(update(1, i)).then((r) => r.outcome, () => 'failed'));
      assert.equal(results.at(-1), 'updated', results.join());
      assert.equal((await store.get(update(1, 0).profileId))?.updatedAt, update(1, 3).updatedAt);
      // Writes refused by the database (here: the database made read-only) reject too.
      await admin.query(`ALTER DATABASE "${new URL(url).pathname.slice(1)}" SET default_transaction_read_only = on`);
      const readOnly = await openPostgresCustomerStore({ connectionString: url });
      await assert.rejects(readOnly.upsert(update(1, 10)), /read-only/);
      await readOnly.close();
      await admin.query(`ALTER DATABASE "${new URL(url).pathname.slice(1)}" RESET default_transaction_read_only`);
    } finally {
      await admin.end();
      await store.close();
    }
  });

  test('group commit: writes asked for together commit together, and one that fails costs only itself', async () => {
    const url = await database('groups');
    const store = await openPostgresCustomerStore({ connectionString: url });
    const observer = new pg.Client(url);
    await observer.connect();
    try {
      const xact = async () => Number((await observer.query("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")).rows[0].xact_commit);
      const before = await xact();
      const results = await Promise.allSettled([
        store.upsert(update(30, 0)),
        store.upsert({ ...update(31, 0), updatedAtMs: Number.NaN }),
        store.upsert(update(32, 0)),
        store.markDeleted(update(33, 0).profileId),
      ]);
      assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      assert.equal((await store.get(update(30, 0).profileId))?.updatedAt, update(30, 0).updatedAt);
      assert.equal((await store.get(update(32, 0).profileId))?.updatedAt, update(32, 0).updatedAt);
      assert.equal(await store.get(update(31, 0).profileId), null);
      // Counted by the statistics collector a moment later.
      await new Promise((resolve) => setTimeout(resolve, 700));
      await observer.query('SELECT pg_stat_clear_snapshot()');
      // One rolled-back group, then each write on its own: far fewer commits than one a write.
      assert.ok((await xact()) - before <= 8, `commits: ${(await xact()) - before}`);
    } finally {
      await observer.end();
      await store.close();
    }
  });

  test('an unreachable server rejects within the connection timeout', async () => {
    const store = postgresCustomerStore({ connectionString: 'postgres://postgres@127.0.0.1:1/none' });
    await assert.rejects(store.upsert(update(1, 0)), /ECONNREFUSED|connect/);
    await store.close();
  });
});
