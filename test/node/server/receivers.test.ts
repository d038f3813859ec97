/**
 * Several receivers (scripts/webhook-server.ts processes) writing to one store at once, and a
 * receiver killed with SIGKILL mid-burst: for a SQLite file and for a real PostgreSQL.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { openPostgresCustomerStore } from '../../../src/server/postgres-store.js';
import { sqliteCustomerStore } from '../../../src/server/sqlite-store.js';
import type { CustomerStore } from '../../../src/server/types.js';
import { omneoTime, profileId, shuffled, tempDir } from './fixtures.js';
import { omneoDeleted, omneoMerged, omneoProfile } from './omneo-payloads.js';
import { database } from './postgres.js';
import { pooled, post, startServer, type ServerProcess } from './server-process.js';

const temp = tempDir();
after(() => temp.remove());

interface Backend {
  label: string;
  /** Server args and env for the store named `name`. */
  serve: (name: string) => Promise<{ args: string[]; env: Record<string, string> }>;
  open: (name: string) => Promise<CustomerStore>;
}

const backends: Backend[] = [
  {
    label: 'SQLite file',
    serve: async (name) => ({ args: ['--store', 'sqlite'], env: { CUSTOMER_DB: temp.path(`${name}.db`) } }),
    open: async (name) => sqliteCustomerStore(temp.path(`${name}.db`)),
  },
  {
    label: 'PostgreSQL',
    serve: async (name) => ({ args: ['--store', 'postgres', '--database-url', await database(name)], env: {} }),
    open: async (name) => openPostgresCustomerStore({ connectionString: await database(name) }),
  },
];

async function start(backend: Backend, name: string, workers: number): Promise<ServerProcess> {
  const { args, env } = await backend.serve(name);
  return startServer([...args, '--workers', String(workers)], env);
}

async function stop(server: ServerProcess): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exited;
}

for (const backend of backends) {
  describe(`${backend.label}: receivers at once`, () => {
    test('two receivers (one of them two workers) take interleaved deliveries for the same profiles: the final rows are the newest', async () => {
      const name = 'two_receivers';
      const first = await start(backend, name, 1);
      const second = await start(backend, name, 2);
      try {
        // Profiles 1-4, 25 versions each; profile 3 deleted and profile 4 merged into 2 along the way.
        const deliveries: { event: string; body: unknown }[] = [];
        for (let n = 1; n <= 4; n++) for (let s = 0; s < 25; s++) deliveries.push({ event: 'profile.updated', body: omneoProfile(n, s) });
        deliveries.push({ event: 'profile.deleted', body: omneoDeleted(3) });
        deliveries.push({ event: 'profile.merged', body: omneoMerged(2, [4], 12) });
        const order = shuffled(deliveries, 11);
        const statuses = await pooled(
          order.map((d, i) => () => post((i % 2 ? second : first).url, d.event, d.body)),
          16,
        );
        assert.ok(statuses.every((s) => s === 200), statuses.join());
      } finally {
        await Promise.all([stop(first), stop(second)]);
      }
      const store = await backend.open(name);
      try {
        for (const n of [1, 2]) {
          const record = await store.get(profileId(n));
          assert.equal(record?.status, 'active');
          assert.equal(record?.updatedAt, omneoTime(24), `profile ${n}`);
          assert.equal(record?.lastName, `Hopper ${n}`);
        }
        assert.equal((await store.get(profileId(3)))?.status, 'deleted');
        assert.equal((await store.get(profileId(3)))?.email, null);
        const merged = await store.get(profileId(4));
        assert.equal(merged?.status, 'merged');
        assert.equal(merged?.mergedInto, profileId(2));
      } finally {
        await store.close();
      }
    });

    test('SIGKILL mid-burst: every delivery answered 2xx is in the store after restart, and retries change nothing', async () => {
      const name = 'killed';
      let server = await start(backend, name, 1);
      const count = 400;
      const answered: number[] = [];
      let killed = false;
      const statuses = await pooled(
        Array.from({ length: count }, (_, i) => async () => {
          const status = await post(server.url, 'profile.created', omneoProfile(100 + i, i));
          if (status >= 200 && status < 300) answered.push(i);
          if (answered.length === 120 && !killed) {
            killed = true;
            server.child.kill('SIGKILL');
          }
          return status;
        }),
        24,
      );
      assert.ok(killed);
      assert.equal(await server.exited, 'SIGKILL');
      const unanswered = statuses.map((s, i) => (s >= 200 && s < 300 ? -1 : i)).filter((i) => i >= 0);
      assert.ok(unanswered.length > 0, 'the kill landed mid-burst');
      assert.ok(statuses.every((s) => s === 0 || s === 200), statuses.join());

      const store = await backend.open(name);
      try {
        for (const i of answered) {
          const record = await store.get(profileId(100 + i));
          assert.equal(record?.updatedAt, omneoTime(i), `delivery ${i} was answered ${statuses[i]} but is not stored`);
        }
      } finally {
        await store.close();
      }
      // Omneo retries what was not answered (and, here, what was): each lands once.
      server = await start(backend, name, 1);
      try {
        const retried = await pooled(
          Array.from({ length: count }, (_, i) => () => post(server.url, 'profile.created', omneoProfile(100 + i, i))),
          24,
        );
        assert.ok(retried.every((s) => s === 200), retried.join());
      } finally {
        await stop(server);
      }
      const after = await backend.open(name);
      try {
        for (let i = 0; i < count; i += 7) assert.equal((await after.get(profileId(100 + i)))?.updatedAt, omneoTime(i));
      } finally {
        await after.close();
      }
    });
  });
}

