/**
 * The redemption lifecycle against the mock tenant: what Omneo ends up holding (redemptions,
 * transactions, balances) is what is asserted, after double clicks, lost answers, a closed
 * reversal window, partial returns and reloads.
 */
import { expect } from '@open-wc/testing';
import { createOmneoClient, fetchTransport } from '../../src/client/index.js';
import { createMockTenant, SEED, type MockTenant } from '../../src/mocks/index.js';
import {
  memoryStore,
  buildTransaction,
  completeSale,
  recoverRedemptions,
  RedemptionFlow,
  RedemptionFlowError,
  RedemptionJournal,
  type FlowSnapshot,
  type KeyValueStore,
  type Sale,
} from '../../src/rules/index.js';

const BASE = 'https://api.test.getomneo.com/api/v3';

/** The guide's sale: 65.00, 115.00, 25.00, 45.00. */
function guideSale(id = `sale-${Math.random().toString(36).slice(2)}`): Sale {
  return {
    id,
    currency: 'AUD',
    lines: [
      { id: 'l1', name: 'Jeans', quantity: 1, amountCents: 6500 },
      { id: 'l2', name: 'Jacket', quantity: 1, amountCents: 11500 },
      { id: 'l3', name: 'Socks', quantity: 5, amountCents: 2500 },
      { id: 'l4', name: 'Shirt', quantity: 1, amountCents: 4500 },
    ],
  };
}

const paid = { payments: ['card'], staffId: '1993', locationId: 2, timezone: 'Australia/Melbourne', receiptRef: 'R-1' };

function setup(store: KeyValueStore = memoryStore()) {
  const tenant = createMockTenant();
  const client = createOmneoClient({
    transport: fetchTransport({ baseUrl: BASE, token: 'test-token', fetch: tenant.fetch }),
    retry: { baseDelayMs: 1, maxDelayMs: 4 },
  });
  const journal = new RedemptionJournal(store);
  const seen: FlowSnapshot['state'][] = [];
  const flow = new RedemptionFlow({ client, journal, now: tenant.clock.now, observer: (s) => seen.push(s.state) });
  return { tenant, client, journal, flow, seen, store };
}

const posts = (tenant: MockTenant, path: RegExp) => tenant.requests.filter((r) => r.method === 'POST' && path.test(r.path));
const REDEEM = /^\/profiles\/[^/]+\/redemptions$/;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('RedemptionFlow: redeem', () => {
  it('redeems once, sends the sale id, journals the held redemption before resolving, and allocates exactly', async () => {
    const { tenant, flow, journal, seen } = setup();
    const sale = guideSale('sale-guide');
    let journaledAtHeld = false;
    const done = flow.redeem({ profileId: SEED.noah.id, sale, amountCents: 5000 });
    const snapshot = await done;
    journaledAtHeld = (await journal.get('sale-guide#rewards'))?.stage === 'held';
    expect(journaledAtHeld).to.equal(true);
    expect(snapshot.state).to.equal('held');
    expect(seen).to.deep.equal(['redeeming', 'held']);
    expect(snapshot.allocation!.map((l) => l.shareCents)).to.deep.equal([1300, 2300, 500, 900]);
    const [post] = posts(tenant, REDEEM);
    expect(post!.body).to.deep.include({ amount: 50, transaction_external_id: 'sale-guide', strategies: ['rewards'] });
    expect(tenant.rewardBalanceCents(SEED.noah.id)).to.equal(0);
    expect(flow.reversalDeadline).to.equal(tenant.clock.now() + 9 * 60_000);
  });

  it('a double click is one redemption: the second call gets the same promise', async () => {
    const { tenant, flow } = setup();
    const sale = guideSale();
    const a = flow.redeem({ profileId: SEED.noah.id, sale, amountCents: 2000 });
    const b = flow.redeem({ profileId: SEED.noah.id, sale, amountCents: 2000 });
    expect(a).to.equal(b);
    await a;
    await flow.redeem({ profileId: SEED.noah.id, sale, amountCents: 2000 });
    expect(posts(tenant, REDEEM)).to.have.length(1);
    expect(tenant.rewardBalanceCents(SEED.noah.id)).to.equal(3000);
  });

  it('two flows on one page never redeem the same sale twice', async () => {
    const { tenant, client, journal, flow } = setup();
    const other = new RedemptionFlow({ client, journal, now: tenant.clock.now });
    const sale = guideSale();
    const first = flow.redeem({ profileId: SEED.noah.id, sale, amountCents: 1000 });
    const error = await rejection(other.redeem({ profileId: SEED.noah.id, sale, amountCents: 1000 }));
    await first;
    expect(error).to.be.instanceOf(RedemptionFlowError);
    expect((error as RedemptionFlowError).code).to.equal('intent_in_progress');
    expect(posts(tenant, REDEEM)).to.have.length(1);
  });

  it('a flow disposed while its request is in flight lets go of the sale', async () => {
    const { tenant, client, journal, flow } = setup();
    const sale = guideSale();
    const pending = flow.redeem({ profileId: SEED.noah.id, sale, amountCents: 1000 });
    flow.dispose();
    await pending;
    const recovered = await recoverRedemptions({ client, journal, now: tenant.clock.now });
    expect(recovered.reports.map((r) => r.status)).to.deep.equal(['settled']);
  });

  it('adopts the redemption when the answer is lost after Omneo made it, instead of posting again', async () => {
    const { tenant, flow, journal } = setup();
    tenant.faults.dropNextAnswer({ method: 'POST', path: REDEEM });
    const snapshot = await flow.redeem({ profileId: SEED.noah.id, sale: guideSale('sale-drop'), amountCents: 5000 });
    expect(snapshot.state).to.equal('held');
    expect(posts(tenant, REDEEM)).to.have.length(1);
    expect(tenant.redemptions().filter((r) => r.type === 'redeem')).to.have.length(1);
    expect((await journal.get('sale-drop#rewards'))?.redemption?.id).to.equal(snapshot.redemption!.id);
  });

  it('posts once more only when the lookup shows the first request never landed', async () => {
    const { tenant, flow } = setup();
    tenant.faults.failNext(1, 503, { method: 'POST', path: REDEEM });
    const snapshot = await flow.redeem({ profileId: SEED.noah.id, sale: guideSale(), amountCents: 1500 });
    expect(snapshot.state).to.equal('held');
    expect(posts(tenant, REDEEM)).to.have.length(2);
    expect(tenant.redemptions().filter((r) => r.type === 'redeem')).to.have.length(1);
    expect(tenant.rewardBalanceCents(SEED.noah.id)).to.equal(3500);
  });

  it('a refusal (more than the balance) leaves nothing in the journal and the flow idle', async () => {
    const { tenant, flow, journal } = setup();
    const sale = guideSale();
    const error = await rejection(flow.redeem({ profileId: SEED.ava.id, sale, amountCents: 3000 }));
    expect((error as { code: string }).code).to.equal('validation');
    expect(flow.state).to.equal('idle');
    expect((await journal.list()).entries).to.have.length(0);
    expect(tenant.rewardBalanceCents(SEED.ava.id)).to.equal(2500);
  });

  it('refuses an amount above the eligible sale total before anything is written', async () => {
    const { tenant, flow } = setup();
    const sale: Sale = { id: 's', currency: 'AUD', lines: [{ id: 'a', name: 'Gift card', quantity: 1, amountCents: 5000, eligible: false }, { id: 'b', name: 'Tee', quantity: 1, amountCents: 1000 }] };
    const error = await rejection(flow.redeem({ profileId: SEED.noah.id, sale, amountCents: 2000 }));
    expect((error as { code: string }).code).to.equal('amount_exceeds_eligible');
    expect(tenant.requests).to.have.length(0);
  });
});

