/**
 * The {@link CustomerStore} contract, as one suite every store runs (sqlite-store.test.ts,
 * postgres-store.test.ts): newest `updated_at` wins whatever the arrival order, a replay changes
 * nothing, merges and deletes are final, the POS customer id never changes, merge cycles are
 * refused writing nothing, unappliable deliveries are kept once, and concurrent writers through
 * separate connections lose nothing.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CustomerStore, CustomerUpdate, UnappliableDelivery } from '../../../src/server/types.js';
import { omneoTime, profileId, shuffled } from './fixtures.js';

export interface StoreUnderTest {
  /**
   * Opens the store named `name`: the same name opens the same data again (another connection,
   * as another receiver would), a new name a fresh, empty store.
   */
  open: (name: string, options?: { newPosCustomerId?: () => string }) => Promise<CustomerStore>;
}

/** Profile `n` at `omneoTime(seconds)`, with data that says which delivery wrote it. */
export function update(n: number, seconds: number, extra: Partial<CustomerUpdate> = {}): CustomerUpdate {
  return {
    profileId: profileId(n), firstName: 'Ada', lastName: `L${seconds}`, name: `Ada L${seconds}`,
    email: `p${n}.${seconds}@example.com`, phone: null, tier: { name: 'Gold', handle: 'gold' },
    balance: { rewardCents: seconds, points: seconds + 0.5, combinedCents: seconds * 2 },
    updatedAt: omneoTime(seconds), updatedAtMs: Date.UTC(2026, 10, 25, 10) + seconds * 1000, posCustomerIds: [],
    ...extra,
  };
}

