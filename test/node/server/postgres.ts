/**
 * A PostgreSQL server for the tests: `DATABASE_URL` when it is set (a database the tests may
 * create other databases next to), else a temporary cluster started on first use and removed
 * when the test file ends (scripts/temp-postgres.ts). Each `database(name)` is a fresh,
 * migrated database of its own.
 */
import { after } from 'node:test';
import pg from 'pg';
import { migratePostgres } from '../../../src/server/postgres-migrations.js';
import { startTempPostgres } from '../../../scripts/temp-postgres.js';
import type { TempPostgres } from '../../../scripts/temp-postgres.js';

let server: Promise<TempPostgres | { url: string; urlOf: (db: string) => string; stop: () => void }> | undefined;
const created = new Set<string>();
/** Databases of this process get a prefix of their own, so test files can share a DATABASE_URL. */
const prefix = `omneo_t${process.pid}_`;

function start() {
  server ??= (async () => {
    const given = process.env['DATABASE_URL'];
    if (given) {
      const urlOf = (db: string) => Object.assign(new URL(given), { pathname: `/${db}` }).toString();
      return { url: given, urlOf, stop: () => undefined };
    }
    const temp = await startTempPostgres({ fsync: false });
    // Even when the test process ends without its `after` hooks (a failure, a timeout).
    process.once('exit', () => temp.stop());
    return temp;
  })();
  return server;
}

after(async () => {
  if (!server) return;
  const s = await server;
  if (process.env['DATABASE_URL']) {
    const admin = new pg.Client(s.url);
    await admin.connect();
    for (const db of created) await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    await admin.end();
  }
  s.stop();
});

/** The URL of database `name` (created and migrated on first use). */
export async function database(name: string, options: { migrate?: boolean } = {}): Promise<string> {
  const s = await start();
  const db = `${prefix}${name}`.toLowerCase();
  if (!created.has(db)) {
    const admin = new pg.Client(s.url);
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${db}"`);
    } finally {
      await admin.end();
    }
    created.add(db);
    if (options.migrate !== false) {
      const pool = new pg.Pool({ connectionString: s.urlOf(db) });
      await migratePostgres(pool);
      await pool.end();
    }
  }
  return s.urlOf(db);
}

/** The server's own URL (for killing connections, say). */
export async function serverUrl(): Promise<string> {
  return (await start()).url;
}