describe('RedemptionFlow: settle', () => {
  it('records the sale with the redemption, each line carrying its share as a discount, exactly once', async () => {
    const { tenant, flow, journal } = setup();
    await flow.redeem({ profileId: SEED.noah.id, sale: guideSale('sale-rec'), amountCents: 5000 });
    const tx = await flow.complete(paid);
    await flow.complete(paid);
    expect(flow.state).to.equal('completed');
    expect(tx.totalCents).to.equal(20000);
    expect(tx.totalOriginalCents).to.equal(25000);
    const sent = posts(tenant, /^\/transactions/)[0]!.body as Record<string, unknown>;
    expect(sent).to.deep.include({ external_id: 'sale-rec', total: 200, total_original: 250, staff_id: '1993', location_id: 2 });
    expect(sent.redemption_id).to.equal(flow.current.redemption!.id);
    const items = sent.items as { discounts?: { amount: number }[]; price_sell: number }[];
    expect(items.map((i) => i.discounts?.[0]?.amount)).to.deep.equal([13, 23, 5, 9]);
    expect(items.map((i) => i.price_sell)).to.deep.equal([52, 92, 20, 36]);
    expect(tenant.transactions().filter((t) => t.externalId === 'sale-rec')).to.have.length(1);
    expect((await journal.list()).entries).to.have.length(0);
  });

  it('a recording retried after a lost answer never records the sale twice', async () => {
    const { tenant, flow } = setup();
    await flow.redeem({ profileId: SEED.noah.id, sale: guideSale('sale-twice'), amountCents: 5000 });
    tenant.faults.dropNextAnswer({ method: 'POST', path: /^\/transactions/ });
    await rejection(flow.complete(paid));
    expect(flow.state).to.equal('recording');
    await flow.complete(paid);
    expect(tenant.transactions().filter((t) => t.externalId === 'sale-twice')).to.have.length(1);
  });

  it('payment declined inside the window: reversed, the same rewards restored', async () => {
    const { tenant, flow, journal, seen } = setup();
    await flow.redeem({ profileId: SEED.ava.id, sale: guideSale(), amountCents: 2500 });
    expect(tenant.rewardBalanceCents(SEED.ava.id)).to.equal(0);
    tenant.clock.advance(5 * 60_000);
    const outcome = await flow.paymentFailed();
    expect(outcome.outcome).to.equal('reversed');
    expect(outcome.returnedCents).to.equal(2500);
    expect(seen.slice(-2)).to.deep.equal(['reversing', 'reversed']);
    expect(tenant.rewardBalanceCents(SEED.ava.id)).to.equal(2500);
    expect((await journal.list()).entries).to.have.length(0);
  });

  it('payment declined after the window: refunded as a new reward, and it says why', async () => {
    const { tenant, flow } = setup();
    await flow.redeem({ profileId: SEED.ava.id, sale: guideSale(), amountCents: 1000 });
    tenant.clock.advance(9 * 60_000 + 1);
    const outcome = await flow.paymentFailed();
    expect(outcome.outcome).to.equal('refunded');
    expect(outcome.reason).to.contain('10-minute reversal window had passed');
    expect(tenant.redemptions().filter((r) => r.type === 'reversal')).to.have.length(0);
    expect(tenant.redemptions().filter((r) => r.type === 'return')).to.have.length(1);
    expect(tenant.rewardBalanceCents(SEED.ava.id)).to.equal(2500);
  });

  it('falls back to a refund when Omneo refuses a reversal the kit thought was in time', async () => {
    const { tenant, client, journal } = setup();
    const flow = new RedemptionFlow({ client, journal, now: tenant.clock.now, safetyMarginMs: 0 });
    await flow.redeem({ profileId: SEED.noah.id, sale: guideSale(), amountCents: 1000 });
    tenant.faults.failNext(1, 422, { method: 'POST', path: /revers(e|al)$/ });
    const outcome = await flow.paymentFailed();
    expect(outcome.outcome).to.equal('refunded');
    expect(outcome.reason).to.contain('refused the reversal');
    expect(tenant.rewardBalanceCents(SEED.noah.id)).to.equal(5000);
  });

  it('adopts a reversal whose answer was lost, and never refunds on top of it', async () => {
    const { tenant, flow } = setup();
    await flow.redeem({ profileId: SEED.noah.id, sale: guideSale(), amountCents: 1000 });
    tenant.faults.dropNextAnswer({ method: 'POST', path: /revers(e|al)$/ });
    const outcome = await flow.paymentFailed();
    expect(outcome.outcome).to.equal('reversed');
    expect(tenant.redemptions().filter((r) => r.type === 'return')).to.have.length(0);
    expect(tenant.rewardBalanceCents(SEED.noah.id)).to.equal(5000);
  });

  it('a partial return refunds exactly the returned share, and all returns add up to the redemption', async () => {
    const { tenant, flow } = setup();
    await flow.redeem({ profileId: SEED.noah.id, sale: guideSale(), amountCents: 5000 });
    await flow.complete(paid);
    expect((await flow.refund({ returned: [{ id: 'l3', quantity: 2, ofQuantity: 5 }] })).refundCents).to.equal(200);
    expect((await flow.refund({ returned: [{ id: 'l2' }] })).refundCents).to.equal(2300);
    expect(flow.state).to.equal('completed');
    await flow.refund({ returned: [{ id: 'l1' }, { id: 'l3', quantity: 3, ofQuantity: 5 }, { id: 'l4' }] });
    expect(flow.state).to.equal('refunded');
    const returns = tenant.redemptions().filter((r) => r.type === 'return');
    expect(returns.map((r) => r.totalCents)).to.deep.equal([200, 2300, 2500]);
    expect(tenant.rewardBalanceCents(SEED.noah.id)).to.equal(5000);
  });
});