export function customerStoreContract(label: string, subject: StoreUnderTest): void {
  let opened = 0;
  /** A fresh store for one test, closed by the returned function. */
  async function fresh(options?: { newPosCustomerId?: () => string }) {
    const name = `contract_${++opened}`;
    const store = await subject.open(name, options);
    return { store, name };
  }

  describe(`${label}: the CustomerStore contract`, () => {
    test('the newest updated_at wins whatever the arrival order; replays change nothing', async () => {
      const { store } = await fresh();
      try {
        const order = shuffled(Array.from({ length: 30 }, (_, i) => i), 7);
        const outcomes = [];
        for (const s of [...order, ...order]) outcomes.push((await store.upsert(update(1, s))).outcome);
        assert.equal(outcomes.filter((o) => o === 'created').length, 1);
        assert.ok(outcomes.slice(30).every((o) => o === 'ignored-stale' || o === 'unchanged'), outcomes.join());
        const stored = await store.get(profileId(1));
        assert.equal(stored?.updatedAt, omneoTime(29));
        assert.equal(stored?.email, 'p1.29@example.com');
        assert.deepEqual(stored?.balance, { rewardCents: 29, points: 29.5, combinedCents: 58 });
        assert.deepEqual(stored?.tier, { name: 'Gold', handle: 'gold' });
        assert.equal((await store.upsert(update(1, 29))).outcome, 'unchanged');
        assert.equal((await store.upsert(update(1, 28))).outcome, 'ignored-stale');
        // Same second, other data: the later delivery wins (Omneo's one-second resolution).
        assert.equal((await store.upsert(update(1, 29, { email: 'late@example.com' }))).outcome, 'updated');
        assert.equal((await store.get(profileId(1)))?.email, 'late@example.com');
      } finally {
        await store.close();
      }
    });

    test('a delivery without balances keeps the stored snapshot; tier null is stored as null', async () => {
      const { store } = await fresh();
      try {
        await store.upsert(update(2, 0));
        const { outcome, customer } = await store.upsert(update(2, 1, { balance: null, tier: null }));
        assert.equal(outcome, 'updated');
        assert.deepEqual(customer?.balance, { rewardCents: 0, points: 0.5, combinedCents: 0 });
        assert.equal(customer?.tier, null);
        assert.equal((await store.upsert(update(2, 1, { balance: null, tier: null }))).outcome, 'unchanged');
      } finally {
        await store.close();
      }
    });

    test('the POS id is the first one no one uses, else a new one, and never changes', async () => {
      let next = 0;
      const { store } = await fresh({ newPosCustomerId: () => `NEW-${++next}` });
      try {
        const first = await store.upsert(update(3, 0, { posCustomerIds: ['POS-A', 'POS-B'] }));
        assert.equal(first.customer?.posCustomerId, 'POS-A');
        const second = await store.upsert(update(4, 0, { posCustomerIds: ['POS-A', 'POS-B'] }));
        assert.equal(second.customer?.posCustomerId, 'POS-B');
        const third = await store.upsert(update(5, 0, { posCustomerIds: ['POS-A'] }));
        assert.match(third.customer?.posCustomerId ?? '', /^NEW-\d+$/);
        const later = await store.upsert(update(3, 10, { posCustomerIds: ['POS-Z'] }));
        assert.equal(later.customer?.posCustomerId, 'POS-A');
        assert.equal((await store.getByPosId('POS-B'))?.profileId, profileId(4));
        assert.equal(await store.getByPosId('POS-Z'), null);
        assert.equal(await store.get(profileId(99)), null);
      } finally {
        await store.close();
      }
    });

    test('deletes are final, keep both ids, clear the personal fields, and outlive late creates', async () => {
      const { store } = await fresh();
      try {
        const created = await store.upsert(update(6, 0));
        const deleted = await store.markDeleted(profileId(6));
        assert.equal(deleted.outcome, 'deleted');
        assert.equal(deleted.customer?.status, 'deleted');
        assert.equal(deleted.customer?.posCustomerId, created.customer?.posCustomerId);
        assert.equal(deleted.customer?.email, null);
        assert.equal(deleted.customer?.balance, null);
        assert.equal((await store.markDeleted(profileId(6))).outcome, 'unchanged');
        assert.equal((await store.upsert(update(6, 100))).outcome, 'ignored-deleted');
        // A profile the store never had: remembered (a tombstone no lookup sees), so a late create stays out.
        assert.deepEqual(await store.markDeleted(profileId(7)), { outcome: 'deleted', customer: null });
        assert.equal((await store.upsert(update(7, 0))).outcome, 'ignored-deleted');
        assert.equal(await store.get(profileId(7)), null);
      } finally {
        await store.close();
      }
    });

    test('merges are final and one hop; records keep their POS ids; cycles are refused writing nothing', async () => {
      const { store } = await fresh();
      try {
        const a = await store.upsert(update(10, 0));
        const b = await store.upsert(update(11, 0));
        await store.upsert(update(12, 0));
        const first = await store.merge(update(11, 5), [profileId(10)]);
        assert.ok(first.outcome === 'applied');
        assert.equal(first.target, profileId(11));
        assert.deepEqual(first.repointed.map((r) => r.posCustomerId), [a.customer?.posCustomerId]);
        // 11 is merged into 12: 10, merged into 11 before, now points at 12 too (one hop).
        const second = await store.merge(update(12, 6), [profileId(11)]);
        assert.ok(second.outcome === 'applied');
        assert.equal((await store.get(profileId(10)))?.mergedInto, profileId(12));
        const eleven = await store.get(profileId(11));
        assert.equal(eleven?.status, 'merged');
        assert.equal(eleven?.posCustomerId, b.customer?.posCustomerId);
        assert.equal((await store.upsert(update(11, 100))).outcome, 'ignored-merged');
        assert.equal((await store.markDeleted(profileId(11))).outcome, 'unchanged');
        // Replaying the merge changes nothing.
        const replay = await store.merge(update(12, 6), [profileId(11)]);
        assert.ok(replay.outcome === 'applied');
        assert.deepEqual(replay.repointed, []);
        assert.equal(replay.survivor.outcome, 'unchanged');
        // 12 into 10 would point 10 at itself: refused, nothing written.
        const before = await store.get(profileId(12));
        const cycle = await store.merge(update(10, 50), [profileId(12)]);
        assert.equal(cycle.outcome, 'refused');
        assert.deepEqual(await store.get(profileId(12)), before);
        // A merge into a merged-away survivor follows the chain.
        const followed = await store.merge(update(11, 60), [profileId(13)]);
        assert.ok(followed.outcome === 'applied');
        assert.equal(followed.target, profileId(12));
        assert.equal(followed.survivor.outcome, 'ignored-merged');
        assert.equal(await store.get(profileId(13)), null, 'an unknown merged profile is a tombstone');
        assert.equal((await store.upsert(update(13, 0))).outcome, 'ignored-merged');
      } finally {
        await store.close();
      }
    });

    test('keeps unappliable deliveries byte for byte, once per event and body, across reopening', async () => {
      const { store, name } = await fresh();
      const body = new Uint8Array([0x7b, 0xff, 0x00, 0x7d]);
      const kept: UnappliableDelivery = {
        event: 'profile.updated', profileId: null, reason: 'not-utf8', issues: [{ path: 'updated_at', message: 'bad' }],
        body, receivedAt: '2026-11-26T10:00:00.000Z',
      };
      assert.deepEqual(await store.keepUnappliable(kept), { outcome: 'kept' });
      assert.deepEqual(await store.keepUnappliable({ ...kept, receivedAt: '2026-11-26T10:05:00.000Z' }), { outcome: 'unchanged' });
      assert.deepEqual(await store.keepUnappliable({ ...kept, event: 'profile.created' }), { outcome: 'kept' });
      await store.close();
      await store.close();
      await assert.rejects(store.get(profileId(1)));
      const again = await subject.open(name);
      try {
        const list = await again.listUnappliable();
        assert.deepEqual(list.map(({ id: _, ...rest }) => rest), [kept, { ...kept, event: 'profile.created' }]);
        assert.ok((list[0]?.id ?? 0) < (list[1]?.id ?? 0));
      } finally {
        await again.close();
      }
    });

    test('writers on separate connections at once lose nothing: the newest wins, one record, one POS id', async () => {
      const { store, name } = await fresh();
      const writers = await Promise.all([1, 2, 3].map(() => subject.open(name)));
      try {
        const seconds = shuffled(Array.from({ length: 60 }, (_, i) => i), 3);
        const outcomes = await Promise.all(
          seconds.map((s, i) => (writers[i % writers.length] as CustomerStore).upsert(update(20, s, { posCustomerIds: ['POS-20'] }))),
        );
        assert.equal(outcomes.filter((r) => r.outcome === 'created').length, 1);
        const stored = await store.get(profileId(20));
        assert.equal(stored?.updatedAt, omneoTime(59));
        assert.equal(stored?.email, 'p20.59@example.com');
        assert.equal(stored?.posCustomerId, 'POS-20');
        // Deletes and updates racing: the delete is final whatever the order.
        await Promise.all([
          ...Array.from({ length: 10 }, (_, i) => (writers[i % 3] as CustomerStore).upsert(update(20, 100 + i))),
          (writers[1] as CustomerStore).markDeleted(profileId(20)),
        ]);
        assert.equal((await store.get(profileId(20)))?.status, 'deleted');
      } finally {
        await Promise.all(writers.map((w) => w.close()));
        await store.close();
      }
    });
  });
}
