// The mock tenant behaves like Omneo: both route forms, Omneo's shapes (every answer checked
// against test/support/omneo-shapes.ts, never against the kit's own client), honest balances,
// the 10-minute reversal window, refunds, benefits, transactions, staff and locations.
// Run: node --import tsx --test test/node/mocks.test.ts
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SEED, createMockTenant, resourcePath } from '../../src/mocks/index.ts';
import { caller, type Answer } from '../mocks/harness.ts';
import { ROUTE_SHAPES, checkBody, type RouteKey } from '../support/omneo-shapes.ts';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const setup = () => {
  const tenant = createMockTenant();
  return { tenant, call: caller(tenant) };
};
const redeem = (amount: unknown, extra: Record<string, unknown> = {}) => ({ strategies: ['rewards'], amount, ...extra });

/** The answer's body, after checking it is a 2xx in Omneo's shape for `route`. */
function wire(route: RouteKey, res: Answer): any {
  assert.ok(res.status >= 200 && res.status < 300, `${route}: status ${res.status} ${res.text}`);
  const shape = ROUTE_SHAPES[route];
  if (shape !== null) assert.deepEqual(checkBody(shape, res.json), [], route);
  return res.json;
}
/** Cents from Omneo's dollars. */
const cents = (dollars: number) => Math.round(dollars * 100);