describe('completeSale', () => {
  it('records a sale with rewards and a benefit once, and recovery after a cut-off recording keeps the rewards link', async () => {
    const { tenant, client, store } = setup();
    const journal = new RedemptionJournal(store);
    const sale = guideSale('sale-both');
    const rewards = new RedemptionFlow({ client, journal, now: tenant.clock.now });
    const coffee = new RedemptionFlow({ client, journal, now: tenant.clock.now });
    await coffee.redeem({ profileId: SEED.ava.id, sale, benefitId: SEED.ava.benefits.coffee, timezone: 'Australia/Melbourne' });
    await rewards.redeem({ profileId: SEED.ava.id, sale, amountCents: 2000 });
    tenant.faults.failNext(1, 503, { method: 'POST', path: /^\/transactions/ });
    await rejection(completeSale([coffee, rewards], paid));
    rewards.dispose();
    coffee.dispose();
    const result = await recoverRedemptions({ client, journal: new RedemptionJournal(store), now: tenant.clock.now });
    expect(result.reports.map((r) => r.status)).to.deep.equal(['settled', 'settled']);
    const [tx, ...more] = tenant.transactions().filter((t) => t.externalId === 'sale-both');
    expect(more).to.have.length(0);
    expect(tx!.redemptionId).to.equal(rewards.current.redemption!.id);
    const discounts = (tx!.items as { discounts?: { amount: number }[] }[]).map((i) => (i.discounts ?? []).reduce((sum, d) => sum + d.amount, 0));
    const expected = [rewards, coffee].map((f) => f.current.allocation!.map((l) => l.shareCents));
    expect(discounts.map((d) => Math.round(d * 100))).to.deep.equal(expected[0]!.map((c, i) => c + expected[1]![i]!));
    expect(tenant.redemptions().filter((r) => r.type !== 'redeem')).to.have.length(0);
  });
});

