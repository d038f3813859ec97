/**
 * Every client method, on both route forms, against the mock tenant. One body of tests run
 * twice: in Node through `tenant.fetch`, and in Chromium through msw's service worker. The
 * assertions go through a small adapter so node:assert and chai can both serve.
 */
import {
  createOmneoClient,
  fetchTransport,
  OmneoNotFoundError,
  OmneoValidationError,
  type OmneoClient,
  type RoutesOption,
} from '../../src/client/index.js';
import { SEED, type MockTenant } from '../../src/mocks/index.js';

export interface Assert {
  equal(actual: unknown, expected: unknown, message?: string): void;
  deepEqual(actual: unknown, expected: unknown, message?: string): void;
  ok(value: unknown, message?: string): void;
}

export interface Suite {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void>): void;
}

export interface ContractSetup {
  tenant: MockTenant;
  /** The fetch the client should use, and the base URL it should call. */
  fetch: typeof fetch;
  baseUrl: string;
}

async function rejectsWith(promise: Promise<unknown>, type: new (...args: never[]) => Error, assert: Assert) {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
    return error;
  }
  assert.ok(false, `expected ${type.name}, got success`);
  return undefined;
}

const sale = (id: string) => ({
  externalId: id,
  totalCents: 20000,
  totalOriginalCents: 25000,
  transactedAt: '2026-11-25 12:30:00',
  timezone: 'Australia/Melbourne',
  staffId: SEED.staff.staffNumber,
  locationId: SEED.location.id,
  items: [
    {
      name: 'Jacket',
      quantity: 1,
      priceCurrentCents: 25000,
      priceSellCents: 20000,
      discounts: [{ amountCents: 5000, reason: 'Omneo reward' }],
    },
  ],
});

