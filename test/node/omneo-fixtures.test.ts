/**
 * The client fed Omneo's own shapes: every body under test/fixtures/omneo (written from Omneo's
 * SDK types and API reference, never from the kit's mock) goes through the client as a transport
 * would hand it over, and what the till would read is asserted. The odd-but-legal values (null
 * totals, float and negative balances, string ids, null names and handles) must parse.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createOmneoClient, OmneoValidationError, type OmneoRequest, type OmneoTransport } from '../../src/client/index.ts';
import { findLiveRedemption, matchesIntent } from '../../src/rules/settle.ts';
import type { JournalEntry } from '../../src/rules/journal.ts';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/omneo/${name}.json`, import.meta.url), 'utf8'));

const AVA = '9a4c1f7e-3b2d-4e8a-9f10-2c6d5e7a8b91';
const SALE = 'SALE-2026-11-25-000417';

/** A transport that answers every request with one fixture, and remembers what it was asked. */
function answering(name: string, status = 200) {
  const seen: OmneoRequest[] = [];
  const transport: OmneoTransport = async (request) => {
    seen.push(request);
    return { status, headers: new Headers(), json: fixture(name) };
  };
  return { client: createOmneoClient({ transport, retry: { retries: 0 } }), seen };
}

describe('the client reads Omneo bodies built from its published types', () => {
  it('finds Ava by card through GET /identities with the profile embedded (identity handle null, id as text)', async () => {
    const { client, seen } = answering('identityList.include-profile');
    const match = await client.identities.lookup('loyalty-card', '2770001234567');
    assert.equal(match?.profileId, AVA);
    assert.equal(match?.profile?.fullName, 'Ava Nguyen');
    assert.deepEqual(match?.profile?.identities.map((i) => [i.id, i.handle]), [[88231, 'loyalty-card'], [90112, null]]);
    // The reference form is the default: the SDK's own route.
    assert.equal(seen[0]!.path, '/identities');
    assert.equal(seen[0]!.query?.['filter[identifier]'], '2770001234567');
  });

  it('answers no match for an empty identity page', async () => {
    assert.equal(await answering('identityList.empty').client.identities.lookup('loyalty-card', '0'), null);
  });

  it('reads a profile with negative and three-decimal balances, rounded down to the cent', async () => {
    const profile = await answering('profile.odd-balances').client.profiles.get('3f0e9d8c-7b6a-4c5d-8e4f-a1b2c3d4e5f6');
    assert.equal(profile.fullName, null);
    assert.deepEqual(
      { ...profile.balances, currency: undefined },
      { rewardCents: -550, points: -240, pointsValueCents: -235, combinedCents: -785, creditCents: 0, benefitCents: 0, currency: undefined },
    );
  });

  it('reads balances at an exchange rate: 12.345 point dollars are 1234 cents, never 1235', async () => {
    const balances = await answering('balances.float-exchange-rate').client.balances.get(AVA);
    assert.equal(balances.pointsValueCents, 1234);
    assert.equal(balances.combinedCents, 3734);
    assert.equal(balances.creditCents, 1050);
    assert.deepEqual(balances.currency, { from: 'AUD', to: 'NZD', rate: 1.0867 });
  });

  it('reads every benefit kind: only value and voucher benefits are money off; a nameless one gets a label', async () => {
    const benefits = await answering('benefitList.every-type').client.benefits.active(AVA);
    // The competition entry is not redeemable: not active. There is no status field to trust.
    assert.deepEqual(
      benefits.map((b) => [b.id, b.type, b.kind, b.valueCents]),
      [
        [501, 'gift', 'apply', 500],
        [502, 'value', 'money', 1000],
        [503, 'discount', 'apply', 1500],
        [505, 'event', 'apply', null],
        [506, 'voucher', 'money', 2000],
        [507, 'bonus', 'apply', 200],
        [508, 'other', 'apply', null],
      ],
    );
    assert.equal(benefits[0]!.definitionId, '1');
    assert.equal(typeof benefits.at(-1)!.name, 'string');
    assert.notEqual(benefits.at(-1)!.name, '');
  });

  it('reads write answers that carry no type and no items, and a null total', async () => {
    const made = await answering('successfulRedemption.redeem').client.redemptions.redeemRewards(AVA, { amountCents: 1250, saleId: SALE });
    assert.equal(made.type, 'redeem');
    assert.equal(made.saleId, SALE);
    const odd = await answering('successfulRedemption.null-total-odd-balances').client.redemptions.redeemRewards(AVA, { amountCents: 1500, saleId: SALE });
    assert.equal(odd.id, 70240);
    assert.equal(odd.totalCents, null);
    assert.equal(odd.balancesAfter?.rewardCents, 1499);
    const reversal = await answering('successfulRedemption.reversal').client.redemptions.reverse(AVA, 70211);
    assert.equal(reversal.type, 'reversal');
    const back = await answering('successfulRedemption.return').client.redemptions.refund(AVA, 70211, 500, { saleId: SALE });
    assert.equal(back.type, 'return');
  });

  it('sends a return with the sale id so it can be found again, on the reference route', async () => {
    const { client, seen } = answering('successfulRedemption.return');
    await client.redemptions.refund(AVA, 70211, 500, { saleId: SALE });
    assert.equal(seen[0]!.path, '/redemptions/70211/return');
    assert.deepEqual(seen[0]!.body, { amount: 5, transaction_external_id: SALE });
  });

  it('finds a sale\'s redemptions though listed ones echo no transaction_external_id, and matches benefits by what they redeemed', async () => {
    const { client, seen } = answering('redemptionList.sale-and-unattached');
    const found = await client.redemptions.findBySaleId(AVA, SALE);
    // The server filtered: both are kept (one names the sale under transaction, one has no transaction yet).
    assert.deepEqual(found.map((r) => [r.id, r.saleId, r.totalCents]), [[70211, SALE, 1250], [70212, null, null]]);
    assert.equal(seen[0]!.query?.['filter[transaction_external_id]'], SALE);
    const benefitEntry = { benefitId: 501 } as Pick<JournalEntry, 'benefitId'>;
    // Item 410560 redeemed benefit 501: matched by type_attributes.id, not by the item's own id.
    assert.equal(matchesIntent(benefitEntry, found[1]!), true);
    assert.equal(matchesIntent({ benefitId: 410560 }, found[1]!), false);
    assert.equal(matchesIntent({ amountCents: 1250 }, found[0]!), true);
    const entry = { profileId: AVA, sale: { id: SALE, currency: 'AUD', lines: [] }, amountCents: 1250 } as unknown as JournalEntry;
    assert.equal((await findLiveRedemption(client, entry))?.id, 70211);
  });

  it('reads a transaction linked to its redemption and a staff profile and locations', async () => {
    const tx = await answering('transaction.linked-sale').client.transactions.upsert({
      externalId: SALE, totalCents: 8750, transactedAt: '2026-11-25 12:04:10', timezone: 'Australia/Melbourne',
      items: [{ name: 'Jacket', quantity: 1, priceCurrentCents: 10000, priceSellCents: 8750 }],
    });
    assert.equal(tx.externalId, SALE);
    assert.equal(tx.totalCents, 8750);
    const staff = await answering('staff.created').client.staff.get('e2f1d0c9-b8a7-4655-9443-3322110ffeed');
    assert.equal(typeof staff.id, 'string');
    const stores = await answering('locationList.two-stores').client.locations.list();
    assert.equal(stores.length, 2);
  });

  it('turns a 422 into a validation error with its field errors', async () => {
    const { client } = answering('validationError.422-redeem', 422);
    await assert.rejects(client.redemptions.redeemRewards(AVA, { amountCents: 1, saleId: SALE }), (error: unknown) => {
      assert.ok(error instanceof OmneoValidationError);
      assert.ok(Object.keys(error.fieldErrors).length > 0);
      return true;
    });
  });
});

