// The mock tenant in a real browser: the same handlers answer in-page through tenant.fetch,
// with no service worker, under the page's own origin or an absolute API base.
import { expect } from '@open-wc/testing';
import { balancesSchema, redemptionSchema, single } from '../../src/client/schemas.js';
import { SEED, createMockTenant } from '../../src/mocks/index.js';
import { caller } from './harness.js';

describe('mock tenant in the browser', () => {
  it('answers lookups and writes in-page, under an absolute or a relative base', async () => {
    const tenant = createMockTenant();
    const call = caller(tenant);
    const found = await call('GET', `/identities/search?handle=loyalty-card&identifier=${SEED.ava.card}`);
    expect(found.json.data.profile_id).to.equal(SEED.ava.id);

    const redeemed = await caller(tenant, { base: '/omneo' })('POST', `/profiles/${SEED.ava.id}/redemptions`, {
      strategies: ['rewards'],
      amount: 12.5,
    });
    expect(single(redemptionSchema).parse(redeemed.json).balancesAfter?.rewardCents).to.equal(1250);
    const balances = single(balancesSchema).parse((await call('GET', `/profiles/${SEED.ava.id}/balances`)).json);
    expect(balances.combinedCents).to.equal(2750);
    expect(tenant.requests.map((r) => r.path)).to.deep.equal([
      '/identities/search',
      `/profiles/${SEED.ava.id}/redemptions`,
      `/profiles/${SEED.ava.id}/balances`,
    ]);
  });

  it('drops an answer after the write, as a lost connection does', async () => {
    const tenant = createMockTenant();
    tenant.faults.dropNextAnswer();
    let error: unknown;
    try {
      await caller(tenant)('POST', `/profiles/${SEED.noah.id}/redemptions`, { strategies: ['rewards'], amount: 10 });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(TypeError);
    expect(tenant.rewardBalanceCents(SEED.noah.id)).to.equal(4000);
  });
});
