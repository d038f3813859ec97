/**
 * The profile-sync webhook receiver, end to end on a real SQLite file: signed Web `Request`s in,
 * `Response`s and stored customer rows out.
 */
import assert from 'node:assert/strict';
import { after, afterEach, beforeEach, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { createProfileWebhookHandler } from '../../../src/server/handler.js';
import type { WebhookDelivery } from '../../../src/server/handler.js';
import { sqliteCustomerStore } from '../../../src/server/sqlite-store.js';
import type { CustomerStore } from '../../../src/server/types.js';
import { SECRET, delivery, omneoTime, profileBody, profileId, shuffled, tempDir } from './fixtures.js';
import { omneoMerged } from './omneo-payloads.js';
import { NOW } from './receiver.js';

const temp = tempDir();
after(() => temp.remove());

let dbPath: string;
let store: CustomerStore;
let handle: (request: Request) => Promise<Response>;
let events: WebhookDelivery[];
/** A second connection on the same file, to see what was committed and whether anything was. */
let observer: Database.Database;
let fileNumber = 0;

beforeEach(() => {
  dbPath = temp.path(`customers-${++fileNumber}.db`);
  store = sqliteCustomerStore(dbPath);
  events = [];
  handle = createProfileWebhookHandler({ secret: SECRET, store, now: () => NOW, onEvent: (e) => void events.push(e) });
  observer = new Database(dbPath, { readonly: true });
});
afterEach(async () => {
  observer.close();
  await store.close();
});

const rowCount = () => (observer.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
/** Changes whenever another connection commits a write to the file. */
const dataVersion = () => observer.pragma('data_version', { simple: true }) as number;

async function send(event: string | null, body: unknown, options?: Parameters<typeof delivery>[2]) {
  const response = await handle(await delivery(event, body, options));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('signature', () => {
  test('a signed profile.created is stored, and found both ways', async () => {
    const res = await send('profile.created', profileBody(1, 0));
    assert.equal(res.status, 200);
    assert.equal(res.body['outcome'], 'created');
    assert.equal(res.body['profileId'], profileId(1));
    const customer = await store.get(profileId(1));
    assert.ok(customer);
    assert.equal(res.body['posCustomerId'], customer.posCustomerId);
    assert.deepEqual(await store.getByPosId(customer.posCustomerId), customer);
    assert.equal(customer.name, 'Ada Lovelace 0');
    assert.equal(customer.email, 'ada1@example.com');
    assert.equal(customer.phone, '+61400000000');
    assert.deepEqual(customer.tier, { name: 'Gold', handle: 'gold' });
    assert.equal(customer.status, 'active');
    assert.equal(customer.updatedAt, omneoTime(0));
  });

  for (const [name, options] of [
    ['unsigned', { signature: null }],
    ['tampered after signing', { tamper: (body: string) => body.replace('Ada', 'Eve') }],
    ['signed with another secret', { secret: 'not-the-secret' }],
    ['signed with garbage', { signature: 'zz' }],
  ] as const) {
    test(`${name}: 401 and nothing stored`, async () => {
      const res = await send('profile.created', profileBody(1, 0), options);
      assert.equal(res.status, 401);
      assert.equal(typeof res.body['message'], 'string');
      assert.equal(rowCount(), 0);
      assert.deepEqual(await store.listUnappliable(), [], 'an unsigned body is not kept either');
      assert.equal(events[0]?.outcome, 'rejected-signature');
      assert.equal(events[0]?.profileId, null);
    });
  }

  test('an unsigned unknown event is 401, not 202: nothing is said before authentication', async () => {
    const res = await send('order.created', { id: 1 }, { signature: null });
    assert.equal(res.status, 401);
  });

  test('the handler refuses to exist without a secret', () => {
    assert.throws(() => createProfileWebhookHandler({ secret: '', store }), TypeError);
  });

  test('onEvent is told event, profile id and outcome, never the secret or signature', async () => {
    const request = await delivery('profile.created', profileBody(1, 0));
    const signature = request.headers.get('x-omneo-hmac-sha256') ?? '';
    await handle(request);
    assert.equal(events.length, 1);
    const [event] = events;
    assert.deepEqual({ ...event, posCustomerId: undefined }, {
      event: 'profile.created',
      profileId: profileId(1),
      posCustomerId: undefined,
      outcome: 'created',
      status: 200,
    });
    const logged = JSON.stringify(events);
    assert.ok(!logged.includes(SECRET) && !logged.includes(signature));
  });
});

describe('ordering and repeats', () => {
  test('the same delivery twice changes nothing', async () => {
    const body = profileBody(1, 0);
    await send('profile.updated', body);
    const before = { rows: rowCount(), version: dataVersion(), customer: await store.get(profileId(1)) };
    const res = await send('profile.updated', body);
    assert.equal(res.status, 200);
    assert.equal(res.body['outcome'], 'unchanged');
    assert.equal(rowCount(), before.rows);
    assert.equal(dataVersion(), before.version, 'no write was committed');
    assert.deepEqual(await store.get(profileId(1)), before.customer);
  });

  test('an older delivery after a newer one is ignored as stale', async () => {
    await send('profile.updated', profileBody(1, 60));
    const version = dataVersion();
    const res = await send('profile.updated', profileBody(1, 30, { email: 'old@example.com' }));
    assert.equal(res.status, 200);
    assert.equal(res.body['outcome'], 'ignored-stale');
    assert.equal(dataVersion(), version);
    const customer = await store.get(profileId(1));
    assert.equal(customer?.email, 'ada1@example.com');
    assert.equal(customer?.updatedAt, omneoTime(60));
  });

  test('a newer delivery updates the record and keeps its POS customer id', async () => {
    await send('profile.created', profileBody(1, 0));
    const created = await store.get(profileId(1));
    const res = await send('profile.updated', profileBody(1, 5, { email: 'new@example.com', tier: null }));
    assert.equal(res.body['outcome'], 'updated');
    const updated = await store.get(profileId(1));
    assert.equal(updated?.posCustomerId, created?.posCustomerId);
    assert.equal(updated?.email, 'new@example.com');
    assert.equal(updated?.tier, null);
  });

  test('a different change within the same second: the later delivery wins', async () => {
    await send('profile.updated', profileBody(1, 0));
    const res = await send('profile.updated', profileBody(1, 0, { email: 'same-second@example.com' }));
    assert.equal(res.body['outcome'], 'updated');
    assert.equal((await store.get(profileId(1)))?.email, 'same-second@example.com');
  });

  test('many concurrent deliveries for one profile, in shuffled order: the newest wins', async () => {
    const seconds = Array.from({ length: 60 }, (_, i) => i);
    const requests = await Promise.all(
      shuffled(seconds).map((s) => delivery('profile.updated', profileBody(1, s, { email: `v${s}@example.com` }))),
    );
    const responses = await Promise.all(requests.map((r) => handle(r)));
    assert.ok(responses.every((r) => r.status === 200));
    const customer = await store.get(profileId(1));
    assert.equal(customer?.updatedAt, omneoTime(59));
    assert.equal(customer?.email, 'v59@example.com');
    assert.equal(rowCount(), 1);
  });
});

describe('refusals', () => {
  test('a body over 1 MiB is 413, by its Content-Length', async () => {
    const big = JSON.stringify(profileBody(1, 0, { padding: 'x'.repeat(1024 * 1024) }));
    const res = await send('profile.updated', big);
    assert.equal(res.status, 413);
    assert.equal(rowCount(), 0);
  });

  test('a body over 1 MiB is 413 while reading, when no length is declared', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ >= 100) controller.close(); // 6.4 MB, if anyone kept reading
        else controller.enqueue(chunk);
      },
    });
    const request = new Request('http://pos.test/', {
      method: 'POST',
      headers: { 'x-omneo-event': 'profile.updated', 'x-omneo-hmac-sha256': '00' },
      body,
      duplex: 'half',
    } as RequestInit);
    const response = await handle(request);
    assert.equal(response.status, 413);
    assert.ok(sent <= 18, `stopped reading soon after the limit (read ${sent} chunks)`);
  });

  test('a create or update without updated_at is kept aside: deliveries cannot be ordered', async () => {
    const res = await send('profile.updated', profileBody(1, 0, { updated_at: null }));
    assert.equal(res.status, 202);
    assert.equal(res.body['reason'], 'invalid-updated-at');
    assert.deepEqual((res.body['issues'] as { path: string }[]).map((i) => i.path), ['updated_at']);
    assert.equal(rowCount(), 0);
  });

  test('an event it does not handle is 202 and ignored', async () => {
    const res = await send('transaction.created', profileBody(1, 0));
    assert.equal(res.status, 202);
    assert.equal(res.body['outcome'], 'ignored-event');
    assert.equal(rowCount(), 0);
  });

  test('GET is 405', async () => {
    const response = await handle(new Request('http://pos.test/'));
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'POST');
  });
});