describe('recovery of a claimed sale with rewards and a benefit', () => {
  it('records one transaction carrying both redemptions and the rewards link', async () => {
    const { tenant, client, store } = setup();
    const sale = guideSale('sale-claim-both');
    const rewards = new RedemptionFlow({ client, journal: new RedemptionJournal(store), now: tenant.clock.now });
    const coffee = new RedemptionFlow({ client, journal: new RedemptionJournal(store), now: tenant.clock.now });
    await rewards.redeem({ profileId: SEED.ava.id, sale, amountCents: 2000 });
    await coffee.redeem({ profileId: SEED.ava.id, sale, benefitId: SEED.ava.benefits.coffee, timezone: 'Australia/Melbourne' });
    rewards.dispose();
    coffee.dispose();
    let asked = 0;
    const result = await recoverRedemptions({
      client,
      journal: new RedemptionJournal(store),
      now: tenant.clock.now,
      claim: () => (asked++, paid),
    });
    expect(result.reports.map((r) => r.status === 'settled' && r.outcome)).to.deep.equal(['recorded', 'recorded']);
    expect(asked).to.equal(1);
    const [tx, ...more] = tenant.transactions().filter((t) => t.externalId === 'sale-claim-both');
    expect(more).to.have.length(0);
    expect(tx!.redemptionId).to.equal(rewards.current.redemption!.id);
    expect(tx!.totalCents).to.equal(25000 - 2000 - coffee.current.redemption!.totalCents!);
  });
});

describe('one settlement per redemption', () => {
  it('payment failing in the same tick as the sale is recorded: the sale is recorded, never reversed', async () => {
    const { tenant, flow } = setup();
    await flow.redeem({ profileId: SEED.noah.id, sale: guideSale('sale-race'), amountCents: 1000 });
    const recorded = flow.complete(paid);
    const refused = await rejection(flow.paymentFailed());
    await recorded;
    expect((refused as RedemptionFlowError).code).to.equal('invalid_state');
    expect(tenant.transactions().filter((t) => t.externalId === 'sale-race')).to.have.length(1);
    expect(tenant.redemptions().filter((r) => r.type !== 'redeem')).to.have.length(0);
  });

  it("another tab's recovery leaves a live page's sale alone, however long it is held", async () => {
    const { tenant, client, store } = setup();
    // The live page holds its owner lock, as defaultOwner() does for every page.
    let release!: () => void;
    void navigator.locks.request('omneo-pos-kit:owner:live-tab', () => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 0));
    const flow = new RedemptionFlow({ client, journal: new RedemptionJournal(store), now: tenant.clock.now, owner: 'live-tab' });
    await flow.redeem({ profileId: SEED.noah.id, sale: guideSale('sale-live'), amountCents: 1000 });
    tenant.clock.advance(30 * 60_000);
    const other = await recoverRedemptions({ client, journal: new RedemptionJournal(store), now: tenant.clock.now, owner: 'other-tab' });
    expect(other.reports.map((r) => r.status)).to.deep.equal(['skipped']);
    await flow.complete(paid);
    expect(tenant.redemptions().filter((r) => r.type !== 'redeem')).to.have.length(0);
    release();
  });

  it("a dead page's sale is settled at once by the next page, lease or no lease", async () => {
    const { tenant, client, store } = setup();
    const flow = new RedemptionFlow({ client, journal: new RedemptionJournal(store), now: tenant.clock.now, owner: 'closed-tab' });
    await flow.redeem({ profileId: SEED.noah.id, sale: guideSale('sale-dead'), amountCents: 1000 });
    flow.dispose();
    const result = await recoverRedemptions({ client, journal: new RedemptionJournal(store), now: tenant.clock.now, owner: 'new-page' });
    expect(result.reports[0]).to.include({ status: 'settled', outcome: 'reversed' });
    expect(await rejection(flow.complete(paid))).to.be.instanceOf(RedemptionFlowError);
    expect(tenant.transactions()).to.have.length(0);
  });
});

