// Omneo's wire contract (test/support/omneo-shapes.ts): the fixtures under test/fixtures/omneo/
// conform to it, it refuses what Omneo never sends, and every answer of the mock tenant, on
// every route it serves in both forms, conforms to it too, so the mock cannot drift from Omneo.
// Run: node --import tsx --test test/node/mocks-wire.test.ts
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { SHAPES, checkBody, type ShapeName } from '../support/omneo-shapes.ts';

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
