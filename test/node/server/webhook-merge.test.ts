/**
 * Merges and deletes in Omneo's real payloads: lineage from `identities[].merged_from` (Omneo
 * has no `merged_profile_ids`), deletes that carry only the id, and merges that would form a
 * cycle.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { profileId, shuffled } from './fixtures.js';
import { omneoDeleted, omneoIdentity, omneoMerged, omneoProfile } from './omneo-payloads.js';
import { useReceiver } from './receiver.js';

const receiver = useReceiver();
const { send } = receiver;

async function posIdOf(n: number): Promise<string> {
  const customer = await receiver.store.get(profileId(n));
  assert.ok(customer, `profile ${n} has a record`);
  return customer.posCustomerId;
}

describe('merge lineage from identities[].merged_from', () => {
  test('the profiles named by merged_from are merged into the survivor', async () => {
    for (const n of [20, 21, 22]) await send('profile.created', omneoProfile(n, 0));
    const [pos20, pos21, pos22] = [await posIdOf(20), await posIdOf(21), await posIdOf(22)];
    const res = await send('profile.merged', omneoMerged(20, [21, 22], 10));
    assert.equal(res.status, 200);
    assert.equal(res.body['outcome'], 'merged');
    assert.equal(res.body['posCustomerId'], pos20);
    assert.deepEqual(res.body['mergedPosCustomerIds'], [pos21, pos22]);
    for (const [n, pos] of [[21, pos21], [22, pos22]] as const) {
      const record = await receiver.store.get(profileId(n));
      assert.deepEqual([record?.status, record?.mergedInto, record?.posCustomerId], ['merged', profileId(20), pos]);
    }
  });

  test('identities without merged_from, and the survivor\'s own id, name no merge', async () => {
    await send('profile.created', omneoProfile(21, 0));
    const own = omneoIdentity(5, profileId(20), 'pos-customer', 'POS-20', profileId(20));
    const moved = omneoIdentity(6, profileId(20), 'email', 'grace21@example.com', profileId(21));
    const res = await send('profile.merged', omneoProfile(20, 10, { identities: [own, moved, omneoIdentity(7, profileId(20), 'loyalty-card', '4000')] }));
    assert.equal(res.body['outcome'], 'merged');
    assert.deepEqual(res.body['mergedPosCustomerIds'], [await posIdOf(21)]);
    assert.equal((await receiver.store.get(profileId(20)))?.status, 'active');
  });

  test('merged_profile_ids is not Omneo\'s: a merge naming no merged_from is kept aside, nothing merged', async () => {
    await send('profile.created', omneoProfile(21, 0));
    const body = omneoProfile(20, 10, { merged_profile_ids: [profileId(21)] });
    const res = await send('profile.merged', body);
    assert.equal(res.status, 202);
    assert.equal(res.body['reason'], 'no-merge-lineage');
    assert.equal((await receiver.store.get(profileId(21)))?.status, 'active');
    assert.equal((await receiver.store.get(profileId(20))), null);
    assert.equal((await receiver.store.listUnappliable())[0]?.reason, 'no-merge-lineage');
  });

  test('a merged_from that is not a profile id is kept aside with where it was', async () => {
    const bad = omneoIdentity(6, profileId(20), 'email', 'x@example.com', 'profile-21');
    const res = await send('profile.merged', { data: omneoProfile(20, 10, { identities: [bad] }) });
    assert.equal(res.status, 202);
    assert.deepEqual((res.body['issues'] as { path: string }[]).map((i) => i.path), ['data.identities.0.merged_from']);
  });

  test('a profile merged before the POS heard of it cannot be created later', async () => {
    await send('profile.merged', omneoMerged(20, [21], 10));
    const late = await send('profile.created', omneoProfile(21, 0));
    assert.equal(late.body['outcome'], 'ignored-merged');
    assert.equal(await receiver.store.get(profileId(21)), null);
  });
});

describe('merge cycles', () => {
  test('21 into 20, then 20 into 21: the second is kept aside and no record is merged into itself', async () => {
    await send('profile.created', omneoProfile(20, 0));
    await send('profile.created', omneoProfile(21, 0));
    const [pos20, pos21] = [await posIdOf(20), await posIdOf(21)];
    await send('profile.merged', omneoMerged(20, [21], 10));
    const version = receiver.dataVersion();
    const res = await send('profile.merged', omneoMerged(21, [20], 20));
    assert.equal(res.status, 202);
    assert.equal(res.body['reason'], 'merge-cycle');
    assert.equal(receiver.dataVersion(), version + 1, 'one write: the kept delivery');
    const [r20, r21] = [await receiver.store.get(profileId(20)), await receiver.store.get(profileId(21))];
    assert.deepEqual([r20?.status, r20?.mergedInto, r20?.posCustomerId], ['active', null, pos20]);
    assert.deepEqual([r21?.status, r21?.mergedInto, r21?.posCustomerId], ['merged', profileId(20), pos21]);
  });

  test('the same, when the POS never had either profile', async () => {
    await send('profile.merged', omneoMerged(20, [21], 10));
    const res = await send('profile.merged', omneoMerged(21, [20], 20));
    assert.equal(res.body['reason'], 'merge-cycle');
    assert.equal((await receiver.store.get(profileId(20)))?.status, 'active');
  });

  test('a merge into a profile that was merged away follows the chain', async () => {
    for (const n of [20, 21, 22]) await send('profile.created', omneoProfile(n, 0));
    const [pos20, pos22] = [await posIdOf(20), await posIdOf(22)];
    await send('profile.merged', omneoMerged(20, [21], 10));
    const res = await send('profile.merged', omneoMerged(21, [22], 20));
    assert.equal(res.status, 200);
    assert.equal(res.body['mergedInto'], profileId(20));
    assert.equal(res.body['posCustomerId'], pos20);
    assert.deepEqual(res.body['mergedPosCustomerIds'], [pos22]);
    const r22 = await receiver.store.get(profileId(22));
    assert.deepEqual([r22?.status, r22?.mergedInto], ['merged', profileId(20)]);
    assert.equal((await receiver.store.get(profileId(21)))?.mergedInto, profileId(20));
  });

  test('whatever the order of many merges, every merged record points one hop to a record not merged', async () => {
    const ids = [1, 2, 3, 4, 5, 6];
    for (const n of ids) await send('profile.created', omneoProfile(n, 0));
    const pairs = ids.flatMap((a) => ids.filter((b) => b !== a).map((b) => [a, b] as const));
    for (const [step, [survivor, merged]] of shuffled(pairs, 7).entries()) {
      const res = await send('profile.merged', omneoMerged(survivor, [merged], 10 + step));
      assert.ok(res.status === 200 || res.body['reason'] === 'merge-cycle', JSON.stringify(res.body));
    }
    const records = await Promise.all(ids.map((n) => receiver.store.get(profileId(n))));
    const active = records.filter((r) => r?.status === 'active');
    assert.equal(active.length, 1, 'one survivor in the end');
    for (const record of records) {
      if (record?.status !== 'merged') continue;
      assert.notEqual(record.mergedInto, record.profileId);
      assert.equal((await receiver.store.get(record.mergedInto ?? ''))?.status, 'active');
    }
    assert.equal(new Set(records.map((r) => r?.posCustomerId)).size, ids.length, 'no POS id changed hands');
  });
});

describe('deletes', () => {
  test('a delete that carries only the id deletes', async () => {
    await send('profile.created', omneoProfile(20, 0));
    const res = await send('profile.deleted', omneoDeleted(20));
    assert.equal(res.body['outcome'], 'deleted');
    assert.equal((await receiver.store.get(profileId(20)))?.email, null);
  });

  test('a delete whose profile fields would fail the schema still deletes: only its id is read', async () => {
    await send('profile.created', omneoProfile(20, 0));
    const body = { data: omneoProfile(20, 30, { identities: [{ id: 'x', handle: null }], profile_type: 'deleted', updated_at: 'never' }) };
    const res = await send('profile.deleted', body);
    assert.equal(res.status, 200);
    assert.equal(res.body['outcome'], 'deleted');
    assert.equal((await receiver.store.get(profileId(20)))?.status, 'deleted');
  });
});