describe('ids are checked at the client\'s edge', () => {
  it('refuses dot segments and non-UUID profile ids before any request', async () => {
    const { client, seen } = answering('staff.created');
    await assert.rejects(client.staff.delete('..'), { code: 'invalid_input' });
    await assert.rejects(client.staff.update('.', { firstName: 'x' }), { code: 'invalid_input' });
    await assert.rejects(client.profiles.get('../staff'), { code: 'invalid_input' });
    await assert.rejects(client.redemptions.reverse(AVA, 1.5), { code: 'invalid_input' });
    assert.equal(seen.length, 0);
  });
});

describe('every transport is bounded and typed', () => {
  it('a transport that rejects with a plain TypeError is a network error (outcome unknown)', async () => {
    const client = createOmneoClient({ transport: async () => { throw new TypeError('socket hang up'); }, retry: { retries: 0 } });
    await assert.rejects(client.redemptions.redeemRewards(AVA, { amountCents: 100, saleId: SALE }), { code: 'network' });
  });

  it('a transport that never answers times out at the deadline', async () => {
    const client = createOmneoClient({ transport: () => new Promise(() => {}), deadlineMs: 50, retry: { retries: 0 } });
    await assert.rejects(client.balances.get(AVA), { code: 'timeout' });
  });

  it('a transport that answers junk is a typed error', async () => {
    const client = createOmneoClient({ transport: async () => 'ok' as never, retry: { retries: 0 } });
    await assert.rejects(client.balances.get(AVA), { code: 'network' });
  });

  it('a listing whose pages repeat (page[number] ignored) ends with a typed error, not double counting', async () => {
    const page = fixture('redemptionList.sale-and-unattached') as { meta: Record<string, unknown> };
    const body = { ...page, meta: { ...page.meta, last_page: 20 } };
    const client = createOmneoClient({ transport: async () => ({ status: 200, headers: new Headers(), json: body }), retry: { retries: 0 } });
    await assert.rejects(client.redemptions.findBySaleId(AVA, SALE), { code: 'unexpected_response' });
  });
});

