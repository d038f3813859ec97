/**
 * <omneo-balance> against the seeded mock tenant: where the member comes from, when it fetches
 * and when it does not, what it shows while loading, after a failure and after a redemption.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/elements/balance/define.js';
import type { OmneoBalance } from '../../src/elements/balance/balance.js';
import type { OmneoBalanceLoadEvent, OmneoErrorEvent } from '../../src/elements/events.js';
import { provideOmneoSession } from '../../src/elements/session.js';
import { SEED } from '../../src/mocks/index.js';
import { omneo, part, parts, recordEvents, requestLines, sleep, until, visibleText, type Omneo } from './helpers.js';
import { elementContract } from './shared-suite.js';
import '../../src/elements/locales/fr.js';

const AVA_BALANCES = `GET /profiles/${SEED.ava.id}/balances`;

let events: ReturnType<typeof recordEvents>;
beforeEach(() => (events = recordEvents(['omneo-balance-load', 'omneo-error'])));
afterEach(() => events.stop());

/** Each figure as `label: value`, white space (Intl's narrow spaces included) as one space. */
const figures = (el: OmneoBalance) =>
  parts(el, 'row').map((row) => `${visibleText(row.querySelector('dt')!).trim()}: ${visibleText(row.querySelector('dd')!).trim()}`);
const shown = (el: OmneoBalance) => part(el, 'figures') !== null;
const statusText = (el: OmneoBalance) => part(el, 'status')?.textContent?.trim() ?? '';

async function byId(o: Omneo, profileId: string = SEED.ava.id) {
  return fixture<OmneoBalance>(html`<omneo-balance lang="en-AU" .client=${o.client} profile-id=${profileId}></omneo-balance>`);
}

