// The mock tenant behaves like Omneo: both route forms, Omneo's shapes (checked with the
// client's own schemas), honest balances, the 10-minute reversal window, refunds, benefits,
// transactions, staff and locations. Run: node --import tsx --test test/node/mocks.test.ts
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  balancesSchema,
  benefitSchema,
  identityLookupSchema,
  list,
  locationSchema,
  profileSchema,
  redemptionSchema,
  single,
  staffSchema,
  transactionSchema,
} from '../../src/client/schemas.ts';
import { SEED, createMockTenant, resourcePath } from '../../src/mocks/index.ts';
import { caller } from '../mocks/harness.ts';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const setup = () => {
  const tenant = createMockTenant();
  return { tenant, call: caller(tenant) };
};
const redeem = (amount: unknown, extra: Record<string, unknown> = {}) => ({ strategies: ['rewards'], amount, ...extra });

describe('mock tenant: seed and lookups', () => {
  it('finds Ava by loyalty card in the guide form and both reference forms', async () => {
    const { call } = setup();
    const guide = await call('GET', `/identities/search?handle=loyalty-card&identifier=${SEED.ava.card}`);
    assert.equal(guide.status, 200);
    assert.deepEqual(identityLookupSchema.parse(guide.json), { profileId: SEED.ava.id, profile: null });

    const ref = await call('GET', `/identities?filter[handle]=loyalty-card&filter[identifier]=${SEED.ava.card}&include=profile`);
    const match = identityLookupSchema.parse(ref.json);
    assert.equal(match?.profileId, SEED.ava.id);
    assert.equal(match?.profile?.balances?.combinedCents, 4000);
    assert.equal(ref.json.meta.total, 1);

    const byId = await call('POST', '/profiles/search-id', { type: 'loyalty-card', id: SEED.ava.card });
    assert.equal(identityLookupSchema.parse(byId.json)?.profile?.email, SEED.ava.email);
  });

  it('finds the staff member by staff number, and answers 404 / 422 / empty list otherwise', async () => {
    const { call } = setup();
    const staff = await call('GET', `/identities/search?handle=staff-number&identifier=${SEED.staff.staffNumber}`);
    assert.equal(staff.json.data.profile_id, SEED.staff.id);
    const none = await call('GET', '/identities/search?handle=loyalty-card&identifier=0000');
    assert.equal(none.status, 404);
    assert.equal(typeof none.json.message, 'string');
    const bad = await call('GET', '/identities/search?identifier=1');
    assert.equal(bad.status, 422);
    assert.ok(bad.json.errors.handle);
    const empty = await call('GET', '/identities?filter[handle]=loyalty-card&filter[identifier]=0000&include=profile');
    assert.equal(identityLookupSchema.parse(empty.json), null);
    assert.equal((await call('POST', '/profiles/search-id', { type: 'loyalty-card', id: '0000' })).status, 404);
  });

  it("serves Ava's profile with embedded balances, tier, phone and identities", async () => {
    const { call } = setup();
    const res = await call('GET', `/profiles/${SEED.ava.id}`);
    const ava = single(profileSchema).parse(res.json);
    assert.equal(ava.fullName, 'Ava Nguyen');
    assert.equal(ava.mobilePhone, '+61412345678');
    assert.deepEqual(ava.tier, { name: 'Gold', handle: 'gold' });
    assert.deepEqual(ava.balances, {
      rewardCents: 2500,
      points: 1500,
      pointsValueCents: 1500,
      combinedCents: 4000,
      creditCents: 0,
      benefitCents: 1500,
      currency: null,
    });
    assert.ok(ava.identities.some((i) => i.handle === 'loyalty-card' && i.identifier === SEED.ava.card));
    assert.match(res.json.data.updated_at, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    assert.equal(res.json.data.reward_balance, 25);

    const balances = single(balancesSchema).parse((await call('GET', `/profiles/${SEED.ava.id}/balances`)).json);
    assert.equal(balances.rewardCents, 2500);
    assert.equal(balances.combinedCents, 4000);
    const noah = single(balancesSchema).parse((await call('GET', `/profiles/${SEED.noah.id}/balances`)).json);
    assert.equal(noah.rewardCents, 5000);
    const zara = single(balancesSchema).parse((await call('GET', `/profiles/${SEED.empty.id}/balances`)).json);
    assert.equal(zara.combinedCents, 0);
    assert.equal((await call('GET', '/profiles/5eed0000-0000-4000-8000-0000000000ff')).status, 404);
  });

  it('searches by name (case-insensitive, a typo allowed), by filter[search] and exact filter[email]', async () => {
    const { call } = setup();
    const ids = async (query: string) => list(profileSchema).parse((await call('GET', `/profiles?${query}`)).json).items.map((p) => p.id);
    assert.deepEqual(await ids('search=Lee'), [...SEED.lee]);
    assert.deepEqual(await ids('filter[search]=lEE'), [...SEED.lee]);
    assert.deepEqual(await ids('search=Nguyan'), [SEED.ava.id]);
    assert.deepEqual(await ids('search=ava.nguyen@example'), [SEED.ava.id]);
    assert.deepEqual(await ids('search=0412345678'), [SEED.ava.id]);
    assert.deepEqual(await ids('filter[email]=AVA.NGUYEN@example.com'), [SEED.ava.id]);
    assert.deepEqual(await ids('filter[email]=ava.nguyen@example'), []);
    const page = (await call('GET', '/profiles?page[size]=3&page[number]=2')).json;
    assert.deepEqual([page.meta.current_page, page.meta.per_page, page.meta.from, page.meta.to], [2, 3, 4, 6]);
    assert.equal(page.meta.total, 8);
  });

  it('lists active benefits in both forms, pages through 200, and passes hostile text through untouched', async () => {
    const { call } = setup();
    const active = list(benefitSchema).parse((await call('GET', `/profiles/${SEED.ava.id}/benefits?filter[status]=active`)).json);
    assert.deepEqual(active.items.map((b) => b.id), [SEED.ava.benefits.coffee, SEED.ava.benefits.birthday]);
    assert.equal(active.items[0]?.valueCents, 500);
    assert.equal(active.items[0]?.posCode, 'COFFEE-5');
    const redeemable = list(benefitSchema).parse((await call('GET', `/profiles/${SEED.ava.id}/benefits/redeemable`)).json);
    assert.deepEqual(redeemable.items.map((b) => b.id), active.items.map((b) => b.id));
    const all = list(benefitSchema).parse((await call('GET', `/profiles/${SEED.ava.id}/benefits`)).json);
    assert.equal(all.items.find((b) => b.id === SEED.ava.benefits.expired)?.isExpired, true);

    const first = list(benefitSchema).parse((await call('GET', `/profiles/${SEED.many.id}/benefits?filter[status]=active&page[size]=500`)).json);
    assert.deepEqual(first.page, { current: 1, last: 2, perPage: 100, total: 200 });
    const second = (await call('GET', `/profiles/${SEED.many.id}/benefits?filter[status]=active&page[size]=100&page[number]=2`)).json;
    assert.equal(second.data.length, 100);
    assert.equal(second.links.next, null);

    const hostile = single(profileSchema).parse((await call('GET', `/profiles/${SEED.hostile.id}`)).json);
    assert.equal(hostile.firstName, '<img src=x onerror=alert(1)>');
    assert.equal(hostile.lastName, '山田 <script>alert(1)</script>');
    const hb = list(benefitSchema).parse((await call('GET', `/profiles/${SEED.hostile.id}/benefits`)).json);
    assert.ok(hb.items.some((b) => b.name.includes('<img') && b.name.includes('無料')));
  });

  it('serves locations, is deterministic, and can start empty', async () => {
    const { call } = setup();
    const locations = list(locationSchema).parse((await call('GET', '/locations')).json);
    assert.deepEqual(locations.items.map((l) => l.id), [1, 2]);
    const two = single(locationSchema).parse((await call('GET', '/locations/2')).json);
    assert.deepEqual([two.name, two.timezone], [SEED.location.name, SEED.location.timezone]);
    assert.equal((await call('GET', '/locations/99')).status, 404);

    assert.deepEqual(createMockTenant().profile(SEED.ava.id), createMockTenant().profile(SEED.ava.id));
    const empty = createMockTenant({ seed: false });
    assert.equal(empty.profile(SEED.ava.id), undefined);
    assert.equal((await caller(empty)('GET', '/profiles')).json.meta.total, 0);
    assert.equal(typeof (globalThis as { window?: unknown }).window, 'undefined', 'module load stays server-side safe');
  });
});

describe('mock tenant: redemptions', () => {
  it('redeems rewards nearest expiry first, without touching points', async () => {
    const { tenant, call } = setup();
    const res = await call('POST', `/profiles/${SEED.ava.id}/redemptions`, redeem(12.5, { transaction_external_id: 'SALE-1', location_id: 2 }));
    assert.equal(res.status, 201);
    const r = single(redemptionSchema).parse(res.json);
    assert.equal(r.totalCents, 1250);
    assert.equal(r.type, 'redeem');
    assert.equal(r.saleId, 'SALE-1');
    assert.equal(r.locationId, 2);
    assert.equal(r.createdAt, '2026-11-25 01:00:00');
    assert.deepEqual(r.items, [
      { id: SEED.ava.rewards.soon, type: 'reward', valueCents: 1000, count: 1 },
      { id: SEED.ava.rewards.later, type: 'reward', valueCents: 250, count: 1 },
    ]);
    assert.equal(r.balancesAfter?.rewardCents, 1250);
    assert.equal(r.balancesAfter?.points, 1500);
    assert.equal(tenant.rewardBalanceCents(SEED.ava.id), 1250);

    await call('POST', `/profiles/${SEED.ava.id}/redemptions`, redeem('0.29'));
    assert.equal(tenant.rewardBalanceCents(SEED.ava.id), 1221);
    const found = await call('GET', `/redemptions?filter[profile_id]=${SEED.ava.id}&filter[transaction_external_id]=SALE-1`);
    assert.deepEqual(list(redemptionSchema).parse(found.json).items.map((x) => x.id), [r.id]);
  });

  it('refuses bad amounts and more than the balance with 422, and unknown profiles with 404', async () => {
    const { tenant, call } = setup();
    const path = `/profiles/${SEED.ava.id}/redemptions`;
    for (const amount of [0, -5, 0.001, 'abc', undefined]) {
      const res = await call('POST', path, redeem(amount));
      assert.equal(res.status, 422, `amount ${String(amount)}`);
      assert.ok(res.json.errors.amount, `amount ${String(amount)}`);
    }
    const over = await call('POST', path, redeem(25.01));
    assert.equal(over.status, 422);
    assert.ok(over.json.message);
    assert.equal((await call('POST', path, { amount: 5 })).json.errors.strategies[0], 'The strategies field is required.');
    assert.equal((await call('POST', `/profiles/${SEED.empty.id}/redemptions`, redeem(1))).status, 422);
    assert.equal((await call('POST', '/profiles/5eed0000-0000-4000-8000-0000000000ff/redemptions', redeem(1))).status, 404);
    assert.equal(tenant.rewardBalanceCents(SEED.ava.id), 2500);
    assert.equal(tenant.redemptions().length, 0);
    assert.equal((await call('POST', path, redeem(25))).status, 201);
  });

  it('reverses within 10 minutes, restoring exactly the same rewards; twice is a 422', async () => {
    const { tenant, call } = setup();
    const before = tenant.rewards(SEED.ava.id);
    const r = (await call('POST', `/profiles/${SEED.ava.id}/redemptions`, redeem(20))).json.data;
    assert.equal(tenant.rewardBalanceCents(SEED.ava.id), 500);
    tenant.clock.advance(10 * MIN);
    const rev = await call('POST', `/profiles/${SEED.ava.id}/redemptions/${r.id}/reverse`);
    assert.equal(rev.status, 200);
    const reversal = single(redemptionSchema).parse(rev.json);
    assert.equal(reversal.type, 'reversal');
    assert.equal(reversal.balancesAfter?.rewardCents, 2500);
    assert.deepEqual(tenant.rewards(SEED.ava.id), before);
    const again = await call('POST', `/redemptions/${r.id}/reversal`);
    assert.equal(again.status, 422);
    assert.equal((await call('POST', `/profiles/${SEED.noah.id}/redemptions/${r.id}/reverse`)).status, 404);
  });

  it('refuses a reversal 10 minutes and 1 second after created_at', async () => {
    const { tenant, call } = setup();
    const r = (await call('POST', `/profiles/${SEED.noah.id}/redemptions`, redeem(30))).json.data;
    tenant.clock.advance(10 * MIN + 1000);
    const late = await call('POST', `/redemptions/${r.id}/reversal`);
    assert.equal(late.status, 422);
    assert.equal(late.json.message, 'The redemption can no longer be reversed.');
    assert.equal(tenant.rewardBalanceCents(SEED.noah.id), 2000);
  });

  it('refunds as a NEW reward, partly or in full, never more than was redeemed', async () => {
    const { tenant, call } = setup();
    const r = (await call('POST', `/profiles/${SEED.ava.id}/redemptions`, redeem(20))).json.data;
    tenant.clock.advance(DAY);
    const part = await call('POST', `/profiles/${SEED.ava.id}/redemptions/${r.id}/refund`, { amount: 5 });
    const refund = single(redemptionSchema).parse(part.json);
    assert.equal(refund.type, 'return');
    assert.equal(refund.totalCents, 500);
    const issued = tenant.rewards(SEED.ava.id).find((x) => x.id === refund.items[0]?.id);
    assert.ok(issued && ![101, 102, 103].includes(issued.id));
    assert.equal(issued.remainingCents, 500);
    assert.ok(issued.expiresAt !== null && issued.expiresAt > tenant.clock.now());
    assert.equal(tenant.rewardBalanceCents(SEED.ava.id), 1000);

    const rest = await call('POST', `/redemptions/${r.id}/return`, {});
    assert.equal(single(redemptionSchema).parse(rest.json).totalCents, 1500);
    assert.equal(tenant.rewardBalanceCents(SEED.ava.id), 2500);
    assert.equal((await call('POST', `/redemptions/${r.id}/return`, { amount: 0.01 })).status, 422);
    assert.equal((await call('POST', `/redemptions/${r.id}/reversal`)).status, 422);
    const other = (await call('POST', `/profiles/${SEED.noah.id}/redemptions`, redeem(10))).json.data;
    assert.equal((await call('POST', `/redemptions/${other.id}/return`, { amount: 10.01 })).status, 422);
  });

  it('redeems a benefit (both forms): it stops being active; reversal and return bring it back', async () => {
    const { tenant, call } = setup();
    const coffee = SEED.ava.benefits.coffee;
    const body = { issued_at: '2026-11-25 12:00:00', timezone: 'Australia/Melbourne', transaction_external_id: 'SALE-B' };
    const res = await call('POST', `/profiles/${SEED.ava.id}/benefits/${coffee}/redemptions`, body);
    assert.equal(res.status, 201);
    const r = single(redemptionSchema).parse(res.json);
    assert.deepEqual(r.items, [{ id: coffee, type: 'benefit', valueCents: 500, count: 1 }]);
    const state = tenant.benefits(SEED.ava.id).find((b) => (b as { id: number }).id === coffee) as Record<string, unknown>;
    assert.deepEqual([state['status'], state['is_redeemable'], state['redemptions_remaining']], ['redeemed', false, 0]);
    const active = (await call('GET', `/profiles/${SEED.ava.id}/benefits?filter[status]=active`)).json.data;
    assert.deepEqual(active.map((b: { id: number }) => b.id), [SEED.ava.benefits.birthday]);
    assert.equal((await call('POST', `/profiles/${SEED.ava.id}/benefits/${coffee}/redemptions`, body)).status, 422);
    assert.equal((await call('POST', `/profiles/${SEED.ava.id}/benefits/${SEED.ava.benefits.expired}/redeem`, {})).status, 422);
    const invalid = await call('POST', `/profiles/${SEED.ava.id}/benefits/${SEED.ava.benefits.birthday}/redemptions`, { timezone: 'Mars/Base' });
    assert.deepEqual(Object.keys(invalid.json.errors).sort(), ['issued_at', 'timezone']);

    await call('POST', `/profiles/${SEED.ava.id}/redemptions/${r.id}/reverse`);
    assert.equal(tenant.benefits(SEED.ava.id).filter((b) => (b as { status: string }).status === 'active').length, 2);

    const ref = await call('POST', `/profiles/${SEED.ava.id}/benefits/${SEED.ava.benefits.birthday}/redeem`, { count: 1 });
    assert.equal(single(redemptionSchema).parse(ref.json).totalCents, 1000);
    const ret = await call('POST', `/redemptions/${ref.json.data.id}/benefit/return`, {});
    const newId = single(redemptionSchema).parse(ret.json).items[0]?.id;
    assert.ok(newId && newId !== SEED.ava.benefits.birthday);
    const after = list(benefitSchema).parse((await call('GET', `/profiles/${SEED.ava.id}/benefits/redeemable`)).json);
    assert.deepEqual(after.items.map((b) => b.id), [coffee, newId]);
  });
});

describe('mock tenant: transactions, staff', () => {
  const sale = (extra: Record<string, unknown> = {}) => ({
    total: 45,
    total_original: 65,
    transacted_at: '2026-11-25 12:00:00',
    timezone: 'Australia/Melbourne',
    items: [{ name: 'Shirt', quantity: 1, price_current: 65, price_sell: 45, discounts: [{ amount: 20, reason_desc: 'Omneo reward' }] }],
    ...extra,
  });

  it('answers 422 per missing field, items included', async () => {
    const { tenant, call } = setup();
    const empty = await call('POST', '/transactions', {});
    assert.equal(empty.status, 422);
    assert.deepEqual(Object.keys(empty.json.errors).sort(), ['items', 'timezone', 'total', 'transacted_at']);
    const items = await call('POST', '/transactions', sale({ items: [{ quantity: 1 }], transacted_at: '2026-11-25T12:00:00Z' }));
    assert.deepEqual(Object.keys(items.json.errors).sort(), ['items.0.name', 'items.0.price_current', 'items.0.price_sell', 'transacted_at']);
    assert.equal(tenant.transactions().length, 0);
  });

  it('records a sale linked to its redemption, which must belong to the profile', async () => {
    const { call } = setup();
    const r = (await call('POST', `/profiles/${SEED.ava.id}/redemptions`, redeem(20, { transaction_external_id: 'SALE-9' }))).json.data;
    const wrong = await call('POST', '/transactions', sale({ profile_id: SEED.noah.id, redemption_id: r.id }));
    assert.ok(wrong.json.errors.redemption_id);
    assert.ok((await call('POST', '/transactions', sale({ profile_id: SEED.ava.id, redemption_id: 999_999 }))).json.errors.redemption_id);
    const ok = await call('POST', '/transactions', sale({ profile_id: SEED.ava.id, redemption_id: r.id, external_id: 'SALE-9', staff_id: 1993, location_id: 2, receipt_ref: 'R-9' }));
    assert.equal(ok.status, 201);
    const t = single(transactionSchema).parse(ok.json);
    assert.deepEqual(
      [t.externalId, t.totalCents, t.totalOriginalCents, t.profileId, t.redemptionId, t.staffId, t.locationId, t.receiptRef, t.timezone],
      ['SALE-9', 4500, 6500, SEED.ava.id, r.id, '1993', 2, 'R-9', 'Australia/Melbourne'],
    );
    assert.equal((await call('POST', '/transactions', sale({ external_id: 'SALE-9' }))).status, 422);
  });

  it('upserts by external_id: a repeat updates, never creates a second', async () => {
    const { tenant, call } = setup();
    const first = await call('POST', '/transactions/update-create', sale({ external_id: 'SALE-U' }));
    const second = await call('POST', '/transactions/update-create', sale({ external_id: 'SALE-U', total: 40 }));
    assert.deepEqual([first.status, second.status], [201, 200]);
    assert.equal(second.json.data.id, first.json.data.id);
    assert.equal(single(transactionSchema).parse(second.json).totalCents, 4000);
    assert.equal(tenant.transactions().length, 1);
    assert.ok((await call('POST', '/transactions/update-create', sale())).json.errors.external_id);
  });

  it('creates, reads, updates and deletes staff', async () => {
    const { call } = setup();
    const missing = await call('POST', '/staff', { first_name: 'Kim' });
    assert.deepEqual(Object.keys(missing.json.errors).sort(), ['email', 'joined_at', 'last_name', 'staff_id']);
    const body = { first_name: 'Kim', last_name: 'Park', email: 'kim.park@example.com', staff_id: '2024', joined_at: '2024-01-02' };
    const created = await call('POST', '/staff', body);
    assert.equal(created.status, 201);
    const kim = single(staffSchema).parse(created.json);
    assert.equal(kim.staffNumber, '2024');
    assert.equal((await call('POST', '/staff', body)).json.errors.staff_id[0], 'The staff id has already been taken.');
    const put = await call('PUT', `/staff/${kim.id}`, { last_name: 'Park-Lee' });
    assert.equal(single(staffSchema).parse(put.json).lastName, 'Park-Lee');
    assert.equal(single(staffSchema).parse((await call('GET', `/staff/${SEED.staff.id}`)).json).staffNumber, '1993');
    const del = await call('DELETE', `/staff/${kim.id}`);
    assert.deepEqual([del.status, del.text], [204, '']);
    assert.equal((await call('GET', `/staff/${kim.id}`)).status, 404);
    assert.equal((await call('GET', `/staff/${SEED.ava.id}`)).status, 404, 'a member is not staff');
  });
});

describe('mock tenant: resourcePath', () => {
  it('strips any base URL down to the resource', () => {
    assert.equal(resourcePath('https://api.demo.getomneo.com/api/v3/profiles/x/balances?a=1'), '/profiles/x/balances');
    assert.equal(resourcePath('/omneo/profiles/x'), '/profiles/x');
    assert.equal(resourcePath('http://localhost:8080/proxy/v3/redemptions/4/reversal'), '/redemptions/4/reversal');
    assert.equal(resourcePath('/api/v3/staff/'), '/staff');
  });
});

describe('snapshot and restore', () => {
  it('a tenant made from a snapshot holds the same balances, redemptions and ids', async () => {
    const make = createMockTenant;
    const seed = SEED;
    const first = make();
    const answer = await first.fetch(`https://x/api/v3/profiles/${seed.noah.id}/redemptions`, {
      method: 'POST',
      headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' },
      body: JSON.stringify({ strategies: ['rewards'], amount: 12.34, transaction_external_id: 'sale-snap' }),
    });
    assert.equal(answer.status, 201);
    const second = make({ state: JSON.parse(JSON.stringify(first.snapshot())) });
    assert.equal(second.rewardBalanceCents(seed.noah.id), 5000 - 1234);
    assert.deepEqual(second.redemptions(), first.redemptions());
    const reversal = await second.fetch(`https://x/api/v3/redemptions/${first.redemptions()[0]!.id}/reversal`, {
      method: 'POST',
      headers: { Authorization: 'Bearer t' },
    });
    assert.equal(reversal.status, 200);
    assert.equal(second.rewardBalanceCents(seed.noah.id), 5000);
  });
});