describe('what the kit sends is exact and finite', () => {
  it('refuses a line quantity of NaN or Infinity before anything is sent (JSON would send null)', async () => {
    const { client, seen } = answering('transaction.linked-sale');
    for (const quantity of [Number.NaN, Number.POSITIVE_INFINITY]) {
      await assert.rejects(
        client.transactions.upsert({ externalId: SALE, totalCents: 100, transactedAt: '2026-11-25 12:00:00', timezone: 'UTC', items: [{ name: 'x', quantity, priceCurrentCents: 100, priceSellCents: 100 }] }),
        { code: 'invalid_input' },
      );
    }
    assert.equal(seen.length, 0);
  });

  it('sends cents as exact dollars and never a negative zero', async () => {
    const { client, seen } = answering('transaction.linked-sale');
    await client.transactions.upsert({
      externalId: SALE, totalCents: 1999, totalOriginalCents: 2029, transactedAt: '2026-11-25 12:00:00', timezone: 'UTC',
      items: [{ name: 'x', quantity: -0, priceCurrentCents: 29, priceSellCents: -0, discounts: [{ amountCents: 30, reason: 'r' }] }],
    });
    const text = JSON.stringify(seen[0]!.body);
    assert.match(text, /"total":19\.99,"total_original":20\.29/);
    assert.match(text, /"quantity":0,"price_current":0\.29,"price_sell":0,/);
    assert.doesNotMatch(text, /:-0[,}]/);
  });
});

describe('every fixture of a route answer parses', () => {
  // Each file under test/fixtures/omneo is read by the client method for its route; a new
  // fixture is covered by adding nothing but the file.
  const AVA_ID = '9a4c1f7e-3b2d-4e8a-9f10-2c6d5e7a8b91';
  const calls: Record<string, (c: ReturnType<typeof answering>['client']) => Promise<unknown>> = {
    identityList: (c) => c.identities.lookup('loyalty-card', '1'),
    identitySearch: async () => undefined, // read through the guide's route below
    profile: (c) => c.profiles.get(AVA_ID),
    profileList: (c) => c.profiles.search('lee'),
    balances: (c) => c.balances.get(AVA_ID),
    benefitList: (c) => c.benefits.active(AVA_ID),
    redemptionList: (c) => c.redemptions.findBySaleId(AVA_ID, SALE),
    successfulRedemption: (c) => c.redemptions.redeemRewards(AVA_ID, { amountCents: 100, saleId: SALE }),
    transaction: (c) => c.transactions.upsert({ externalId: SALE, totalCents: 1, transactedAt: '2026-11-25 12:00:00', timezone: 'UTC', items: [{ name: 'x', quantity: 1, priceCurrentCents: 1, priceSellCents: 1 }] }),
    staff: (c) => c.staff.get('e2f1d0c9-b8a7-4655-9443-3322110ffeed'),
    location: (c) => c.locations.get(2),
    locationList: (c) => c.locations.list(),
  };
  const dir = new URL('../fixtures/omneo/', import.meta.url);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const shape = file.split('.')[0]!;
    if (/error|Error/.test(shape)) continue;
    it(`${file}`, async () => {
      const call = calls[shape];
      assert.ok(call, `no client call reads the ${shape} shape: add one`);
      const { client } = answering(file.replace(/\.json$/, ''));
      if (shape === 'identitySearch') {
        const transport: OmneoTransport = async () => ({ status: 200, headers: new Headers(), json: fixture(file.replace(/\.json$/, '')) });
        await createOmneoClient({ transport, routes: 'guide' }).identities.lookup('loyalty-card', '1');
        return;
      }
      await call(client);
    });
  }
});