export function clientContract(suite: Suite, assert: Assert, setup: () => Promise<ContractSetup> | ContractSetup) {
  const { describe, it } = suite;
  for (const routes of ['guide', 'reference'] as RoutesOption[]) {
    describe(`the client on the ${String(routes)} routes`, () => {
      async function make(): Promise<{ tenant: MockTenant; client: OmneoClient }> {
        const { tenant, fetch, baseUrl } = await setup();
        const client = createOmneoClient({ transport: fetchTransport({ baseUrl, token: 'test-token', fetch }), routes });
        return { tenant, client };
      }

      it('finds a member by loyalty card, and answers null for an unknown card', async () => {
        const { client } = await make();
        const match = await client.identities.lookup('loyalty-card', SEED.ava.card);
        assert.equal(match?.profileId, SEED.ava.id);
        assert.equal(await client.identities.lookup('loyalty-card', '2770000099999'), null);
      });

      it('reads a profile with its balances in cents, and searches by name and email', async () => {
        const { client } = await make();
        const ava = await client.profiles.get(SEED.ava.id);
        assert.equal(ava.fullName, 'Ava Nguyen');
        assert.deepEqual(
          [ava.balances?.rewardCents, ava.balances?.points, ava.balances?.pointsValueCents, ava.balances?.combinedCents],
          [2500, 1500, 1500, 4000],
        );
        const lees = await client.profiles.search('Lee');
        assert.deepEqual(lees.items.map((p) => p.id).sort(), [...SEED.lee].sort());
        const byEmail = await client.profiles.search(SEED.ava.email);
        assert.equal(byEmail.items[0]?.id, SEED.ava.id);
        await rejectsWith(client.profiles.get('00000000-0000-4000-8000-000000000000'), OmneoNotFoundError, assert);
      });

      it('reads balances, and every active benefit across pages', async () => {
        const { client } = await make();
        const balances = await client.balances.get(SEED.ava.id);
        assert.equal(balances.combinedCents, 4000);
        const benefits = await client.benefits.active(SEED.ava.id);
        assert.deepEqual(benefits.map((b) => b.id).sort(), [SEED.ava.benefits.coffee, SEED.ava.benefits.birthday]);
        assert.equal((await client.benefits.active(SEED.many.id)).length, 200);
      });

      it('redeems rewards, finds the redemption by sale id, and reverses it', async () => {
        const { client, tenant } = await make();
        const redemption = await client.redemptions.redeemRewards(SEED.noah.id, { amountCents: 1234, saleId: 'sale-r1' });
        assert.equal(redemption.totalCents, 1234);
        assert.equal(redemption.saleId, 'sale-r1');
        assert.equal(tenant.rewardBalanceCents(SEED.noah.id), 5000 - 1234);
        const found = await client.redemptions.findBySaleId(SEED.noah.id, 'sale-r1');
        assert.deepEqual(found.map((r) => r.id), [redemption.id]);
        const reversal = await client.redemptions.reverse(SEED.noah.id, redemption.id);
        assert.equal(reversal.type, 'reversal');
        assert.equal(tenant.rewardBalanceCents(SEED.noah.id), 5000);
      });

      it('refunds part of a redemption as a new reward', async () => {
        const { client, tenant } = await make();
        const redemption = await client.redemptions.redeemRewards(SEED.noah.id, { amountCents: 5000, saleId: 'sale-r2' });
        const refund = await client.redemptions.refund(SEED.noah.id, redemption.id, 2300);
        assert.equal(refund.type, 'return');
        assert.equal(refund.totalCents, 2300);
        assert.equal(tenant.rewardBalanceCents(SEED.noah.id), 2300);
      });

      it('refuses more than the balance with a validation error naming the field', async () => {
        const { client } = await make();
        const error = (await rejectsWith(
          client.redemptions.redeemRewards(SEED.ava.id, { amountCents: 2501 }),
          OmneoValidationError,
          assert,
        )) as OmneoValidationError;
        assert.equal(error.status, 422);
        assert.ok(Object.keys(error.fieldErrors).length > 0);
      });

      it('redeems a benefit, which is then no longer active, and returns it', async () => {
        const { client } = await make();
        const redemption = await client.redemptions.redeemBenefit(SEED.ava.id, SEED.ava.benefits.coffee, {
          issuedAt: '2026-11-25 12:00:00',
          timezone: 'Australia/Melbourne',
          saleId: 'sale-b1',
        });
        // A write's answer (Omneo's SuccessfulRedemption) has no items: the list says what was redeemed.
        const listed = await client.redemptions.findBySaleId(SEED.ava.id, 'sale-b1');
        assert.deepEqual(listed.map((r) => r.items.map((i) => [i.type, i.instanceId])), [[['benefit', SEED.ava.benefits.coffee]]]);
        const active = await client.benefits.active(SEED.ava.id);
        assert.deepEqual(active.map((b) => b.id), [SEED.ava.benefits.birthday]);
        const back = await client.redemptions.refundBenefit(SEED.ava.id, redemption.id);
        assert.equal(back.type, 'return');
        assert.equal((await client.benefits.active(SEED.ava.id)).length, 2);
      });

      it('records a transaction, and upserts by external id without a second one', async () => {
        const { client, tenant } = await make();
        const created = await client.transactions.create(sale('sale-t1'));
        assert.deepEqual([created.externalId, created.totalCents, created.totalOriginalCents, created.staffId], ['sale-t1', 20000, 25000, '1993']);
        const first = await client.transactions.upsert(sale('sale-t2'));
        const again = await client.transactions.upsert(sale('sale-t2'));
        assert.equal(first.id, again.id);
        assert.equal(tenant.transactions().filter((t) => t.externalId === 'sale-t2').length, 1);
      });

      it('creates, reads, updates and deletes a staff member', async () => {
        const { client } = await make();
        const staff = await client.staff.create({
          firstName: 'Kim',
          lastName: 'Lo',
          email: 'kim.lo@example.com',
          staffNumber: '2024',
          joinedAt: '2026-01-05',
        });
        assert.equal(staff.staffNumber, '2024');
        assert.equal((await client.staff.get(staff.id)).email, 'kim.lo@example.com');
        assert.equal((await client.staff.update(staff.id, { lastName: 'Low' })).lastName, 'Low');
        await client.staff.delete(staff.id);
        await rejectsWith(client.staff.get(staff.id), OmneoNotFoundError, assert);
      });

      it('lists locations with their time zones', async () => {
        const { client } = await make();
        const locations = await client.locations.list();
        assert.ok(locations.some((l) => l.name === 'Melbourne Central' && l.timezone === 'Australia/Melbourne'));
        assert.equal((await client.locations.get(2)).timezone, 'Australia/Melbourne');
      });
    });
  }
}