describe('PostgreSQL: bad configuration and outages', () => {
  test('a malformed connection string stops the server at start with a clear message', async () => {
    await assert.rejects(
      startServer(['--store', 'postgres', '--database-url', 'postgres://u:hunter2@db:notaport/x'], {}),
      (error: Error) => /cannot open the postgres customer store: .*not a URL/.test(error.message) && !error.message.includes('hunter2'),
    );
    await assert.rejects(startServer(['--store', 'postgres'], { DATABASE_URL: '' }), /No database URL given/);
  });

  test('a database that stops answering turns deliveries into 503 (never 2xx), and the receiver recovers by itself', async () => {
    const url = await database('outage_server');
    const server = await startServer(['--store', 'postgres', '--database-url', url, '--workers', '1'], {});
    const pg = (await import('pg')).default;
    const admin = new pg.Client(url);
    await admin.connect();
    const dbName = new URL(url).pathname.slice(1);
    try {
      assert.equal(await post(server.url, 'profile.created', omneoProfile(1, 0)), 200);
      // Refuse writes, then cut every connection, as a failover would.
      await admin.query(`ALTER DATABASE "${dbName}" SET default_transaction_read_only = on`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
      const during = await Promise.all([1, 2, 3].map((s) => post(server.url, 'profile.updated', omneoProfile(1, s))));
      assert.deepEqual(during, [503, 503, 503]);
      await admin.query(`ALTER DATABASE "${dbName}" RESET default_transaction_read_only`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
      const results = [];
      for (let s = 4; s <= 6; s++) results.push(await post(server.url, 'profile.updated', omneoProfile(1, s)));
      assert.equal(results.at(-1), 200, results.join());
      assert.ok(results.every((s) => s === 200 || s === 503), results.join());
      assert.match(server.output(), /503 error/);
    } finally {
      await admin.end();
      await stop(server);
    }
  });
});

describe('webhook-server workers and logging', () => {
  test('a worker that dies is replaced, and the port keeps answering', async () => {
    const server = await startServer(['--store', 'sqlite', '--workers', '2'], { CUSTOMER_DB: temp.path('replaced.db') });
    try {
      const workers = () => readFileSync(`/proc/${server.child.pid}/task/${server.child.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
      const before = workers();
      assert.equal(before.length, 2);
      process.kill(before[0] as number, 'SIGKILL');
      const deadline = Date.now() + 20_000;
      while (!(workers().length === 2 && !workers().includes(before[0] as number))) {
        assert.ok(Date.now() < deadline, `no replacement: ${server.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.match(server.output(), /worker \d+ exited \(SIGKILL\); starting another/);
      const statuses = await pooled(Array.from({ length: 20 }, (_, i) => () => post(server.url, 'profile.created', omneoProfile(300 + i, 0))), 4);
      assert.ok(statuses.every((s) => s === 200), statuses.join());
    } finally {
      await stop(server);
    }
  });

  test('at volume the log is a summary a second, not a line a delivery, and counts every delivery', async () => {
    const server = await startServer(['--store', 'sqlite', '--workers', '1'], { CUSTOMER_DB: temp.path('volume.db') });
    const count = 150;
    try {
      const statuses = await pooled(Array.from({ length: count }, (_, i) => () => post(server.url, 'profile.updated', omneoProfile(400 + (i % 10), i))), 16);
      assert.ok(statuses.every((s) => s === 200));
    } finally {
      await stop(server);
    }
    const lines = server.output().split('\n');
    const each = lines.filter((l) => / profile\.updated \S+ 200 /.test(l)).length;
    const summarised = lines
      .map((l) => / summary (\d+) more deliveries/.exec(l)?.[1])
      .filter((n): n is string => n !== undefined)
      .reduce((sum, n) => sum + Number(n), 0);
    assert.ok(each < count, `${each} lines for ${count} deliveries`);
    assert.equal(each + summarised, count, server.output());
  });
});