describe('reading back what Omneo did', () => {
  /** A fetch over the tenant's that drops `redemption_id` from every answer, as Omneo may. */
  function unlinked(tenant: MockTenant): typeof fetch {
    return async (input, init) => {
      const answer = await tenant.fetch(input, init);
      const text = await answer.text();
      const stripped = text.replace(/"redemption_id":\s*(\d+|null),?/g, '');
      return new Response(stripped, { status: answer.status, headers: answer.headers });
    };
  }

  it('a sale redeemed, reversed and redeemed again: a lost answer adopts the new redemption, without links', async () => {
    const tenant = createMockTenant();
    const client = createOmneoClient({ transport: fetchTransport({ baseUrl: BASE, token: 't', fetch: unlinked(tenant) }), retry: { baseDelayMs: 1, maxDelayMs: 4 } });
    const journal = new RedemptionJournal(memoryStore());
    const sale = guideSale('sale-again');
    const first = new RedemptionFlow({ client, journal, now: tenant.clock.now });
    await first.redeem({ profileId: SEED.noah.id, sale, amountCents: 2000 });
    await first.paymentFailed();
    const second = new RedemptionFlow({ client, journal, now: tenant.clock.now });
    tenant.faults.dropNextAnswer({ method: 'POST', path: REDEEM });
    const held = await second.redeem({ profileId: SEED.noah.id, sale, amountCents: 2000 });
    expect(tenant.redemptions().filter((r) => r.type === 'redeem')).to.have.length(2);
    expect(held.redemption!.id).to.not.equal(first.current.redemption!.id);
    expect(tenant.rewardBalanceCents(SEED.noah.id)).to.equal(3000);
  });

  it('a reversal whose answer and read-back were both lost is adopted on the next try, even past the window', async () => {
    const { tenant, flow } = setup();
    await flow.redeem({ profileId: SEED.noah.id, sale: guideSale(), amountCents: 1000 });
    tenant.faults.dropNextAnswer({ method: 'POST', path: /revers(e|al)$/ });
    tenant.faults.failNext(10, 503, { method: 'GET', path: /^\/redemptions/ });
    await rejection(flow.paymentFailed());
    expect(flow.state).to.equal('held');
    tenant.faults.clear();
    tenant.clock.advance(11 * 60_000);
    const outcome = await flow.paymentFailed();
    expect(outcome.outcome).to.equal('reversed');
    expect(tenant.redemptions().filter((r) => r.type === 'return')).to.have.length(0);
    expect(tenant.rewardBalanceCents(SEED.noah.id)).to.equal(5000);
  });
});

describe('returns of a benefit', () => {
  it('gives the benefit back only once every item it paid for is back, and says so until then', async () => {
    const { tenant, client, journal } = setup();
    const sale: Sale = { id: 'sale-coffee', currency: 'AUD', lines: [{ id: 'a', name: 'Latte', quantity: 1, amountCents: 300 }, { id: 'b', name: 'Muffin', quantity: 2, amountCents: 600 }] };
    const flow = new RedemptionFlow({ client, journal, now: tenant.clock.now });
    await flow.redeem({ profileId: SEED.ava.id, sale, benefitId: SEED.ava.benefits.coffee, timezone: 'Australia/Melbourne' });
    await flow.complete(paid);
    expect((await flow.refund({ returned: [{ id: 'a' }] })).refundCents).to.equal(0);
    expect((await flow.refund({ returned: [{ id: 'b', quantity: 1, ofQuantity: 2 }] })).refundCents).to.equal(0);
    expect(tenant.redemptions().filter((r) => r.type === 'return')).to.have.length(0);
    expect((await flow.refund({ returned: [{ id: 'b', quantity: 1, ofQuantity: 2 }] })).refundCents).to.equal(500);
    expect(flow.state).to.equal('refunded');
    expect(tenant.redemptions().filter((r) => r.type === 'return')).to.have.length(1);
  });
});

describe('a retried redeem and the transaction it builds', () => {
  it('a retry with another amount, after a try that never landed, posts and journals the new amount', async () => {
    const { tenant, client, journal } = setup();
    const sale = guideSale('sale-retry');
    tenant.faults.failNext(1, 503, { method: 'POST', path: REDEEM });
    tenant.faults.failNext(20, 503, { method: 'GET', path: /^\/redemptions/ });
    const first = new RedemptionFlow({ client, journal, now: tenant.clock.now });
    await rejection(first.redeem({ profileId: SEED.noah.id, sale, amountCents: 1000 }));
    expect((await journal.get('sale-retry#rewards'))?.stage).to.equal('redeeming');
    tenant.faults.clear();
    const second = new RedemptionFlow({ client, journal, now: tenant.clock.now });
    await second.redeem({ profileId: SEED.noah.id, sale, amountCents: 1500 });
    expect((await journal.get('sale-retry#rewards'))?.amountCents).to.equal(1500);
    expect(tenant.redemptions().filter((r) => r.type === 'redeem').map((r) => r.totalCents)).to.deep.equal([1500]);
  });

  it('refuses to build a transaction whose redemptions take more from a line than it costs', () => {
    const sale = guideSale();
    const over = sale.lines.map((l) => ({ id: l.id, amountCents: l.amountCents, shareCents: l.id === 'l3' ? 2000 : 0, netCents: 0 }));
    expect(() => buildTransaction({ ...paid, sale, profileId: SEED.noah.id, allocations: [over, over] }))
      .to.throw('which costs 2500')
      .with.property('code', 'share_exceeds_line');
  });
});