describe('bodies and fields', () => {
  test('wrapped in {data} and unwrapped bodies are read alike', async () => {
    await send('profile.created', { data: profileBody(1, 0) });
    await send('profile.created', profileBody(2, 0));
    const [wrapped, bare] = [await store.get(profileId(1)), await store.get(profileId(2))];
    assert.equal(wrapped?.name, 'Ada Lovelace 0');
    assert.equal(bare?.name, 'Ada Lovelace 0');
  });

  test('balances are kept in cents, and kept when a later delivery has none', async () => {
    const balances = { reward_balance: 25, point_balance: 120, point_balance_dollars: '1.20', combined_balance_dollars: 26.2 };
    await send('profile.updated', profileBody(1, 0, balances));
    const snapshot = { rewardCents: 2500, points: 120, combinedCents: 2620 };
    assert.deepEqual((await store.get(profileId(1)))?.balance, snapshot);
    await send('profile.updated', profileBody(1, 1, { email: 'later@example.com' }));
    assert.deepEqual((await store.get(profileId(1)))?.balance, snapshot);
  });

  test('a pos-customer identity on the profile becomes the POS customer id', async () => {
    const identities = [
      { id: 7, handle: 'loyalty-card', identifier: '4000123', is_primary: true, profile_id: profileId(1) },
      { id: 8, handle: 'pos-customer', identifier: 'POS-0042', is_primary: true, profile_id: profileId(1) },
    ];
    const res = await send('profile.created', profileBody(1, 0, { identities }));
    assert.equal(res.body['posCustomerId'], 'POS-0042');
    assert.equal((await store.getByPosId('POS-0042'))?.profileId, profileId(1));
  });
});

