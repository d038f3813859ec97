/**
 * The SQLite customer store: the shared CustomerStore contract (store-contract.ts), then what is
 * SQLite's own: file settings, atomic upserts across processes, refused merges writing nothing.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { sqliteCustomerStore } from '../../../src/server/sqlite-store.js';
import type { CustomerUpdate } from '../../../src/server/types.js';
import { omneoTime, profileId, tempDir } from './fixtures.js';
import { customerStoreContract } from './store-contract.js';

const temp = tempDir();
after(() => temp.remove());

customerStoreContract('sqliteCustomerStore', {
  open: async (name, options) => sqliteCustomerStore(temp.path(`${name}.db`), options),
});

describe('sqliteCustomerStore', () => {
  test('uses WAL, assigns POS ids with the given function, and closes', async () => {
    const path = temp.path('settings.db');
    const store = sqliteCustomerStore(path, { newPosCustomerId: () => 'POS-1' });
    const { customer } = await store.upsert({
      profileId: profileId(1), firstName: null, lastName: null, name: null, email: null, phone: null,
      tier: null, balance: null, updatedAt: omneoTime(0), updatedAtMs: 0, posCustomerIds: [],
    });
    assert.equal(customer?.posCustomerId, 'POS-1');
    assert.equal((await store.getByPosId('POS-1'))?.profileId, profileId(1));
    assert.equal(await store.getByPosId('POS-2'), null);
    assert.equal(await store.get(profileId(2)), null);
    await store.close();
    await store.close();
    await assert.rejects(store.get(profileId(1)));
    const db = new Database(path, { readonly: true });
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    db.close();
  });

  test('concurrent writers in separate processes lose no update: the newest wins', async () => {
    const path = temp.path('processes.db');
    await sqliteCustomerStore(path).close(); // create the file once, before the writers race
    const worker = fileURLToPath(new URL('./upsert-worker.ts', import.meta.url));
    const writers = 3;
    const perWriter = 100;
    const children = Array.from({ length: writers }, (_, w) => {
      // Writer w sends w, w+3, w+6, ... in increasing order: while the writers overlap, each
      // delivery is newer than some stored rows and older than others.
      const mine = Array.from({ length: perWriter }, (_, i) => i * writers + w).join(',');
      const child = spawn(process.execPath, ['--import', 'tsx', worker, path, profileId(1), mine], {
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      let output = '';
      child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
      const exited = once(child, 'exit');
      const ready = new Promise<void>((resolve) => child.stdout.on('data', () => output.startsWith('ready\n') && resolve()));
      return { child, ready, done: exited.then(([code]) => ({ code, output })) };
    });
    await Promise.all(children.map((c) => c.ready));
    for (const { child } of children) child.stdin?.end('go\n');

    const totals: Record<string, number> = {};
    for (const { done } of children) {
      const { code, output } = await done;
      assert.equal(code, 0, output);
      const outcomes = JSON.parse(output.slice('ready\n'.length)) as Record<string, number>;
      for (const [outcome, n] of Object.entries(outcomes)) totals[outcome] = (totals[outcome] ?? 0) + n;
    }
    assert.equal(Object.values(totals).reduce((a, b) => a + b, 0), writers * perWriter);
    assert.equal(totals['created'], 1);
    const store = sqliteCustomerStore(path);
    const customer = await store.get(profileId(1));
    await store.close();
    const newest = writers * perWriter - 1;
    assert.equal(customer?.updatedAt, omneoTime(newest));
    assert.equal(customer?.email, `v${newest}@example.com`);
    assert.deepEqual(customer?.balance, { rewardCents: newest, points: newest, combinedCents: newest });
  });

  test('merges are refused, writing nothing, when a record would end up merged into itself', async () => {
    const path = temp.path('cycles.db');
    const store = sqliteCustomerStore(path);
    const observer = new Database(path, { readonly: true });
    const version = () => observer.pragma('data_version', { simple: true }) as number;
    try {
      await store.upsert(update(20, 0));
      await store.upsert(update(21, 0));
      const first = await store.merge(update(20, 10), [profileId(21)]);
      assert.equal(first.outcome, 'applied');
      const before = version();
      const second = await store.merge(update(21, 20), [profileId(20)]);
      assert.equal(second.outcome, 'refused');
      assert.equal(version(), before, 'nothing was written');
      assert.equal((await store.get(profileId(21)))?.mergedInto, profileId(20));
      assert.equal((await store.get(profileId(20)))?.status, 'active');

      const followed = await store.merge(update(21, 30), [profileId(22)]);
      assert.ok(followed.outcome === 'applied');
      assert.equal(followed.target, profileId(20));
      assert.equal(followed.survivor.outcome, 'ignored-merged');
    } finally {
      observer.close();
      await store.close();
    }
  });
});

/** A bare customer update of profile `n` at `omneoTime(seconds)`. */
function update(n: number, seconds: number): CustomerUpdate {
  return {
    profileId: profileId(n), firstName: null, lastName: null, name: null, email: `p${n}@example.com`, phone: null,
    tier: null, balance: null, updatedAt: omneoTime(seconds), updatedAtMs: seconds * 1000, posCustomerIds: [],
  };
}