describe('recoverRedemptions', () => {
  it('after a reload, reverses what was held inside the window, and reports it', async () => {
    const { tenant, client, flow, store } = setup();
    await flow.redeem({ profileId: SEED.noah.id, sale: guideSale('sale-reload'), amountCents: 4000 });
    // The page reloads: the flow is gone, a new journal reads the same storage.
    flow.dispose();
    const journal = new RedemptionJournal(store);
    const result = await recoverRedemptions({ client, journal, now: tenant.clock.now });
    expect(result.reports.map((r) => r.status)).to.deep.equal(['settled']);
    expect(result.reports[0]).to.include({ outcome: 'reversed', saleId: 'sale-reload' });
    expect(tenant.rewardBalanceCents(SEED.noah.id)).to.equal(5000);
    expect((await journal.list()).entries).to.have.length(0);
  });

  it('records a sale the host claims', async () => {
    const { tenant, client, flow, store } = setup();
    await flow.redeem({ profileId: SEED.noah.id, sale: guideSale('sale-claimed'), amountCents: 5000 });
    flow.dispose();
    const journal = new RedemptionJournal(store);
    const result = await recoverRedemptions({ client, journal, now: tenant.clock.now, claim: (e) => (e.sale.id === 'sale-claimed' ? paid : false) });
    expect(result.reports[0]).to.include({ outcome: 'recorded' });
    const [tx] = tenant.transactions().filter((t) => t.externalId === 'sale-claimed');
    expect(tx!.redemptionId).to.equal(flow.current.redemption!.id);
    expect(tenant.rewardBalanceCents(SEED.noah.id)).to.equal(0);
  });

  it('finds a redemption whose answer never arrived before the reload, and settles it', async () => {
    const { tenant, client, store } = setup();
    const flow = new RedemptionFlow({ client, journal: new RedemptionJournal(store), now: tenant.clock.now });
    tenant.faults.dropNextAnswer({ method: 'POST', path: REDEEM });
    tenant.faults.failNext(10, 503, { method: 'GET', path: /^\/redemptions/ });
    await rejection(flow.redeem({ profileId: SEED.noah.id, sale: guideSale('sale-lost'), amountCents: 2500 }));
    expect(tenant.rewardBalanceCents(SEED.noah.id)).to.equal(2500);
    tenant.faults.clear();
    const result = await recoverRedemptions({ client, journal: new RedemptionJournal(store), now: tenant.clock.now });
    expect(result.reports[0]).to.include({ status: 'settled', outcome: 'reversed' });
    expect(tenant.rewardBalanceCents(SEED.noah.id)).to.equal(5000);
  });

  it('records a paid sale whose recording was cut off by the reload', async () => {
    const { tenant, client, flow, store } = setup();
    await flow.redeem({ profileId: SEED.noah.id, sale: guideSale('sale-paid'), amountCents: 5000 });
    tenant.faults.failNext(1, 503, { method: 'POST', path: /^\/transactions/ });
    await rejection(flow.complete(paid));
    flow.dispose();
    tenant.clock.advance(20 * 60_000);
    const result = await recoverRedemptions({ client, journal: new RedemptionJournal(store), now: tenant.clock.now });
    expect(result.reports[0]).to.include({ outcome: 'recorded' });
    expect(tenant.transactions().filter((t) => t.externalId === 'sale-paid')).to.have.length(1);
    expect(tenant.redemptions().filter((r) => r.type !== 'redeem')).to.have.length(0);
  });

  it('run twice at once, or in two tabs at once, settles each redemption exactly once', async () => {
    const { tenant, client, store } = setup();
    for (const id of ['a', 'b', 'c']) {
      const flow = new RedemptionFlow({ client, journal: new RedemptionJournal(store), now: tenant.clock.now, owner: 'crashed-tab' });
      await flow.redeem({ profileId: SEED.noah.id, sale: guideSale(`sale-${id}`), amountCents: 1000 });
      flow.dispose();
    }
    tenant.clock.advance(10 * 60_000 + 1); // the crashed tab's leases have run out
    const run = (owner: string) => recoverRedemptions({ client, journal: new RedemptionJournal(store), now: tenant.clock.now, owner });
    const results = await Promise.all([run('tab-1'), run('tab-1'), run('tab-2')]);
    const settled = results.flatMap((r) => r.reports).filter((r) => r.status === 'settled');
    expect(settled).to.have.length(3);
    expect(tenant.redemptions().filter((r) => r.type === 'return')).to.have.length(3);
    expect(tenant.rewardBalanceCents(SEED.noah.id)).to.equal(5000);
  });

  it('reports corrupt and other-version entries, keeps them aside, and settles the rest', async () => {
    const { tenant, client, flow, store } = setup();
    await flow.redeem({ profileId: SEED.noah.id, sale: guideSale('sale-ok'), amountCents: 1000 });
    flow.dispose();
    await store.set('omneo-pos-kit:journal:broken', '{not json');
    await store.set('omneo-pos-kit:journal:old', JSON.stringify({ v: 0, key: 'old' }));
    const journal = new RedemptionJournal(store);
    const result = await recoverRedemptions({ client, journal, now: tenant.clock.now });
    expect(result.corrupt.map((c) => c.key).sort()).to.deep.equal(['broken', 'old']);
    expect(result.reports[0]).to.include({ outcome: 'reversed' });
    const kept = await journal.quarantined();
    expect(kept.map((k) => k.raw).sort()).to.deep.equal(['{"v":0,"key":"old"}', '{not json']);
    expect((await journal.list()).corrupt).to.have.length(0);
  });
});