describe('merge and delete', () => {
  async function posIdOf(n: number): Promise<string> {
    const customer = await store.get(profileId(n));
    assert.ok(customer);
    return customer.posCustomerId;
  }

  test('a merge re-points the merged customers to the survivor and keeps their POS ids', async () => {
    await send('profile.created', profileBody(1, 0));
    await send('profile.created', profileBody(2, 0));
    await send('profile.created', profileBody(3, 0));
    const [pos1, pos2, pos3] = [await posIdOf(1), await posIdOf(2), await posIdOf(3)];
    const merge = { data: omneoMerged(1, [2, 3], 10) };
    const res = await send('profile.merged', merge);
    assert.equal(res.status, 200);
    assert.equal(res.body['outcome'], 'merged');
    assert.equal(res.body['posCustomerId'], pos1);
    assert.equal(res.body['mergedInto'], profileId(1));
    assert.deepEqual(res.body['mergedPosCustomerIds'], [pos2, pos3]);
    const merged = await store.getByPosId(pos2);
    assert.equal(merged?.status, 'merged');
    assert.equal(merged?.mergedInto, profileId(1));
    assert.equal((await store.get(profileId(3)))?.posCustomerId, pos3);
    assert.equal((await store.get(profileId(1)))?.updatedAt, omneoTime(10));

    const version = dataVersion();
    const again = await send('profile.merged', merge);
    assert.equal(again.body['outcome'], 'unchanged');
    assert.equal(dataVersion(), version);

    const late = await send('profile.updated', profileBody(2, 20));
    assert.equal(late.body['outcome'], 'ignored-merged');
    assert.equal((await store.get(profileId(2)))?.mergedInto, profileId(1));
  });

  test('a merge of a merge points every record at the last survivor', async () => {
    await send('profile.created', profileBody(1, 0));
    await send('profile.created', profileBody(2, 0));
    await send('profile.merged', omneoMerged(2, [1], 10));
    await send('profile.merged', omneoMerged(3, [2], 20));
    assert.equal((await store.get(profileId(1)))?.mergedInto, profileId(3));
    assert.equal((await store.get(profileId(2)))?.mergedInto, profileId(3));
    assert.equal((await store.get(profileId(3)))?.status, 'active');
  });

  test('a delete keeps both ids, clears the personal fields, and stops later updates', async () => {
    const balances = { reward_balance: 5, point_balance: 1, point_balance_dollars: 0, combined_balance_dollars: 5 };
    await send('profile.created', profileBody(1, 0, balances));
    const pos = await posIdOf(1);
    const res = await send('profile.deleted', { data: { id: profileId(1) } });
    assert.equal(res.status, 200);
    assert.equal(res.body['outcome'], 'deleted');
    assert.equal(res.body['posCustomerId'], pos);
    const deleted = await store.getByPosId(pos);
    assert.equal(deleted?.status, 'deleted');
    assert.equal(deleted?.profileId, profileId(1));
    assert.deepEqual([deleted?.name, deleted?.email, deleted?.phone, deleted?.balance], [null, null, null, null]);
    assert.equal((await send('profile.deleted', profileBody(1, 5))).body['outcome'], 'unchanged');
    assert.equal((await send('profile.updated', profileBody(1, 99))).body['outcome'], 'ignored-deleted');
  });

  test('a delete that overtakes the create: the late create does not bring the profile back', async () => {
    await send('profile.deleted', profileBody(1, 10));
    const res = await send('profile.created', profileBody(1, 0));
    assert.equal(res.body['outcome'], 'ignored-deleted');
    assert.equal(await store.get(profileId(1)), null);
  });
});