describe('mock tenant: seed and lookups', () => {
  it('finds Ava by loyalty card in the guide form and both reference forms', async () => {
    const { call } = setup();
    const guide = wire('GET /identities/search', await call('GET', `/identities/search?handle=loyalty-card&identifier=${SEED.ava.card}`));
    assert.equal(guide.data.profile_id, SEED.ava.id);

    const ref = wire(
      'GET /identities',
      await call('GET', `/identities?filter[handle]=loyalty-card&filter[identifier]=${SEED.ava.card}&include=profile`),
    );
    assert.equal(ref.data[0].profile_id, SEED.ava.id);
    assert.equal(ref.data[0].profile.combined_balance_dollars, 40);
    assert.equal(ref.meta.total, 1);

    const byId = wire('POST /profiles/search-id', await call('POST', '/profiles/search-id', { type: 'loyalty-card', id: SEED.ava.card }));
    assert.equal(byId.data.email, SEED.ava.email);
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
    const empty = wire('GET /identities', await call('GET', '/identities?filter[handle]=loyalty-card&filter[identifier]=0000&include=profile'));
    assert.deepEqual([empty.data, empty.meta.from, empty.meta.to], [[], null, null]);
    assert.equal((await call('POST', '/profiles/search-id', { type: 'loyalty-card', id: '0000' })).status, 404);
  });

  it("serves Ava's profile with embedded balances, tier, phone and identities", async () => {
    const { call } = setup();
    const ava = wire('GET /profiles/{p}', await call('GET', `/profiles/${SEED.ava.id}`)).data;
    assert.equal(ava.full_name, 'Ava Nguyen');
    assert.equal(ava.mobile_phone, '+61412345678');
    assert.deepEqual(ava.tier, { name: 'Gold', handle: 'gold' });
    assert.deepEqual(
      [ava.reward_balance, ava.point_balance, ava.point_balance_dollars, ava.combined_balance_dollars, ava.credit_balance, ava.benefit_balance],
      [25, 1500, 15, 40, 0, 15],
    );
    assert.ok(ava.identities.some((i: any) => i.handle === 'loyalty-card' && i.identifier === SEED.ava.card));
    assert.match(ava.updated_at, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    const balances = wire('GET /profiles/{p}/balances', await call('GET', `/profiles/${SEED.ava.id}/balances`)).data;
    assert.deepEqual([balances.reward_balance, balances.combined_balance_dollars, balances.currency], [25, 40, null]);
    assert.deepEqual(balances.localised, { reward_balance: 25, point_balance_dollars: 15, combined_balance_dollars: 40 });
    assert.equal(wire('GET /profiles/{p}/balances', await call('GET', `/profiles/${SEED.noah.id}/balances`)).data.reward_balance, 50);
    assert.equal(wire('GET /profiles/{p}/balances', await call('GET', `/profiles/${SEED.empty.id}/balances`)).data.combined_balance_dollars, 0);
    assert.equal((await call('GET', '/profiles/5eed0000-0000-4000-8000-0000000000ff')).status, 404);
  });

  it('searches by name (case-insensitive, a typo allowed), by filter[search] and exact filter[email]', async () => {
    const { call } = setup();
    const ids = async (query: string) => wire('GET /profiles', await call('GET', `/profiles?${query}`)).data.map((p: any) => p.id);
    assert.deepEqual(await ids('search=Lee'), [...SEED.lee]);
    assert.deepEqual(await ids('filter[search]=lEE'), [...SEED.lee]);
    assert.deepEqual(await ids('search=Nguyan'), [SEED.ava.id]);
    assert.deepEqual(await ids('search=ava.nguyen@example'), [SEED.ava.id]);
    assert.deepEqual(await ids('search=0412345678'), [SEED.ava.id]);
    assert.deepEqual(await ids('filter[email]=AVA.NGUYEN@example.com'), [SEED.ava.id]);
    assert.deepEqual(await ids('filter[email]=ava.nguyen@example'), []);
    const page = wire('GET /profiles', await call('GET', '/profiles?page[size]=3&page[number]=2'));
    assert.deepEqual([page.meta.current_page, page.meta.per_page, page.meta.from, page.meta.to], [2, 3, 4, 6]);
    assert.equal(page.meta.total, 9);
  });

  it('lists active benefits in both forms, pages through 200, and passes hostile text through untouched', async () => {
    const { call } = setup();
    const active = wire('GET /profiles/{p}/benefits', await call('GET', `/profiles/${SEED.ava.id}/benefits?filter[status]=active`)).data;
    assert.deepEqual(active.map((b: any) => b.id), [SEED.ava.benefits.coffee, SEED.ava.benefits.birthday]);
    assert.equal(active[0].value, 5);
    assert.equal(active[0].redeem_code_pos, 'COFFEE-5');
    assert.ok(active.every((b: any) => b.is_redeemable && !b.is_expired && !('status' in b)));
    const redeemable = wire('GET /profiles/{p}/benefits/redeemable', await call('GET', `/profiles/${SEED.ava.id}/benefits/redeemable`)).data;
    assert.deepEqual(redeemable.map((b: any) => b.id), active.map((b: any) => b.id));
    const all = wire('GET /profiles/{p}/benefits', await call('GET', `/profiles/${SEED.ava.id}/benefits`)).data;
    assert.equal(all.find((b: any) => b.id === SEED.ava.benefits.expired)?.is_expired, true);

    const first = wire('GET /profiles/{p}/benefits', await call('GET', `/profiles/${SEED.many.id}/benefits?filter[status]=active&page[size]=500`));
    assert.deepEqual([first.meta.current_page, first.meta.last_page, first.meta.per_page, first.meta.total], [1, 2, 100, 200]);
    const second = wire('GET /profiles/{p}/benefits', await call('GET', `/profiles/${SEED.many.id}/benefits?filter[status]=active&page[size]=100&page[number]=2`));
    assert.equal(second.data.length, 100);
    assert.equal(second.links.next, null);

    const hostile = wire('GET /profiles/{p}', await call('GET', `/profiles/${SEED.hostile.id}`)).data;
    assert.equal(hostile.first_name, '<img src=x onerror=alert(1)>');
    assert.equal(hostile.last_name, '山田 <script>alert(1)</script>');
    const hb = wire('GET /profiles/{p}/benefits', await call('GET', `/profiles/${SEED.hostile.id}/benefits`)).data;
    assert.ok(hb.some((b: any) => b.definition.name.includes('<img') && b.definition.name.includes('無料')));
  });

  it("serves the walk-in's odd-but-legal values: no name, negative points, a benefit of every other kind", async () => {
    const { call } = setup();
    const odd = wire('GET /profiles/{p}', await call('GET', `/profiles/${SEED.odd.id}`)).data;
    assert.deepEqual([odd.full_name, odd.point_balance, odd.point_balance_dollars, odd.combined_balance_dollars], [null, -240, -2.4, -2.4]);
    const refused = await call('POST', `/profiles/${SEED.odd.id}/redemptions`, redeem(1, { strategies: ['points'] }));
    assert.equal(refused.status, 422, 'nothing to spend below zero');
    const benefits = wire('GET /profiles/{p}/benefits/redeemable', await call('GET', `/profiles/${SEED.odd.id}/benefits/redeemable`)).data;
    assert.deepEqual(benefits.map((b: any) => b.definition.type), ['discount', 'competition', 'event', 'voucher', 'bonus', 'other']);
    const nameless = benefits.find((b: any) => b.id === SEED.odd.benefits.nameless);
    assert.deepEqual([nameless.definition.id, nameless.definition.name, nameless.definition.handle, nameless.expires_at], ['12', null, null, null]);
    const r = wire('POST /profiles/{p}/benefits/{b}/redeem', await call('POST', `/profiles/${SEED.odd.id}/benefits/${SEED.odd.benefits.discount}/redeem`, {})).data;
    const listed = wire('GET /redemptions/{r}', await call('GET', `/redemptions/${r.id}`)).data;
    assert.equal(listed.items[0].type_attributes.definition.type, 'discount');
  });

  it('serves locations, is deterministic, and can start empty', async () => {
    const { call } = setup();
    const locations = wire('GET /locations', await call('GET', '/locations')).data;
    assert.deepEqual(locations.map((l: any) => l.id), [1, 2]);
    const two = wire('GET /locations/{l}', await call('GET', '/locations/2')).data;
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
    const r = wire('POST /profiles/{p}/redemptions', res).data;
    assert.equal(r.total, 12.5);
    assert.equal(r.transaction_external_id, 'SALE-1');
    assert.deepEqual([r.location_id, r.location?.id], [2, 2]);
    assert.equal(r.created_at, '2026-11-25 01:00:00');
    assert.deepEqual([r.balances.reward_balance, r.balances.point_balance], [12.5, 1500]);
    assert.equal(tenant.rewardBalanceCents(SEED.ava.id), 1250);

    await call('POST', `/profiles/${SEED.ava.id}/redemptions`, redeem('0.29'));
    assert.equal(tenant.rewardBalanceCents(SEED.ava.id), 1221);
    // Found again by the sale id the server keeps; the listed redemption does not echo it.
    const found = wire('GET /redemptions', await call('GET', `/redemptions?filter[profile_id]=${SEED.ava.id}&filter[transaction_external_id]=SALE-1`));
    assert.deepEqual(found.data.map((x: any) => x.id), [r.id]);
    const listed = found.data[0];
    assert.deepEqual([listed.type, listed.total, listed.transaction], ['redeem', 12.5, null]);
    assert.deepEqual(
      listed.items.map((i: any) => [i.type, i.value, i.type_attributes.id]),
      [
        ['reward', 10, SEED.ava.rewards.soon],
        ['reward', 2.5, SEED.ava.rewards.later],
      ],
    );
    assert.ok(listed.items.every((i: any) => ![SEED.ava.rewards.soon, SEED.ava.rewards.later].includes(i.id)), 'items[].id is the item\'s own');
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
    const reversal = wire('POST /profiles/{p}/redemptions/{r}/reverse', rev).data;
    assert.equal(reversal.balances.reward_balance, 25);
    assert.equal(tenant.redemptions().find((x) => x.id === reversal.id)?.type, 'reversal');
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
    const refund = wire('POST /profiles/{p}/redemptions/{r}/refund', part).data;
    assert.equal(refund.total, 5);
    const record = tenant.redemptions().find((x) => x.id === refund.id);
    assert.equal(record?.type, 'return');
    const issued = tenant.rewards(SEED.ava.id).find((x) => x.id === record?.items[0]?.id);
    assert.ok(issued && ![101, 102, 103].includes(issued.id));
    assert.equal(issued.remainingCents, 500);
    assert.ok(issued.expiresAt !== null && issued.expiresAt > tenant.clock.now());
    assert.equal(tenant.rewardBalanceCents(SEED.ava.id), 1000);

    const rest = await call('POST', `/redemptions/${r.id}/return`, {});
    assert.equal(wire('POST /redemptions/{r}/return', rest).data.total, 15);
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
    const r = wire('POST /profiles/{p}/benefits/{b}/redemptions', res).data;
    assert.equal(r.total, 5);
    const listed = wire('GET /redemptions/{r}', await call('GET', `/redemptions/${r.id}`)).data;
    assert.deepEqual(
      listed.items.map((i: any) => [i.type, i.value, i.count, i.type_attributes.id]),
      [['benefit', 5, 1, coffee]],
    );
    const state = tenant.benefits(SEED.ava.id).find((b) => (b as { id: number }).id === coffee) as Record<string, unknown>;
    assert.deepEqual([state['is_redeemable'], state['is_expired'], state['redemptions_remaining']], [false, false, 0]);
    const active = (await call('GET', `/profiles/${SEED.ava.id}/benefits?filter[status]=active`)).json.data;
    assert.deepEqual(active.map((b: { id: number }) => b.id), [SEED.ava.benefits.birthday]);
    assert.equal((await call('POST', `/profiles/${SEED.ava.id}/benefits/${coffee}/redemptions`, body)).status, 422);
    assert.equal((await call('POST', `/profiles/${SEED.ava.id}/benefits/${SEED.ava.benefits.expired}/redeem`, {})).status, 422);
    const invalid = await call('POST', `/profiles/${SEED.ava.id}/benefits/${SEED.ava.benefits.birthday}/redemptions`, { timezone: 'Mars/Base' });
    assert.deepEqual(Object.keys(invalid.json.errors).sort(), ['issued_at', 'timezone']);

    await call('POST', `/profiles/${SEED.ava.id}/redemptions/${r.id}/reverse`);
    const isActive = (b: any) => b.is_redeemable && !b.is_expired;
    assert.equal((tenant.benefits(SEED.ava.id) as any[]).filter(isActive).length, 2);

    const ref = await call('POST', `/profiles/${SEED.ava.id}/benefits/${SEED.ava.benefits.birthday}/redeem`, { count: 1 });
    assert.equal(wire('POST /profiles/{p}/benefits/{b}/redeem', ref).data.total, 10);
    const ret = await call('POST', `/redemptions/${ref.json.data.id}/benefit/return`, {});
    const returned = wire('POST /redemptions/{r}/benefit/return', ret).data;
    const newId = tenant.redemptions().find((x) => x.id === returned.id)?.items[0]?.id;
    assert.ok(newId && newId !== SEED.ava.benefits.birthday);
    const after = wire('GET /profiles/{p}/benefits/redeemable', await call('GET', `/profiles/${SEED.ava.id}/benefits/redeemable`)).data;
    assert.deepEqual(after.map((b: any) => b.id), [coffee, newId]);
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
    const { tenant, call } = setup();
    const r = (await call('POST', `/profiles/${SEED.ava.id}/redemptions`, redeem(20, { transaction_external_id: 'SALE-9' }))).json.data;
    const wrong = await call('POST', '/transactions', sale({ profile_id: SEED.noah.id, redemption_id: r.id }));
    assert.ok(wrong.json.errors.redemption_id);
    assert.ok((await call('POST', '/transactions', sale({ profile_id: SEED.ava.id, redemption_id: 999_999 }))).json.errors.redemption_id);
    const ok = await call('POST', '/transactions', sale({ profile_id: SEED.ava.id, redemption_id: r.id, external_id: 'SALE-9', staff_id: 1993, location_id: 2, receipt_ref: 'R-9' }));
    assert.equal(ok.status, 201);
    const t = wire('POST /transactions', ok).data;
    assert.deepEqual(
      [t.external_id, cents(t.total), cents(t.total_original), t.profile_id, t.redemption?.id, t.staff?.id, t.location?.id, t.receipt_ref, t.timezone],
      ['SALE-9', 4500, 6500, SEED.ava.id, r.id, SEED.staff.id, 2, 'R-9', 'Australia/Melbourne'],
    );
    assert.deepEqual(t.items[0].discounts, [{ amount: 20, reason_desc: 'Omneo reward' }]);
    const stored = tenant.transactions()[0]!;
    assert.deepEqual([stored.redemptionId, stored.staffId, stored.locationId], [r.id, 1993, 2]);
    // Once the sale is recorded, the listed redemption shows it: its sale id is transaction.external_id.
    const listed = wire('GET /redemptions', await call('GET', `/redemptions?filter[transaction_external_id]=SALE-9`)).data[0];
    assert.deepEqual([listed.transaction_id, listed.transaction.external_id, listed.transaction.receipt_ref], [t.id, 'SALE-9', 'R-9']);
    assert.equal((await call('POST', '/transactions', sale({ external_id: 'SALE-9' }))).status, 422);
  });

  it('upserts by external_id: a repeat updates, never creates a second', async () => {
    const { tenant, call } = setup();
    const first = await call('POST', '/transactions/update-create', sale({ external_id: 'SALE-U' }));
    const second = await call('POST', '/transactions/update-create', sale({ external_id: 'SALE-U', total: 40 }));
    assert.deepEqual([first.status, second.status], [201, 200]);
    assert.equal(second.json.data.id, first.json.data.id);
    assert.equal(wire('POST /transactions/update-create', second).data.total, 40);
    wire('POST /transactions/update-create', first);
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
    const kim = wire('POST /staff', created).data;
    const staffNumber = (p: any) => p.identities.find((i: any) => i.handle === 'staff-number')?.identifier;
    assert.equal(staffNumber(kim), '2024');
    assert.equal((await call('POST', '/staff', body)).json.errors.staff_id[0], 'The staff id has already been taken.');
    const put = await call('PUT', `/staff/${kim.id}`, { last_name: 'Park-Lee' });
    assert.equal(wire('PUT /staff/{s}', put).data.last_name, 'Park-Lee');
    assert.equal(staffNumber(wire('GET /staff/{s}', await call('GET', `/staff/${SEED.staff.id}`)).data), '1993');
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
