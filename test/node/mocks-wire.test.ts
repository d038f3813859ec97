// Omneo's wire contract (test/support/omneo-shapes.ts): the fixtures under test/fixtures/omneo/
// conform to it, it refuses what Omneo never sends, and every answer of the mock tenant, on
// every route it serves in both forms, conforms to it too, so the mock cannot drift from Omneo.
// Run: node --import tsx --test test/node/mocks-wire.test.ts
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { SEED, createMockTenant, resourcePath, type MockTenant } from '../../src/mocks/index.ts';
import { OMNEO_ROUTES } from '../../src/mocks/routes.ts';
import { caller, type Answer } from '../mocks/harness.ts';
import { ROUTE_SHAPES, SHAPES, checkBody, errorShapeFor, type RouteKey, type ShapeName } from '../support/omneo-shapes.ts';

const FIXTURES = new URL('../fixtures/omneo/', import.meta.url);
const fixtureFiles = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
const fixture = (name: string): any => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8'));

describe('Omneo fixtures', () => {
  it('are named <shape>.<case>.json after a known shape', () => {
    assert.ok(fixtureFiles.length >= 15);
    for (const f of fixtureFiles) assert.ok(f.split('.')[0]! in SHAPES, `${f}: no shape named ${f.split('.')[0]}`);
  });

  for (const f of fixtureFiles) {
    it(`${f} conforms to its shape`, () => {
      const shape = SHAPES[f.split('.')[0] as ShapeName];
      assert.deepEqual(checkBody(shape, fixture(f)), []);
    });
  }

  it('hold every odd-but-legal value Omneo sends', () => {
    const redemptions = fixture('redemptionList.sale-and-unattached.json').data;
    assert.ok(redemptions.some((r: any) => r.total === null));
    assert.ok(redemptions.some((r: any) => r.transaction === null));
    assert.ok(redemptions.some((r: any) => r.transaction?.external_id === 'SALE-2026-11-25-000417'));
    assert.ok(redemptions.flatMap((r: any) => r.items).some((i: any) => i.type === null));
    assert.equal(fixture('balances.float-exchange-rate.json').data.point_balance_dollars, 12.345);
    assert.ok(fixture('balances.negative.json').data.point_balance < 0);
    assert.ok(fixture('balances.negative.json').data.reward_balance < 0);
    const benefits = fixture('benefitList.every-type.json').data;
    assert.deepEqual(new Set(benefits.map((b: any) => b.definition.type)), new Set(['discount', 'value', 'competition', 'event', 'gift', 'voucher', 'bonus', 'other']));
    assert.ok(benefits.some((b: any) => b.definition.id === '3'));
    assert.ok(benefits.some((b: any) => b.definition.name === null));
    assert.ok(benefits.every((b: any) => !('status' in b)));
    const identities = fixture('identityList.include-profile.json').data[0].profile.identities;
    assert.ok(identities.some((i: any) => i.handle === null));
    assert.equal(fixture('successfulRedemption.null-total-odd-balances.json').data.total, null);
  });
});

describe('the wire description is strict', () => {
  it('refuses an unknown field, a missing required field, and a wrong type, naming where', () => {
    const listed = fixture('redemptionList.sale-and-unattached.json');
    const extra = structuredClone(listed);
    extra.data[0].transaction_external_id = 'SALE-1';
    assert.match(checkBody(SHAPES.redemptionList, extra).join('\n'), /data\.0.*transaction_external_id/);
    const missing = structuredClone(listed);
    delete missing.data[1].items[0].type_attributes;
    assert.match(checkBody(SHAPES.redemptionList, missing).join('\n'), /data\.1\.items\.0\.type_attributes/);
    const benefit = fixture('benefitList.every-type.json');
    benefit.data[0].status = 'active';
    assert.match(checkBody(SHAPES.benefitList, benefit).join('\n'), /status/);
    const write = fixture('successfulRedemption.redeem.json');
    write.data.items = [];
    assert.notDeepEqual(checkBody(SHAPES.successfulRedemption, write), []);
    const balances = fixture('balances.negative.json');
    balances.data.reward_balance = '12.50';
    assert.notDeepEqual(checkBody(SHAPES.balances, balances), []);
  });
});

// ---------------------------------------------------------------------------------------------
// The mock tenant, route by route, against the same description
// ---------------------------------------------------------------------------------------------

const ROUTE_KEYS = (Object.keys(ROUTE_SHAPES) as RouteKey[])
  // Literal segments win over placeholders: `/profiles/search-id` is not `/profiles/{p}`.
  .sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