describe('hostile conditions: late landings, two tabs, retried returns, odd answers', () => {
  /** A client that gives up after `timeoutMs`, so a write held longer by the tenant lands after it. */
  function impatient(timeoutMs: number) {
    const tenant = createMockTenant();
    const client = createOmneoClient({
      transport: fetchTransport({ baseUrl: BASE, token: 'test-token', fetch: tenant.fetch, timeoutMs }),
      retry: { baseDelayMs: 1, maxDelayMs: 4 },
    });
    const journal = new RedemptionJournal(memoryStore());
    const flow = new RedemptionFlow({ client, journal, now: tenant.clock.now, lookupDelayMs: 20, heartbeatMs: 0, recheckAfterMs: [] });
    return { tenant, client, journal, flow };
  }
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const live = (tenant: MockTenant, saleId: string) =>
    tenant.redemptions().filter((r) => r.type === 'redeem' && r.transactionExternalId === saleId && r.reversedBy === null && r.returnedCents < r.totalCents);

  it('a redeem that lands after the client gave up is found and reversed when the payment fails', async () => {
    const { tenant, flow } = impatient(150);
    const sale = guideSale();
    tenant.faults.landLateNext(400, { method: 'POST', path: REDEEM });
    await flow.redeem({ profileId: SEED.ava.id, sale, amountCents: 1000 });
    await sleep(500);
    // Omneo now holds two: the one the flow re-sent after two empty look-ups, and the late one.
    expect(tenant.redemptions().filter((r) => r.type === 'redeem')).to.have.length(2);
    const outcome = await flow.paymentFailed();
    expect(outcome.outcome).to.equal('reversed');
    expect(outcome.strays?.map((s) => s.outcome)).to.deep.equal(['reversed']);
    expect(live(tenant, sale.id)).to.have.length(0);
    expect(tenant.rewardBalanceCents(SEED.ava.id)).to.equal(2500);
  });

  it('a late landing is undone when the sale is recorded: the member pays once', async () => {
    const { tenant, flow } = impatient(150);
    const sale = guideSale();
    tenant.faults.landLateNext(400, { method: 'POST', path: REDEEM });
    await flow.redeem({ profileId: SEED.ava.id, sale, amountCents: 1000 });
    await sleep(500);
    await flow.complete(paid);
    expect(flow.current.outcome?.outcome).to.equal('recorded');
    expect(flow.current.outcome?.strays).to.have.length(1);
    expect(live(tenant, sale.id)).to.have.length(1);
    expect(tenant.rewardBalanceCents(SEED.ava.id)).to.equal(1500);
  });

  it('a redeem that lands after the sale was settled is undone by the flow\'s second look', async () => {
    const tenant = createMockTenant();
    const client = createOmneoClient({
      transport: fetchTransport({ baseUrl: BASE, token: 'test-token', fetch: tenant.fetch, timeoutMs: 150 }),
      retry: { baseDelayMs: 1, maxDelayMs: 4 },
    });
    const flow = new RedemptionFlow({ client, journal: new RedemptionJournal(memoryStore()), now: tenant.clock.now, lookupDelayMs: 20, heartbeatMs: 0, recheckAfterMs: [700] });
    const sale = guideSale();
    tenant.faults.landLateNext(450, { method: 'POST', path: REDEEM });
    await flow.redeem({ profileId: SEED.ava.id, sale, amountCents: 1000 });
    const outcome = await flow.paymentFailed();
    expect(outcome.strays ?? []).to.have.length(0); // nothing has landed yet
    await sleep(1000);
    expect(flow.current.outcome?.strays?.map((s) => s.outcome)).to.deep.equal(['reversed']);
    expect(live(tenant, sale.id)).to.have.length(0);
    expect(tenant.rewardBalanceCents(SEED.ava.id)).to.equal(2500);
  });

  it('a redeem that lands after the page went away is undone by the next recovery', async () => {
    const { tenant, client, flow, journal } = impatient(150);
    const sale = guideSale();
    tenant.faults.landLateNext(400, { method: 'POST', path: REDEEM });
    await flow.redeem({ profileId: SEED.ava.id, sale, amountCents: 1000 });
    await flow.complete(paid);
    await sleep(500);
    const result = await recoverRedemptions({ client, journal, now: tenant.clock.now, owner: 'next-page' });
    expect(result.watched.flatMap((w) => w.strays.map((s) => s.outcome))).to.deep.equal(['reversed']);
    expect(live(tenant, sale.id)).to.have.length(1);
    expect(tenant.rewardBalanceCents(SEED.ava.id)).to.equal(1500);
    // Looked at again, it finds nothing more to undo.
    expect((await recoverRedemptions({ client, journal, now: tenant.clock.now, owner: 'next-page' })).watched).to.have.length(0);
  });

  it('two tabs claiming one sale: exactly one claim wins, and the loser cannot delete the winner\'s entry', async () => {
    const store = memoryStore();
    const tabA = new RedemptionJournal(store);
    const tabB = new RedemptionJournal(store);
    const entry = (owner: string) => ({
      v: 1 as const, key: 's#rewards', stage: 'redeeming' as const, profileId: SEED.ava.id, sale: guideSale('s'),
      amountCents: 100, lease: { owner, until: Date.now() + 60_000 }, updatedAt: Date.now(),
    });
    const claims = await Promise.all([tabA.claim(entry('a')), tabB.claim(entry('b'))]);
    expect(claims.filter(Boolean)).to.have.length(1);
    const winner = claims[0] ? 'a' : 'b';
    const loser = winner === 'a' ? tabB : tabA;
    expect(await loser.removeOwn('s#rewards', winner === 'a' ? 'b' : 'a')).to.equal(false);
    expect((await tabA.get('s#rewards'))?.lease?.owner).to.equal(winner);
  });

  it('a second tab cannot redeem a sale another live tab holds', async () => {
    const store = memoryStore();
    const a = setup(store);
    const journalB = new RedemptionJournal(store, { prefix: a.journal.prefix });
    const sale = guideSale();
    await a.flow.redeem({ profileId: SEED.ava.id, sale, amountCents: 1000 });
    // Another page: another owner, the same store (the page-wide registry is bypassed by releasing).
    a.flow.dispose();
    const b = new RedemptionFlow({ client: a.client, journal: journalB, now: a.tenant.clock.now, owner: 'other-tab', heartbeatMs: 0 });
    const error = await rejection(b.redeem({ profileId: SEED.ava.id, sale, amountCents: 1000 }));
    expect((error as RedemptionFlowError).code).to.equal('intent_in_progress');
    expect(a.tenant.redemptions().filter((r) => r.type === 'redeem')).to.have.length(1);
  });

  it('a host that retries a return after a lost answer gets the return that landed, never a second', async () => {
    const { tenant, flow } = impatient(2000);
    const sale = guideSale();
    await flow.redeem({ profileId: SEED.ava.id, sale, amountCents: 2000 });
    await flow.complete(paid);
    tenant.faults.dropNextAnswer({ method: 'POST', path: /\/return$/ });
    tenant.faults.failNext(20, 503, { method: 'GET', path: /^\/redemptions/ });
    await rejection(flow.refund({ returned: [{ id: 'l2' }] }));
    tenant.faults.clear();
    const again = await flow.refund({ returned: [{ id: 'l2' }] });
    expect(again.refundCents).to.equal(flow.current.allocation!.find((l) => l.id === 'l2')!.shareCents);
    expect(tenant.redemptions().filter((r) => r.type === 'return')).to.have.length(1);
  });

  it('a write answer with a null total is a success: nothing is sent twice, and the asked amount is allocated', async () => {
    const { tenant, flow } = impatient(2000);
    tenant.faults.nullTotals();
    const held = await flow.redeem({ profileId: SEED.ava.id, sale: guideSale(), amountCents: 1000 });
    expect(posts(tenant, REDEEM)).to.have.length(1);
    expect(held.redemption!.totalCents).to.equal(1000);
    expect(held.allocation!.reduce((n, l) => n + l.shareCents, 0)).to.equal(1000);
  });

  it('a lost answer whose look-up fails too is an unknown outcome: kept in the journal, looked up before any re-send', async () => {
    const { tenant, flow, journal } = impatient(2000);
    const sale = guideSale();
    tenant.faults.dropNextAnswer({ method: 'POST', path: REDEEM });
    tenant.faults.failNext(20, 503, { method: 'GET', path: /^\/redemptions/ });
    const error = await rejection(flow.redeem({ profileId: SEED.ava.id, sale, amountCents: 1000 }));
    expect((error as RedemptionFlowError).code).to.equal('outcome_unknown');
    expect((await journal.get(`${sale.id}#rewards`))?.stage).to.equal('redeeming');
    tenant.faults.clear();
    const held = await flow.redeem({ profileId: SEED.ava.id, sale, amountCents: 1000 });
    expect(held.state).to.equal('held');
    expect(posts(tenant, REDEEM)).to.have.length(1);
  });

  it('a benefit applied at the till takes no money share', async () => {
    const { flow } = impatient(2000);
    const held = await flow.redeem({ profileId: SEED.ava.id, sale: guideSale(), benefitId: SEED.ava.benefits.coffee, benefitKind: 'apply' });
    expect(held.allocation!.every((l) => l.shareCents === 0)).to.equal(true);
  });

  it('an entry stored under another key, or held without its redemption, is quarantined once with the reason', async () => {
    const store = memoryStore();
    const { client, journal, tenant } = setup(store);
    const base = { v: 1, stage: 'held', profileId: SEED.ava.id, sale: guideSale('q'), updatedAt: 1 };
    store.set(`${journal.prefix}q#rewards`, JSON.stringify({ ...base, key: 'other#rewards', redemption: { id: 1, totalCents: 1, createdAt: '', createdAtMs: 1 } }));
    store.set(`${journal.prefix}q2#rewards`, JSON.stringify({ ...base, key: 'q2#rewards' }));
    const first = await recoverRedemptions({ client, journal, now: tenant.clock.now });
    expect(first.corrupt.map((c) => c.reason).sort()).to.deep.equal([
      'its key "other#rewards" is not the key it is stored under',
      'stage held without the redemption it holds',
    ]);
    const second = await recoverRedemptions({ client, journal, now: tenant.clock.now });
    expect(second.corrupt).to.have.length(0);
    expect(second.reports).to.have.length(0);
    expect(await journal.quarantined()).to.have.length(2);
  });
});