describe('<omneo-balance>', () => {
  it('loads by profile-id: what can be redeemed here as the headline, then points with their value and the combined balance', async () => {
    const o = omneo();
    const el = await byId(o);
    await until(() => shown(el), 'the figures');
    expect(figures(el)).to.deep.equal(['Rewards to redeem: $25.00', 'Points: 1,500 pts (worth $15.00)', 'Combined balance: $40.00']);
    // The headline is the one figure the panel can redeem by default: first, and the largest.
    const headline = part(el, 'headline')!;
    expect(parts(el, 'row')[0]).to.equal(headline);
    const size = (row: Element) => parseFloat(getComputedStyle(row.querySelector('dd')!).fontSize);
    expect(size(headline)).to.be.greaterThan(size(part(el, 'combined')!));
    expect(size(headline)).to.be.greaterThan(size(part(el, 'points')!));
    expect(requestLines(o.tenant)).to.deep.equal([AVA_BALANCES]);
    const [load] = events.of('omneo-balance-load') as OmneoBalanceLoadEvent[];
    expect(load!.profileId).to.equal(SEED.ava.id);
    expect(load!.balances).to.include({ rewardCents: 2500, points: 1500, pointsValueCents: 1500, combinedCents: 4000 });
    expect(load!.detail.balances).to.equal(load!.balances);
    await expect(el).to.be.accessible();
  });

  it('uses the balances embedded in a fresh profile instead of fetching them', async () => {
    const o = omneo();
    const profile = await o.client.profiles.get(SEED.ava.id);
    o.tenant.requests.length = 0;
    const el = await fixture<OmneoBalance>(html`<omneo-balance lang="en-AU" .client=${o.client} .profile=${profile}></omneo-balance>`);
    await until(() => shown(el), 'the figures');
    expect(figures(el)[2]).to.equal('Combined balance: $40.00');
    expect(o.tenant.requests).to.have.length(0);
    expect(events.of('omneo-balance-load')).to.have.length(1);
  });

  it('fetches when the profile has no balances embedded', async () => {
    const o = omneo();
    const profile = { ...(await o.client.profiles.get(SEED.noah.id)), balances: null };
    o.tenant.requests.length = 0;
    const el = await fixture<OmneoBalance>(html`<omneo-balance lang="en-AU" .client=${o.client} .profile=${profile}></omneo-balance>`);
    await until(() => shown(el), 'the figures');
    expect(requestLines(o.tenant)).to.deep.equal([`GET /profiles/${SEED.noah.id}/balances`]);
    expect(figures(el)[0]).to.equal('Rewards to redeem: $50.00');
  });

  it('shows a skeleton while loading, busy for assistive technology', async () => {
    const o = omneo();
    o.tenant.faults.latency(300);
    const el = await byId(o);
    await el.updateComplete;
    expect(part(el, 'skeleton')).not.to.equal(null);
    expect(part(el, 'balances')!.getAttribute('aria-busy')).to.equal('true');
    expect(statusText(el)).to.equal('Loading balances…');
    await expect(el).to.be.accessible();
    await until(() => shown(el), 'the figures');
    expect(part(el, 'skeleton')).to.equal(null);
    expect(part(el, 'balances')!.getAttribute('aria-busy')).to.equal('false');
  });

  it('shows a failure readably with a retry, and reports it', async () => {
    const o = omneo();
    o.tenant.faults.failNext(1, 500);
    const el = await byId(o);
    await until(() => part(el, 'retry-button'), 'the retry button');
    expect(statusText(el)).to.equal('Omneo had a problem. Try again shortly.');
    expect(shown(el)).to.equal(false);
    const [error] = events.of('omneo-error') as OmneoErrorEvent[];
    expect(error!.error.code).to.equal('server');
    expect(error!.operation).to.equal('balances-load');
    await expect(el).to.be.accessible();
    part<HTMLButtonElement>(el, 'retry-button')!.click();
    await until(() => shown(el), 'the figures');
    expect(part(el, 'retry-button')).to.equal(null);
    expect(requestLines(o.tenant)).to.deep.equal([AVA_BALANCES, AVA_BALANCES]);
  });

  it('keeps the last figures, marked stale, when a refresh fails', async () => {
    const o = omneo();
    const el = await byId(o);
    await until(() => shown(el), 'the figures');
    o.tenant.faults.failNext(1, 503);
    await el.refresh();
    await el.updateComplete;
    expect(figures(el)[2]).to.equal('Combined balance: $40.00');
    expect(part(el, 'figures')!.part.contains('stale')).to.equal(true);
    expect(statusText(el)).to.equal('May be out of date');
    expect(part(el, 'retry-button')).not.to.equal(null);
    expect(events.of('omneo-error')).to.have.length(1);
    await expect(el).to.be.accessible();
    part<HTMLButtonElement>(el, 'retry-button')!.click();
    await until(() => !part(el, 'figures')!.part.contains('stale'), 'fresh figures');
    expect(statusText(el)).to.equal('');
  });

  it('never shows one member’s figures for another', async () => {
    const o = omneo();
    const el = await byId(o);
    await until(() => shown(el), 'the figures');
    o.tenant.faults.latency(200);
    el.profileId = SEED.noah.id;
    await el.updateComplete;
    expect(shown(el)).to.equal(false);
    expect(part(el, 'skeleton')).not.to.equal(null);
    await until(() => shown(el), 'Noah’s figures');
    expect(figures(el)[0]).to.equal('Rewards to redeem: $50.00');
  });

  it('follows the session’s member and refreshes when a redemption for them settles', async () => {
    const o = omneo();
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en-AU"><omneo-balance></omneo-balance></div>`);
    const session = provideOmneoSession(wrapper, { client: o.client });
    const el = wrapper.querySelector('omneo-balance')!;
    await el.updateComplete;
    expect(visibleText(el)).to.contain('No member selected');

    session.setProfile(await o.client.profiles.get(SEED.ava.id));
    o.tenant.requests.length = 0;
    await until(() => shown(el), 'the figures');
    expect(o.tenant.requests, 'embedded balances: no request').to.have.length(0);

    await o.client.redemptions.redeemRewards(SEED.ava.id, { amountCents: 1000, saleId: 'SALE-1' });
    session.notifyRedemptionSettled(SEED.noah.id);
    await sleep(20);
    expect(requestLines(o.tenant), 'another member settled: nothing').to.deep.equal([`POST /profiles/${SEED.ava.id}/redemptions`]);
    session.notifyRedemptionSettled(SEED.ava.id);
    await until(() => figures(el)[0] === 'Rewards to redeem: $15.00', 'the new figures');
    expect(figures(el)[2]).to.equal('Combined balance: $30.00');
    expect(requestLines(o.tenant).slice(1)).to.deep.equal([AVA_BALANCES]);
    expect(events.of('omneo-balance-load')).to.have.length(2);

    session.setProfile(null);
    await el.updateComplete;
    expect(visibleText(el)).to.contain('No member selected');
  });

  it('prefers its own profile-id to the session’s member', async () => {
    const o = omneo();
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en-AU"><omneo-balance profile-id=${SEED.noah.id}></omneo-balance></div>`);
    const session = provideOmneoSession(wrapper, { client: o.client });
    session.setProfile(await o.client.profiles.get(SEED.ava.id));
    const el = wrapper.querySelector('omneo-balance')!;
    await until(() => shown(el), 'the figures');
    expect(figures(el)[0]).to.equal('Rewards to redeem: $50.00');
  });

  it('with redeem-points, the headline is rewards plus the points’ value, and rewards become a secondary figure', async () => {
    const o = omneo();
    const el = await fixture<OmneoBalance>(
      html`<omneo-balance lang="en-AU" redeem-points .client=${o.client} profile-id=${SEED.ava.id}></omneo-balance>`,
    );
    await until(() => shown(el), 'the figures');
    expect(figures(el)).to.deep.equal(['Rewards and points to redeem: $40.00', 'Rewards: $25.00', 'Points: 1,500 pts (worth $15.00)']);
    el.redeemPoints = false;
    await el.updateComplete;
    expect(figures(el)[0]).to.equal('Rewards to redeem: $25.00');
    await expect(el).to.be.accessible();
  });

  it('shows balances below zero sensibly: the headline reads zero with the real figure beside it, negatives keep their sign', async () => {
    const o = omneo();
    const base = await o.client.profiles.get(SEED.ava.id);
    const balances = { ...base.balances!, rewardCents: -500, points: -240, pointsValueCents: -240, combinedCents: -740 };
    const el = await fixture<OmneoBalance>(html`<omneo-balance lang="en-AU" .client=${o.client} .profile=${{ ...base, balances }}></omneo-balance>`);
    await until(() => shown(el), 'the figures');
    expect(figures(el)).to.deep.equal([
      'Rewards to redeem: $0.00 (balance below zero: -$5.00)',
      'Points: -240 pts (worth -$2.40)',
      'Combined balance: -$7.40',
    ]);
    expect(part(el, 'below-zero')).not.to.equal(null);
    expect(parts(el, 'negative')).to.have.length(2);
    expect(getComputedStyle(parts(el, 'negative')[0]!).color).to.equal(getComputedStyle(part(el, 'below-zero')!).color);
    await expect(el).to.be.accessible();
  });

  it('shows the seeded walk-in’s negative points from the tenant', async () => {
    const o = omneo();
    const el = await byId(o, SEED.odd.id);
    await until(() => shown(el), 'the figures');
    expect(figures(el)[0]).to.equal('Rewards to redeem: $0.00');
    expect(figures(el)[1]).to.match(/^Points: -240 pts \(worth -\$\d+\.\d\d\)$/);
    expect(part(el, 'points')!.querySelector('[part~="negative"]')).not.to.equal(null);
  });

  it('has a compact layout for a till header', async () => {
    const o = omneo();
    const el = await fixture<OmneoBalance>(
      html`<omneo-balance lang="en-AU" variant="compact" .client=${o.client} profile-id=${SEED.ava.id}></omneo-balance>`,
    );
    await until(() => shown(el), 'the figures');
    expect(getComputedStyle(part(el, 'figures')!).display).to.equal('flex');
    const rows = parts(el, 'row');
    expect(rows[0], 'what can be redeemed comes first').to.equal(part(el, 'headline'));
    expect(rows[0]!.getBoundingClientRect().left).to.be.lessThan(rows[1]!.getBoundingClientRect().left);
    expect(visibleText(rows[0]!)).to.contain('Rewards to redeem').and.contain('$25.00');
    expect(visibleText(el)).to.contain('$40.00').and.contain('1,500 pts');
    expect(el.getBoundingClientRect().height).to.be.lessThan(80);
    await expect(el).to.be.accessible();
  });

  it('formats money in the session’s currency and the element’s language', async () => {
    const o = omneo();
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="fr-FR"><omneo-balance profile-id=${SEED.ava.id}></omneo-balance></div>`);
    provideOmneoSession(wrapper, { client: o.client, currency: 'EUR' });
    const el = wrapper.querySelector('omneo-balance')!;
    await until(() => shown(el), 'the figures');
    const euros = (n: number) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(n);
    expect(figures(el)).to.deep.equal([
      `Récompenses utilisables: ${euros(25)}`,
      `Points: ${new Intl.NumberFormat('fr-FR').format(1500)} pts (soit ${euros(15)})`,
      `Solde total: ${euros(40)}`,
    ].map((f) => f.replace(/\s+/g, ' ')));
  });

  it('is themed by theme="dark" and stops its skeleton pulsing when motion is reduced', async () => {
    const o = omneo();
    o.tenant.faults.latency(300);
    const el = await byId(o);
    const light = getComputedStyle(el).color;
    el.theme = 'dark';
    await el.updateComplete;
    expect(getComputedStyle(el).color).not.to.equal(light);
    const bar = el.shadowRoot!.querySelector('[part~="skeleton"] span')!;
    expect(getComputedStyle(bar).animationName).to.equal('omneo-pulse');
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      expect(getComputedStyle(bar).animationName).to.equal('none');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
    await expect(el).to.be.accessible();
  });
});

elementContract('omneo-balance', async () => {
  const o = omneo();
  const wrapper = await fixture<HTMLDivElement>(html`<div lang="en-AU"><omneo-balance></omneo-balance></div>`);
  const session = provideOmneoSession(wrapper, { client: o.client });
  const el = wrapper.querySelector('omneo-balance')!;
  el.profileId = SEED.ava.id;
  return {
    el,
    tenant: o.tenant,
    session,
    settled: async () => void (await until(() => shown(el), 'the figures')),
    exercise: async () => {
      o.tenant.faults.failNext(1, 401);
      await el.refresh();
      await until(() => part(el, 'retry-button'), 'the stale marker');
      session.notifyRedemptionSettled(SEED.ava.id);
      await until(() => !part(el, 'retry-button'), 'fresh figures');
    },
  };
});