const KEY_PATTERNS = ROUTE_KEYS.map((key) => {
  const [method, path] = key.split(' ') as [string, string];
  return { key, method, pattern: new RegExp(`^${path.replace(/\{[a-z]+\}/g, '[^/]+')}$`) };
});

function routeKey(method: string, path: string): RouteKey {
  const resource = resourcePath(path);
  const found = KEY_PATTERNS.find((k) => k.method === method && k.pattern.test(resource));
  assert.ok(found, `${method} ${resource}: a route the kit does not use`);
  return found.key;
}

/** A caller that checks every answer: 2xx against its route's shape, errors against Omneo's error bodies. */
function checkedCaller(tenant: MockTenant) {
  const call = caller(tenant);
  const seen = new Set<RouteKey>();
  const checked = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    const res = await call(method, path, body);
    const key = routeKey(method, path);
    const shape = res.status < 300 ? ROUTE_SHAPES[key] : errorShapeFor(res.status);
    if (shape === null) assert.deepEqual([res.status, res.text], [204, ''], key);
    else assert.deepEqual(checkBody(shape, res.json), [], `${method} ${path} (${res.status})`);
    if (res.status < 300) seen.add(key);
    return res;
  };
  return { call: checked, seen };
}

describe('every answer of the mock tenant is in Omneo shape', () => {
  it('on every route the kit uses, in both forms, through a day of sales', async () => {
    const tenant = createMockTenant();
    const { call, seen } = checkedCaller(tenant);
    const ava = SEED.ava.id;

    // Lookups.
    await call('GET', `/identities/search?handle=loyalty-card&identifier=${SEED.ava.card}`);
    await call('GET', `/identities?filter[handle]=loyalty-card&filter[identifier]=${SEED.ava.card}&include=profile`);
    await call('GET', `/identities?filter[handle]=staff-number&filter[identifier]=${SEED.staff.staffNumber}`);
    await call('POST', '/profiles/search-id', { type: 'loyalty-card', id: SEED.ava.card });
    await call('GET', '/profiles?search=Lee');
    await call('GET', '/profiles?filter[email]=ava.nguyen@example.com&page[size]=1&page[number]=1');
    for (const id of [ava, SEED.noah.id, SEED.empty.id, SEED.hostile.id, SEED.many.id, SEED.staff.id, SEED.odd.id]) {
      await call('GET', `/profiles/${id}`);
      await call('GET', `/profiles/${id}/balances`);
      await call('GET', `/profiles/${id}/benefits`);
      await call('GET', `/profiles/${id}/benefits?filter[status]=active&page[size]=100&page[number]=2`);
      await call('GET', `/profiles/${id}/benefits/redeemable`);
    }
    await call('GET', '/locations');
    await call('GET', '/locations/2');

    // Guide form: redeem, benefit redeem, reverse, refund.
    const sale = (id: string) => ({ transaction_external_id: id, transaction_receipt_ref: `R-${id}`, location_id: 2 });
    const g1 = (await call('POST', `/profiles/${ava}/redemptions`, { strategies: ['rewards', 'points'], amount: 30, ...sale('G1'), meta: { till: '07' } })).json.data;
    await call('POST', `/profiles/${ava}/redemptions/${g1.id}/reverse`);
    const g2 = (await call('POST', `/profiles/${ava}/redemptions`, { strategies: ['rewards'], amount: 5, ...sale('G2') })).json.data;
    await call('POST', `/profiles/${ava}/redemptions/${g2.id}/refund`, { amount: 2 });
    const gb = (
      await call('POST', `/profiles/${ava}/benefits/${SEED.ava.benefits.coffee}/redemptions`, {
        issued_at: '2026-11-25 12:00:00',
        timezone: 'Australia/Melbourne',
        ...sale('GB'),
      })
    ).json.data;
    await call('POST', `/profiles/${ava}/redemptions/${gb.id}/reverse`);

    // Reference form: redeem, benefit redeem, reversal, return (with the sale id), benefit return.
    const r1 = (await call('POST', `/profiles/${SEED.noah.id}/redemptions`, { strategies: ['rewards'], amount: 12.34, ...sale('S1') })).json.data;
    await call('POST', `/redemptions/${r1.id}/reversal`, { transaction_external_id: 'S1' });
    const r2 = (await call('POST', `/profiles/${SEED.noah.id}/redemptions`, { strategies: ['rewards'], amount: 20, ...sale('S2') })).json.data;
    await call('POST', '/transactions', {
      profile_id: SEED.noah.id,
      redemption_id: r2.id,
      external_id: 'S2',
      receipt_ref: 'R-S2',
      staff_id: SEED.staff.staffNumber,
      location_id: 2,
      total: 80,
      total_original: 100,
      transacted_at: '2026-11-25 12:05:00',
      timezone: 'Australia/Melbourne',
      payments: ['eftpos'],
      items: [{ name: 'Coat', sku: 'C-1', quantity: 1, price_original: 100, price_current: 100, price_sell: 80, discounts: [{ amount: 20, reason_desc: 'Omneo' }] }],
    });
    tenant.clock.advance(24 * 3_600_000);
    await call('POST', `/redemptions/${r2.id}/return`, { amount: 5, strategies: ['points'], transaction_external_id: 'S2-RET', transaction_receipt_ref: 'R-RET', location_id: 1 });
    await call('POST', `/redemptions/${r2.id}/return`, { transaction_external_id: 'S2' });
    const rb = (await call('POST', `/profiles/${ava}/benefits/${SEED.ava.benefits.birthday}/redeem`, { count: 1, ...sale('SB') })).json.data;
    await call('POST', `/redemptions/${rb.id}/benefit/return`, { count: 1 });
    await call('POST', '/transactions/update-create', {
      external_id: 'S3',
      total: 10,
      transacted_at: '2026-11-26 09:00:00',
      timezone: 'Australia/Melbourne',
      items: [{ name: 'Socks', quantity: 2, price_current: 5, price_sell: 5 }],
    });

    // Every redemption record, listed in full and one by one, and found by its sale.
    const all = (await call('GET', '/redemptions?page[size]=100')).json.data;
    assert.equal(all.length, tenant.redemptions().length);
    for (const r of all) await call('GET', `/redemptions/${r.id}`);
    const s2 = (await call('GET', `/redemptions?filter[profile_id]=${SEED.noah.id}&filter[transaction_external_id]=S2`)).json.data;
    assert.deepEqual(s2.map((r: any) => r.type), ['redeem', 'return'], 'a return sent with the sale id is found by it');
    assert.equal(s2[0].transaction.external_id, 'S2');
    const s1 = (await call('GET', '/redemptions?filter[transaction_external_id]=S1')).json.data;
    assert.deepEqual(s1.map((r: any) => [r.type, r.transaction]), [['redeem', null], ['reversal', null]]);
    assert.deepEqual((await call('GET', '/redemptions?filter[transaction_external_id]=S2-RET')).json.data.map((r: any) => r.type), ['return']);
    await call('GET', '/redemptions?page[size]=2&page[number]=3');

    // Staff.
    const kim = (await call('POST', '/staff', { first_name: 'Kim', last_name: 'Park', email: 'kim@example.com', staff_id: '77', joined_at: '2024-01-02' })).json.data;
    await call('GET', `/staff/${kim.id}`);
    await call('PUT', `/staff/${kim.id}`, { last_name: 'Park-Lee' });
    await call('DELETE', `/staff/${kim.id}`);

    // Errors are Omneo's bodies too.
    await call('GET', '/identities/search?identifier=1');
    await call('GET', `/profiles/${SEED.ava.id}0`);
    await call('POST', `/profiles/${ava}/redemptions`, { strategies: ['rewards'], amount: 10_000 });
    await call('POST', `/redemptions/${r1.id}/reversal`);
    await call('GET', '/locations/99');

    assert.deepEqual(ROUTE_KEYS.filter((k) => !seen.has(k)), [], 'routes never answered 2xx');
    const untouched = OMNEO_ROUTES.filter((r) => !tenant.requests.some((q) => q.method.toLowerCase() === r.method && r.pattern.test(q.path)));
    assert.deepEqual(untouched.map((r) => `${r.method} ${r.pattern}`), [], 'mock routes this test never drove');
  });

  it('with the faults that change an answer switched on', async () => {
    const tenant = createMockTenant();
    const { call } = checkedCaller(tenant);
    tenant.faults.nullTotals();
    tenant.faults.oddBalances();
    tenant.faults.ignorePageNumber();
    const r = (await call('POST', `/profiles/${SEED.ava.id}/redemptions`, { strategies: ['rewards', 'points'], amount: 26, transaction_external_id: 'F1' })).json.data;
    assert.deepEqual([r.total, r.total_localised], [null, null]);
    assert.equal(r.balances.point_balance_dollars, 14.004);
    await call('POST', `/redemptions/${r.id}/reversal`);
    const page = (await call('GET', `/profiles/${SEED.many.id}/benefits?page[size]=10&page[number]=3`)).json;
    assert.equal(page.meta.current_page, 1);
  });
});
