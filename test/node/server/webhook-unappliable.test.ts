/**
 * Signed deliveries the receiver cannot apply: kept whole in the store and answered 2xx, so that
 * Omneo stops retrying what a retry cannot fix and nothing signed is lost. Timestamps included:
 * an `updated_at` that is not a real date, or is far in the future, is never stored as data.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createProfileWebhookHandler } from '../../../src/server/handler.js';
import { signWebhookBody } from '../../../src/server/signature.js';
import type { CustomerStore } from '../../../src/server/types.js';
import { SECRET, delivery, profileId } from './fixtures.js';
import { omneoDeleted, omneoProfile } from './omneo-payloads.js';
import { NOW, useReceiver } from './receiver.js';

const receiver = useReceiver();
const { send } = receiver;
const encoder = new TextEncoder();

/** `updated_at` `ms` after the receiver's clock, in Omneo's format. */
function fromNow(ms: number): string {
  return new Date(NOW + ms).toISOString().slice(0, 19).replace('T', ' ');
}

describe('a signed delivery that cannot be applied', () => {
  const cases: [string, string | Record<string, unknown>, string, string[]][] = [
    ['malformed JSON', '{"id": "00000000-0000-4000-8000-000000000001", "email": "grace@', 'not-json', ['']],
    ['a JSON array', '[1, 2]', 'not-a-profile', ['']],
    ['a profile without an id', omneoProfile(1, 0, { id: undefined }), 'not-a-profile', ['id']],
    ['a field that fails the schema', { data: omneoProfile(1, 0, { reward_balance: 'lots' }) }, 'invalid-profile', ['data.reward_balance']],
    ['no updated_at', omneoProfile(1, 0, { updated_at: null }), 'invalid-updated-at', ['updated_at']],
  ];
  for (const [name, body, reason, paths] of cases) {
    test(`${name}: kept whole with its reason and answered 202; nothing applied`, async () => {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const res = await send('profile.updated', text);
      assert.equal(res.status, 202);
      assert.equal(res.body['outcome'], 'kept-unappliable');
      assert.equal(res.body['reason'], reason);
      assert.deepEqual((res.body['issues'] as { path: string }[]).map((i) => i.path), paths);
      assert.equal(receiver.rowCount(), 0);

      const [kept, ...more] = await receiver.store.listUnappliable();
      assert.equal(more.length, 0);
      assert.deepEqual(kept?.body, encoder.encode(text), 'the raw body, byte for byte');
      assert.equal(kept?.event, 'profile.updated');
      assert.equal(kept?.reason, reason);
      assert.equal(kept?.receivedAt, new Date(NOW).toISOString());
      assert.equal(receiver.events[0]?.outcome, 'kept-unappliable');
      assert.equal(receiver.events[0]?.reason, reason);
    });
  }

  test('the answer and onEvent never echo the body (JSON.parse would quote it)', async () => {
    const res = await send('profile.updated', '{"email": "grace@example.com", oops}');
    assert.equal(res.body['reason'], 'not-json');
    const told = JSON.stringify([res.body, receiver.events]);
    assert.ok(!told.includes('grace@example.com'), told);
  });

  test('a body that is not UTF-8 is kept byte for byte', async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    const response = await receiver.handle(await signedBytes('profile.created', bytes));
    assert.equal(response.status, 202);
    const [kept] = await receiver.store.listUnappliable();
    assert.equal(kept?.reason, 'not-utf8');
    assert.deepEqual(kept?.body, bytes);
  });

  test('the same delivery twice is kept once', async () => {
    const body = omneoProfile(1, 0, { updated_at: 'yesterday' });
    assert.equal((await send('profile.updated', body)).status, 202);
    assert.equal((await send('profile.updated', body)).status, 202);
    assert.equal((await receiver.store.listUnappliable()).length, 1);
  });

  test('the profile id is kept with it when it could be read', async () => {
    await send('profile.updated', omneoProfile(1, 0, { email: 42, tier: 'gold' }));
    assert.equal((await receiver.store.listUnappliable())[0]?.profileId, profileId(1));
  });

  test('a store that cannot keep it answers 503 with Retry-After, so Omneo retries', async () => {
    const failing = {
      ...receiver.store,
      keepUnappliable: () => Promise.reject(new Error('disk full')),
    } satisfies CustomerStore;
    const handle = createProfileWebhookHandler({ secret: SECRET, store: failing, now: () => NOW });
    const response = await handle(await delivery('profile.updated', '{'));
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('retry-after'), '5');
  });
});

describe('updated_at', () => {
  for (const value of ['2026-13-45 99:99:99', '2026-02-30 10:00:00', '2026-11-25 24:00:00', '0099-01-01 00:00:00']) {
    test(`${value} is not a date: kept aside, not stored`, async () => {
      const res = await send('profile.created', omneoProfile(1, 0, { updated_at: value }));
      assert.equal(res.status, 202);
      assert.equal(res.body['reason'], 'invalid-updated-at');
      assert.equal(await receiver.store.get(profileId(1)), null);
    });
  }

  test('9999-12-31 cannot freeze a record: refused, and later updates still apply', async () => {
    await send('profile.created', omneoProfile(1, 0));
    const version = receiver.dataVersion();
    const frozen = await send('profile.updated', omneoProfile(1, 0, { updated_at: '9999-12-31 23:59:59', email: 'x@example.com' }));
    assert.equal(frozen.status, 202);
    assert.equal(frozen.body['reason'], 'future-updated-at');
    assert.equal((await receiver.store.get(profileId(1)))?.email, 'grace1@example.com');
    assert.ok(receiver.dataVersion() > version, 'only the kept delivery was written');

    const next = await send('profile.updated', omneoProfile(1, 60, { email: 'next@example.com' }));
    assert.equal(next.body['outcome'], 'updated');
    assert.equal((await receiver.store.get(profileId(1)))?.email, 'next@example.com');
  });

  test('more than a day ahead of the receiver is refused; a little clock skew is not', async () => {
    const ahead = await send('profile.created', omneoProfile(1, 0, { updated_at: fromNow(25 * 3_600_000) }));
    assert.equal(ahead.body['reason'], 'future-updated-at');
    const skewed = await send('profile.created', omneoProfile(2, 0, { updated_at: fromNow(5 * 60_000) }));
    assert.equal(skewed.body['outcome'], 'created');
  });

  test('the margin is configurable', async () => {
    const handle = createProfileWebhookHandler({ secret: SECRET, store: receiver.store, now: () => NOW, maxUpdatedAtAheadMs: 1000 });
    const response = await handle(await delivery('profile.created', omneoProfile(1, 0, { updated_at: fromNow(60_000) })));
    assert.equal(((await response.json()) as { reason: string }).reason, 'future-updated-at');
  });

  test('a delete needs no updated_at at all', async () => {
    await send('profile.created', omneoProfile(1, 0));
    const res = await send('profile.deleted', omneoDeleted(1));
    assert.equal(res.body['outcome'], 'deleted');
  });
});

/** A signed request whose body is exactly `bytes`. */
async function signedBytes(event: string, bytes: Uint8Array<ArrayBuffer>): Promise<Request> {
  return new Request('http://pos.test/webhooks/omneo', {
    method: 'POST',
    headers: { 'x-omneo-event': event, 'x-omneo-hmac-sha256': await signWebhookBody(SECRET, bytes) },
    body: bytes,
  });
}
