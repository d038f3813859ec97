/**
 * <omneo-redemption-panel> against the seeded mock tenant: the amount and its messages, the
 * preview before anything is written, the host's veto, the events' details in cents; settling
 * with the sale (recorded, reversed, or refunded past the window), a reload while held
 * (recovered, or claimed by the host), returns, double clicks and two panels, and benefits
 * recorded with the one transaction; and the shared element contract.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Benefit } from '../../src/client/index.js';
import '../../src/elements/benefit-picker/define.js';
import '../../src/elements/member-lookup/define.js';
import type {
  OmneoErrorEvent,
  OmneoRedeemRequestEvent,
  OmneoRedemptionCreatedEvent,
  OmneoRedemptionRecoverEvent,
  OmneoRedemptionSettledEvent,
} from '../../src/elements/events.js';
import '../../src/elements/redemption-panel/define.js';
import type { OmneoRedemptionPanel } from '../../src/elements/redemption-panel/redemption-panel.js';
import { provideOmneoSession } from '../../src/elements/session.js';
import { tokenProperties } from '../../src/elements/styles/tokens.js';
import { SEED, type MockTenant } from '../../src/mocks/index.js';
import { allocateReward, memoryStore, RedemptionJournal, type KeyValueStore, type Sale } from '../../src/rules/index.js';
import {
  characterLefts,
  hostileName,
  omneo,
  outsideTextProblems,
  part,
  parts,
  readsLeftToRight,
  recordEvents,
  requestLines,
  sleep,
  until,
  visibleText,
  type Omneo,
} from './helpers.js';
import { elementContract } from './shared-suite.js';
import '../../src/elements/locales/fr.js';

const EVENTS = ['omneo-redeem-request', 'omneo-redemption-created', 'omneo-redemption-settled', 'omneo-redemption-recover', 'omneo-error'];
let events: ReturnType<typeof recordEvents>;
beforeEach(() => (events = recordEvents(EVENTS)));
afterEach(() => events.stop());

const created = () => events.of('omneo-redemption-created') as OmneoRedemptionCreatedEvent[];
const settled = () => events.of('omneo-redemption-settled') as OmneoRedemptionSettledEvent[];
const WINDOW = 10 * 60_000;

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

interface PanelOptions {
  profileId?: string;
  sale?: Sale | null;
  store?: KeyValueStore;
  benefits?: Benefit[];
  lang?: string;
}

/** A panel for `profileId` (Noah by default) over the guide's sale, ready to confirm. */
async function mountPanel(o: Omneo, options: PanelOptions = {}) {
  const journal = new RedemptionJournal(options.store ?? memoryStore());
  const sale = options.sale === undefined ? guideSale() : options.sale;
  const el = await fixture<OmneoRedemptionPanel>(html`<omneo-redemption-panel lang=${options.lang ?? 'en-AU'}
    .client=${o.client} .now=${o.tenant.clock.now} .journal=${journal} .sale=${sale} .benefits=${options.benefits}
    profile-id=${options.profileId ?? SEED.noah.id} staff-id="1993" location-id="2" timezone="Australia/Melbourne"></omneo-redemption-panel>`);
  if (sale) await ready(el);
  return { el, journal, sale: sale! };
}

/** Waits until the confirm button can be pressed (balance loaded, recovery done). */
async function ready(el: OmneoRedemptionPanel) {
  await until(() => {
    const button = part<HTMLButtonElement>(el, 'confirm-button');
    return button && !button.disabled && !part(el, 'panel')!.textContent!.includes('Checking');
  }, 'the confirm button');
}

const input = (el: Element) => part<HTMLInputElement>(el, 'input')!;
const confirmButton = (el: Element) => part<HTMLButtonElement>(el, 'confirm-button')!;
const statusText = (el: Element) => part(el, 'status')?.textContent?.trim() ?? '';
const amountError = (el: Element) => part(el, 'amount-error')?.textContent?.trim() ?? '';

/** The preview's rows as [line, original, share, net], text as shown. */
function previewRows(el: Element): string[][] {
  return parts(el, 'preview-row').concat(parts(el, 'preview-total')).map((row) =>
    [...row.children].map((cell) => visibleText(cell).replace(/\s+/g, ' ').trim()),
  );
}

/** Types into the amount as a cashier would (the whole value, then an input event). */
async function typeAmount(el: OmneoRedemptionPanel, text: string) {
  const field = input(el);
  field.value = text;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

/** Confirms and waits for the redemption to be held. */
async function redeemHeld(el: OmneoRedemptionPanel) {
  confirmButton(el).click();
  await until(() => el.shadowRoot!.querySelector('[part~="cancel-button"]'), 'the held redemption');
}

const redeemPosts = (tenant: MockTenant) =>
  tenant.requests.filter((r) => r.method === 'POST' && /^\/profiles\/[^/]+\/(redemptions|benefits\/\d+\/(redemptions|redeem))$/.test(r.path));
const transactionPosts = (tenant: MockTenant) => tenant.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/transactions'));

describe('<omneo-redemption-panel>: amount and preview', () => {
  it('defaults to the most that can be redeemed and previews the guide’s allocation, writing nothing', async () => {
    const o = omneo();
    const { el, sale } = await mountPanel(o);
    expect(input(el).value).to.equal('50.00');
    expect(input(el).getAttribute('inputmode')).to.equal('decimal');
    const expected = allocateReward(5000, sale.lines);
    expect(expected.map((l) => l.shareCents)).to.deep.equal([1300, 2300, 500, 900]);
    expect(previewRows(el)).to.deep.equal([
      ['Jeans', '$65.00', '−$13.00', '$52.00'],
      ['Jacket', '$115.00', '−$23.00', '$92.00'],
      ['Socks × 5', '$25.00', '−$5.00', '$20.00'],
      ['Shirt', '$45.00', '−$9.00', '$36.00'],
      ['Total', '$250.00', '−$50.00', '$200.00'],
    ]);
    expect(visibleText(part(el, 'balance-after')!).trim()).to.equal('Rewards left after this: $0.00');
    expect(confirmButton(el).textContent).to.equal('Redeem $50.00');
    expect(requestLines(o.tenant)).to.deep.equal([`GET /profiles/${SEED.noah.id}/balances`]);
    await expect(el).to.be.accessible();
  });

  it('caps the default at the eligible sale total, and says why an amount cannot be redeemed', async () => {
    const o = omneo();
    const sale = { id: 'gift', currency: 'AUD', lines: [{ id: 'g', name: 'Gift card', quantity: 1, amountCents: 5000, eligible: false }, { id: 't', name: 'Tee', quantity: 1, amountCents: 3000 }] };
    const { el } = await mountPanel(o, { sale });
    expect(input(el).value).to.equal('30.00');
    await typeAmount(el, '60');
    expect(amountError(el)).to.equal('That is more than can be redeemed. The most is $30.00.');
    expect(input(el).getAttribute('aria-invalid')).to.equal('true');
    expect(input(el).getAttribute('aria-describedby')).to.equal('amount-hint amount-error');
    expect(confirmButton(el).disabled).to.equal(true);
    expect(part(el, 'preview')).to.equal(null);
    await expect(el).to.be.accessible();
    await typeAmount(el, '0');
    expect(amountError(el)).to.equal('Enter an amount above zero, or choose a benefit.');
    await typeAmount(el, '12.345');
    expect(amountError(el)).to.equal('Use whole cents: at most two digits after the decimal point.');
    await typeAmount(el, '12.3x');
    expect(amountError(el)).to.equal('Enter an amount, for example 12.50.');
    await typeAmount(el, '12,5');
    expect(amountError(el)).to.equal('');
    expect(confirmButton(el).textContent).to.equal('Redeem $12.50');
    expect(previewRows(el).at(-1)).to.deep.equal(['Total', '$80.00', '−$12.50', '$67.50']);
    part<HTMLButtonElement>(el, 'max-button')!.click();
    await el.updateComplete;
    expect(input(el).value).to.equal('30.00');
    expect(o.tenant.requests.filter((r) => r.method === 'POST')).to.have.length(0);
  });

  it('reads amounts the locale’s way', async () => {
    const o = omneo();
    const { el } = await mountPanel(o, { lang: 'fr-FR' });
    expect(input(el).value).to.equal('50,00');
    await typeAmount(el, '12,5');
    expect(part(el, 'preview-total')!.textContent).to.contain('12,50');
    await typeAmount(el, '1,234');
    expect(amountError(el)).to.equal('Utilisez des centimes entiers : deux chiffres au plus après la virgule.');
    await typeAmount(el, '12.50');
    expect(amountError(el)).to.equal('');
    expect(confirmButton(el).textContent).to.match(/^Utiliser 12,50/);
  });

  it('says when there is no member or no sale, and shows a balance failure with a retry', async () => {
    const o = omneo();
    const { el } = await mountPanel(o, { sale: null });
    expect(visibleText(el)).to.contain('No sale to redeem against.');
    el.profileId = undefined;
    await el.updateComplete;
    expect(visibleText(el)).to.contain('No member selected');
    await expect(el).to.be.accessible();

    o.tenant.faults.failNext(1, 500);
    el.sale = guideSale();
    el.profileId = SEED.ava.id;
    await until(() => part(el, 'retry-button'), 'the retry button');
    expect(statusText(el)).to.equal('Omneo had a problem. Try again shortly.');
    expect((events.of('omneo-error')[0] as OmneoErrorEvent).operation).to.equal('balances-load');
    await expect(el).to.be.accessible();
    part<HTMLButtonElement>(el, 'retry-button')!.click();
    await until(() => input(el)?.value === '25.00', 'Ava’s 25.00');
  });
});

describe('<omneo-redemption-panel>: redeeming', () => {
  it('asks the host first, then redeems and reports the held redemption and its draft, in cents', async () => {
    const o = omneo();
    const { el, sale } = await mountPanel(o);
    await redeemHeld(el);
    const [request] = events.of('omneo-redeem-request') as OmneoRedeemRequestEvent[];
    expect(request!.cancelable).to.equal(true);
    expect(request!.detail).to.deep.equal({ amountCents: 5000, benefits: [], sale, allocation: allocateReward(5000, sale.lines) });
    const [post] = redeemPosts(o.tenant);
    expect(post!.body).to.deep.include({ amount: 50, transaction_external_id: sale.id, strategies: ['rewards'], location_id: 2 });
    const detail = created()[0]!.detail;
    expect(detail.redemption.totalCents).to.equal(5000);
    expect(detail.redemptions.map((r) => r.id)).to.deep.equal([detail.redemption.id]);
    expect(detail.allocation.map((l) => l.shareCents)).to.deep.equal([1300, 2300, 500, 900]);
    expect(detail.transaction).to.deep.include({
      externalId: sale.id,
      totalOriginalCents: 25000,
      totalCents: 20000,
      redemptionId: detail.redemption.id,
      staffId: '1993',
      locationId: 2,
      timezone: 'Australia/Melbourne',
      profileId: SEED.noah.id,
    });
    expect(detail.transaction.items.map((i) => i.discounts?.[0]?.amountCents)).to.deep.equal([1300, 2300, 500, 900]);
    expect(o.tenant.rewardBalanceCents(SEED.noah.id)).to.equal(0);
    expect(statusText(el)).to.equal('Redeemed. Take payment, then complete the sale.');
    expect(part(el, 'countdown')!.textContent).to.equal('If payment fails in the next 9:00, the redemption is reversed.');
    expect(previewRows(el).at(-1)).to.deep.equal(['Total', '$250.00', '−$50.00', '$200.00']);
    expect(part(el, 'panel')!.getAttribute('aria-busy')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it('lets the host veto: nothing is posted, and the cashier is told', async () => {
    const o = omneo();
    const { el } = await mountPanel(o);
    const veto = (e: Event) => e.preventDefault();
    el.addEventListener('omneo-redeem-request', veto);
    confirmButton(el).click();
    await until(() => statusText(el) !== '', 'the status');
    el.removeEventListener('omneo-redeem-request', veto);
    expect(statusText(el)).to.equal('The till stopped this redemption. Nothing was redeemed.');
    expect(o.tenant.requests.filter((r) => r.method !== 'GET')).to.deep.equal([]);
    expect(created()).to.have.length(0);
    expect(confirmButton(el).disabled).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('records the sale once when the host completes it, and says so', async () => {
    const o = omneo();
    const { el, journal, sale } = await mountPanel(o);
    await redeemHeld(el);
    expect((await journal.list()).entries.map((e) => e.stage)).to.deep.equal(['held']);
    const [a, b] = [el.complete({ payments: ['card'], receiptRef: 'R-1' }), el.complete({ payments: ['card'], receiptRef: 'R-1' })];
    expect(a).to.equal(b);
    const transaction = await a;
    expect(transaction).to.include({ externalId: sale.id, totalCents: 20000, totalOriginalCents: 25000, receiptRef: 'R-1' });
    const [event] = settled();
    expect(settled()).to.have.length(1);
    expect(event!.detail).to.deep.include({ outcome: 'recorded', transaction, returnedCents: 0 });
    expect(event!.detail.redemption.id).to.equal(created()[0]!.detail.redemption.id);
    expect(transactionPosts(o.tenant)).to.have.length(1);
    expect(o.tenant.transactions().filter((t) => t.externalId === sale.id)).to.have.length(1);
    expect((await journal.list()).entries).to.have.length(0);
    await el.updateComplete;
    expect(statusText(el)).to.equal('Sale recorded with its redemption.');
    expect(part(el, 'cancel-button')).to.equal(null);
    expect(part(el, 'countdown')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows a refused redemption, reports it, and is ready again', async () => {
    const o = omneo();
    const { el, journal } = await mountPanel(o);
    o.tenant.faults.failNext(1, 422, { method: 'POST', path: /redemptions$/ });
    confirmButton(el).click();
    await until(() => statusText(el).startsWith('Omneo'), 'the failure');
    expect(statusText(el)).to.equal('Omneo did not accept that.');
    expect(part(el, 'status')!.part.contains('error')).to.equal(true);
    const [error] = events.of('omneo-error') as OmneoErrorEvent[];
    expect(error!.operation).to.equal('redeem');
    expect(error!.error.code).to.equal('validation');
    expect(created()).to.have.length(0);
    expect((await journal.list()).entries).to.have.length(0);
    expect(confirmButton(el).disabled).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('refuses another sale while held; once settled, a new sale is a clean slate', async () => {
    const o = omneo();
    const { el, sale } = await mountPanel(o);
    await redeemHeld(el);
    expect(() => (el.sale = guideSale('another'))).to.throw(/not settled yet/);
    expect(el.sale).to.equal(sale);
    await el.complete({ payments: ['card'] });
    el.sale = guideSale('the-next');
    await el.updateComplete;
    expect(el.profileId, 'the member went with the last sale').to.equal(undefined);
    expect(visibleText(el)).to.contain('No member selected');
    expect(statusText(el)).to.equal('');
    el.profileId = SEED.noah.id;
    await until(() => part(el, 'nothing'), 'Noah’s calm state');
  });

  it('with a session, a new sale clears the member, the benefits, the amount and the notice', async () => {
    const o = omneo();
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en-AU"><omneo-redemption-panel></omneo-redemption-panel></div>`);
    const session = provideOmneoSession(wrapper, { client: o.client });
    const el = wrapper.querySelector('omneo-redemption-panel') as OmneoRedemptionPanel;
    el.journal = new RedemptionJournal(memoryStore());
    el.now = o.tenant.clock.now;
    el.sale = guideSale();
    session.setProfile(await o.client.profiles.get(SEED.ava.id));
    const [coffee] = await o.client.benefits.active(SEED.ava.id);
    session.setBenefits([coffee!]);
    await ready(el);
    expect(visibleText(part(el, 'member')!)).to.contain('For Ava');
    await typeAmount(el, '7');
    el.sale = guideSale('next');
    await el.updateComplete;
    expect(session.profile).to.equal(null);
    expect(session.benefits).to.deep.equal([]);
    session.setProfile(await o.client.profiles.get(SEED.ava.id));
    await ready(el);
    expect(input(el).value, 'the amount starts again').to.equal('25.00');
  });

  it('is usable by keyboard alone: Tab to the amount, type, Enter to redeem', async () => {
    const o = omneo();
    const { el } = await mountPanel(o);
    input(el).focus();
    input(el).select();
    await sendKeys({ type: '20' });
    expect(previewRows(el).at(-1)).to.deep.equal(['Total', '$250.00', '−$20.00', '$230.00']);
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'max-button'));
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(confirmButton(el));
    await sendKeys({ press: 'Enter' });
    await until(() => created().length === 1, 'the redemption');
    expect(created()[0]!.detail.redemption.totalCents).to.equal(2000);
  });

  it('is themed, keeps 44px targets, and uses only tokens or its own properties', async () => {
    const o = omneo();
    const { el } = await mountPanel(o);
    for (const name of ['max-button', 'confirm-button', 'input']) {
      expect(part(el, name)!.getBoundingClientRect().height, name).to.be.at.least(44);
    }
    const light = getComputedStyle(el).color;
    el.theme = 'dark';
    await el.updateComplete;
    expect(getComputedStyle(el).color).not.to.equal(light);
    await sleep(250); // the buttons' colour transition
    await expect(el).to.be.accessible();
    const cls = customElements.get('omneo-redemption-panel') as unknown as { elementStyles: { cssText: string }[] };
    const used = new Set(cls.elementStyles.flatMap((s) => s.cssText.match(/var\(--omneo-[a-z0-9-]+/g) ?? []).map((v) => v.slice(4)));
    expect([...used].filter((p) => !tokenProperties.includes(p) && !p.startsWith('--omneo-panel-'))).to.deep.equal([]);
  });

  it('fits a narrow till column, before and after redeeming', async () => {
    const o = omneo();
    const { el } = await mountPanel(o);
    el.style.width = '280px';
    const overflowing = () => {
      const right = el.getBoundingClientRect().right;
      return [...el.shadowRoot!.querySelectorAll('*')]
        .filter((node) => node.getBoundingClientRect().right > right + 0.5)
        .map((node) => node.getAttribute('part') ?? node.localName);
    };
    await el.updateComplete;
    expect(overflowing()).to.deep.equal([]);
    expect(part(el, 'preview')!.getBoundingClientRect().width).to.be.at.most(280);
    confirmButton(el).click();
    await until(() => part(el, 'held'), 'the held redemption');
    expect(overflowing()).to.deep.equal([]);
    expect(part(el, 'cancel-button')!.getBoundingClientRect().height).to.be.at.least(44);
  });
});

describe('<omneo-redemption-panel>: payment declined', () => {
  it('inside the window: reversed, the rewards restored, and it says so', async () => {
    const o = omneo();
    const { el, journal } = await mountPanel(o, { profileId: SEED.ava.id });
    await redeemHeld(el);
    expect(o.tenant.rewardBalanceCents(SEED.ava.id)).to.equal(0);
    o.tenant.clock.advance(5 * 60_000);
    const detail = await el.paymentFailed();
    expect(detail).to.deep.include({ outcome: 'reversed', returnedCents: 2500 });
    expect(settled().map((e) => e.detail)).to.deep.equal([detail]);
    expect(detail!.redemption.id).to.equal(created()[0]!.detail.redemption.id);
    expect(detail!.transaction).to.equal(undefined);
    expect(o.tenant.rewardBalanceCents(SEED.ava.id)).to.equal(2500);
    expect((await journal.list()).entries).to.have.length(0);
    await el.updateComplete;
    expect(statusText(el)).to.equal('Redemption reversed: the member has their rewards and benefits back.');
    await until(() => input(el)?.value === '25.00', 'the form again, with the restored balance');
    await expect(el).to.be.accessible();
  });

  it('counts the window down each second, and says plainly when a failed payment now means a refund', async () => {
    const o = omneo();
    const { el } = await mountPanel(o, { profileId: SEED.ava.id });
    await redeemHeld(el);
    const countdown = () => part(el, 'countdown')?.textContent ?? null;
    expect(countdown()).to.contain('9:00');
    o.tenant.clock.advance(30_000);
    await until(() => countdown()?.includes('8:30'), 'the timer to tick', 2500);
    o.tenant.clock.advance(WINDOW + 1);
    await until(() => countdown() === null, 'the window to close', 2500);
    expect(statusText(el)).to.equal('The 10-minute reversal window has passed: if payment fails now, the redemption is refunded as a new reward.');
    expect(part(el, 'status')!.part.contains('warning')).to.equal(true);
    await expect(el).to.be.accessible();
    const detail = await el.paymentFailed();
    expect(detail).to.deep.include({ outcome: 'refunded', returnedCents: 2500 });
    expect(detail!.reason).to.contain('10-minute reversal window had passed');
    expect(o.tenant.redemptions().filter((r) => r.type === 'reversal')).to.have.length(0);
    expect(o.tenant.redemptions().filter((r) => r.type === 'return').map((r) => r.totalCents)).to.deep.equal([2500]);
    expect(o.tenant.rewardBalanceCents(SEED.ava.id)).to.equal(2500);
    await el.updateComplete;
    expect(statusText(el)).to.equal('Redemption refunded as a new reward.');
  });

  it('stops its timer when removed', async () => {
    const o = omneo();
    const { el } = await mountPanel(o);
    await redeemHeld(el);
    let updates = 0;
    const request = el.requestUpdate.bind(el);
    el.requestUpdate = (...args: Parameters<typeof el.requestUpdate>) => {
      updates += 1;
      request(...args);
    };
    el.remove();
    await sleep(1300);
    expect(updates).to.equal(0);
  });

  it('the cashier can cancel a held redemption', async () => {
    const o = omneo();
    const { el } = await mountPanel(o);
    await redeemHeld(el);
    part<HTMLButtonElement>(el, 'cancel-button')!.click();
    await until(() => settled().length === 1, 'the reversal');
    expect(settled()[0]!.detail.outcome).to.equal('reversed');
    expect(o.tenant.rewardBalanceCents(SEED.noah.id)).to.equal(5000);
  });
});

describe('<omneo-redemption-panel>: after a reload', () => {
  it('recovers a held redemption: asks the host, reverses it, shows what it settled', async () => {
    const o = omneo();
    const store = memoryStore();
    const { el, sale } = await mountPanel(o, { store });
    await typeAmount(el, '40');
    await redeemHeld(el);
    expect((await new RedemptionJournal(store).list()).entries.map((e) => e.stage)).to.deep.equal(['held']);
    el.remove();

    const { el: after } = await mountPanel(o, { store, sale: guideSale() });
    const recover = events.of('omneo-redemption-recover') as OmneoRedemptionRecoverEvent[];
    expect(recover).to.have.length(1);
    expect(recover[0]!.cancelable).to.equal(true);
    expect(recover[0]!.detail.entry).to.deep.include({ stage: 'held', profileId: SEED.noah.id, amountCents: 4000 });
    expect(recover[0]!.detail.entry.sale).to.deep.equal(sale);
    await until(() => visibleText(part(after, 'recovery')!).includes('Noah'), 'the member’s name');
    expect(visibleText(part(after, 'recovery')!).replace(/\s+/g, ' ').trim()).to.equal(
      'Settled after a restart Noah Smith: $40.00 given back, as the sale was not paid. Dismiss',
    );
    expect(visibleText(after), 'no sale id').not.to.contain(sale.id);
    expect(o.tenant.rewardBalanceCents(SEED.noah.id)).to.equal(5000);
    expect((await new RedemptionJournal(store).list()).entries).to.have.length(0);
    await until(() => input(after).value === '50.00', 'the restored balance');
    await expect(after).to.be.accessible();
    // The cashier moves on to the next sale: the notice goes.
    after.sale = guideSale('the-next');
    await after.updateComplete;
    expect(part(after, 'recovery')).to.equal(null);
  });

  it('names a record set aside (quarantined) in the catalogue’s words, never the rules’ reason', async () => {
    const { render } = await import('lit');
    const { renderRecovery } = await import('../../src/elements/redemption-panel/recovery.js');
    const { messagesFor } = await import('../../src/elements/i18n.js');
    const entry = { v: 1, key: 'k', stage: 'held', profileId: SEED.ava.id, sale: guideSale('s-9'), amountCents: 1200 } as never;
    const shown = [
      { status: 'quarantined', entry, reason: 'missing key, profileId or stage' },
      { status: 'failed', entry, error: new Error('boom') },
    ] as never[];
    const box = await fixture<HTMLDivElement>(html`<div></div>`);
    render(renderRecovery({ shown, names: new Map([[SEED.ava.id, 'Ava Jones']]) }, messagesFor('en').redemption, 'Unnamed member', (c) => `$${(c / 100).toFixed(2)}`, () => {}), box);
    const items = [...box.querySelectorAll('li')].map((li) => visibleText(li).trim());
    expect(items).to.deep.equal([
      'Ava Jones: a redemption record could not be read after the restart. It was set aside: ask a supervisor to check it in Omneo.',
      'Ava Jones: $12.00 could not be settled yet. The till will try again.',
    ]);
    expect(box.textContent).not.to.contain('missing key').and.not.to.contain('s-9');
  });

  it('a held panel moved in the DOM keeps its sale: a new panel does not settle it', async () => {
    const o = omneo();
    const store = memoryStore();
    const { el, sale } = await mountPanel(o, { store });
    await redeemHeld(el);
    const elsewhere = document.createElement('div');
    document.body.append(elsewhere);
    elsewhere.append(el); // a reparent: disconnected and connected in one task
    await new Promise((r) => setTimeout(r, 10));
    await mountPanel(o, { store, sale: guideSale(), profileId: SEED.ava.id });
    expect(events.of('omneo-redemption-recover')).to.have.length(0);
    expect(o.tenant.redemptions().filter((r) => r.type !== 'redeem')).to.have.length(0);
    await el.complete({ payments: ['card'] });
    expect(o.tenant.transactions().filter((t) => t.externalId === sale.id)).to.have.length(1);
    elsewhere.remove();
  });

  it('records the sale the host claims through the recover event', async () => {
    const o = omneo();
    const store = memoryStore();
    const { el, sale } = await mountPanel(o, { store });
    await redeemHeld(el);
    const redemptionId = created()[0]!.detail.redemption.id;
    el.remove();
    const claim = (e: Event) => {
      const { entry, claim } = (e as OmneoRedemptionRecoverEvent).detail;
      if (entry.sale.id === sale.id) claim({ payments: ['card'], receiptRef: 'R-9' });
    };
    document.addEventListener('omneo-redemption-recover', claim);
    try {
      const { el: after } = await mountPanel(o, { store, sale: null });
      await until(() => part(after, 'recovery'), 'what recovery settled');
      await until(() => visibleText(part(after, 'recovery')!).includes('Noah'), 'the member’s name');
      expect(visibleText(part(after, 'recovery')!)).to.contain('Noah Smith: $50.00 redeemed and recorded with the paid sale.');
    } finally {
      document.removeEventListener('omneo-redemption-recover', claim);
    }
    const [transaction] = o.tenant.transactions().filter((t) => t.externalId === sale.id);
    expect(transaction).to.deep.include({ redemptionId, payments: ['card'], receiptRef: 'R-9', staffId: '1993', locationId: 2, totalCents: 20000 });
    expect(o.tenant.rewardBalanceCents(SEED.noah.id)).to.equal(0);
    expect(o.tenant.redemptions().filter((r) => r.type !== 'redeem')).to.have.length(0);
  });
});

describe('<omneo-redemption-panel>: returns', () => {
  it('refunds exactly the returned share of a completed sale, and shows it', async () => {
    const o = omneo();
    const { el } = await mountPanel(o);
    await redeemHeld(el);
    await el.complete({ payments: ['card'] });
    expect(await el.refundReturn({ returned: [{ id: 'l3', quantity: 2, ofQuantity: 5 }] })).to.deep.equal({ refundCents: 200 });
    expect(settled().at(-1)!.detail).to.deep.include({ outcome: 'refunded', returnedCents: 200 });
    await el.updateComplete;
    expect(statusText(el)).to.equal('$2.00 given back for the returned items.');
    expect(await el.refundReturn({ returned: [{ id: 'l2' }] })).to.deep.equal({ refundCents: 2300 });
    expect(o.tenant.redemptions().filter((r) => r.type === 'return').map((r) => r.totalCents)).to.deep.equal([200, 2300]);
    expect(o.tenant.rewardBalanceCents(SEED.noah.id)).to.equal(2500);
    await expect(el).to.be.accessible();
  });
});

describe('<omneo-redemption-panel>: returns in the cashier’s words', () => {
  it('a return with nothing of the redemption on it says nothing is given back, and a refused return says why', async () => {
    const o = omneo();
    const sale = { ...guideSale(), lines: [...guideSale().lines, { id: 'g', name: 'Gift card', quantity: 1, amountCents: 5000, eligible: false }] };
    const { el } = await mountPanel(o, { sale });
    await typeAmount(el, '10');
    await redeemHeld(el);
    await el.complete({ payments: ['card'] });
    const before = settled().length;
    expect(await el.refundReturn({ returned: [{ id: 'g' }] })).to.deep.equal({ refundCents: 0 });
    await el.updateComplete;
    expect(statusText(el)).to.equal('Nothing to give back: no rewards were spent on the returned items.');
    expect(settled()).to.have.length(before);
    const share = allocateReward(1000, sale.lines)[1]!.shareCents;
    expect(await el.refundReturn({ returned: [{ id: 'l2' }] })).to.deep.equal({ refundCents: share });
    await el.refundReturn({ returned: [{ id: 'l2' }] }).catch(() => undefined);
    await el.updateComplete;
    expect(statusText(el)).to.equal('Those items cannot be returned against this sale: check the items and quantities.');
  });
});

describe('<omneo-redemption-panel>: one redemption per sale', () => {
  it('a double click, a held Enter key and repeated submits make one redemption', async () => {
    const o = omneo();
    const { el } = await mountPanel(o);
    const form = part<HTMLFormElement>(el, 'form')!;
    confirmButton(el).click();
    confirmButton(el).click();
    for (let i = 0; i < 5; i++) form.requestSubmit();
    input(el).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', repeat: true, bubbles: true }));
    await until(() => created().length === 1, 'the redemption');
    await sleep(50);
    expect(redeemPosts(o.tenant)).to.have.length(1);
    expect(events.of('omneo-redeem-request')).to.have.length(1);
    expect(o.tenant.rewardBalanceCents(SEED.noah.id)).to.equal(0);
  });

  it('two panels on one page for one sale make one redemption; the other says why', async () => {
    const o = omneo();
    const sale = guideSale();
    const { el: first } = await mountPanel(o, { sale });
    const { el: second } = await mountPanel(o, { sale });
    confirmButton(first).click();
    confirmButton(second).click();
    await until(() => created().length === 1 && statusText(second).includes('already'), 'one redemption and one refusal');
    expect(statusText(second)).to.equal('This sale is already being redeemed in another panel or tab.');
    expect(redeemPosts(o.tenant)).to.have.length(1);
    confirmButton(second).click();
    await sleep(50);
    expect(redeemPosts(o.tenant)).to.have.length(1);
    await expect(second).to.be.accessible();
  });
});

describe('<omneo-redemption-panel>: benefits', () => {
  async function avaBenefits(o: ReturnType<typeof omneo>): Promise<Benefit[]> {
    return o.client.benefits.active(SEED.ava.id);
  }

  it('redeems the rewards and each benefit, a column each, and records the sale once with all of them', async () => {
    const o = omneo();
    const [coffee, birthday] = await avaBenefits(o);
    expect([coffee!.kind, birthday!.kind]).to.deep.equal(['apply', 'money']);
    const { el, sale, journal } = await mountPanel(o, { profileId: SEED.ava.id, benefits: [birthday!, coffee!] });
    expect(input(el).value).to.equal('25.00');
    expect(visibleText(part(el, 'benefits')!)).to.contain('$10 birthday voucher').and.contain('Worth $10.00');
    expect(visibleText(part(el, 'benefits')!)).to.contain('Free coffee').and.contain('Apply at the till').and.contain('POS code');
    const rewards = allocateReward(2500, sale.lines).map((l) => l.shareCents);
    const voucher = allocateReward(1000, sale.lines).map((l) => l.shareCents);
    const money = (c: number) => `−$${(c / 100).toFixed(2)}`;
    const columns = parts(el, 'preview-column').map((c) => visibleText(c).trim());
    expect(columns).to.deep.equal(['Rewards', '$10 birthday voucher']);
    expect(previewRows(el).slice(0, 4).map((r) => [r[2], r[3]])).to.deep.equal(rewards.map((c, i) => [money(c), money(voucher[i]!)]));
    expect(previewRows(el).at(-1)).to.deep.equal(['Total', '$250.00', '−$25.00', '−$10.00', '$215.00']);
    expect(confirmButton(el).textContent).to.equal('Redeem $25.00 and 2 benefits');
    await redeemHeld(el);
    expect(redeemPosts(o.tenant).map((r) => r.path)).to.deep.equal([
      `/profiles/${SEED.ava.id}/redemptions`,
      `/profiles/${SEED.ava.id}/benefits/${SEED.ava.benefits.birthday}/redeem`,
      `/profiles/${SEED.ava.id}/benefits/${SEED.ava.benefits.coffee}/redeem`,
    ]);
    const detail = created()[0]!.detail;
    expect(detail.allocation.map((l) => l.shareCents)).to.deep.equal(rewards.map((c, i) => c + voucher[i]!));
    expect(detail.transaction).to.deep.include({ totalCents: 21500, redemptionId: detail.redemptions[0]!.id });
    expect(detail.applyAtTill.map((a) => [a.benefit.id, a.posCode, a.storeInstructions])).to.deep.equal([
      [coffee!.id, coffee!.posCode, 'Scan the POS code, then ring up the coffee at $0.'],
    ]);
    // While payment is taken: the same columns, and the coffee still to apply.
    expect(parts(el, 'preview-column').map((c) => visibleText(c).trim())).to.deep.equal(['Rewards', '$10 birthday voucher']);
    expect(visibleText(part(el, 'held')!)).to.contain('Apply at the till');

    const transaction = await el.complete({ payments: ['card'] });
    expect(transactionPosts(o.tenant)).to.have.length(1);
    const recorded = o.tenant.transactions().filter((t) => t.externalId === sale.id);
    expect(recorded).to.have.length(1);
    expect(recorded[0]).to.deep.include({ redemptionId: detail.redemptions[0]!.id, totalCents: 21500, totalOriginalCents: 25000 });
    expect(transaction.totalCents).to.equal(21500);
    const last = settled().at(-1)!.detail;
    expect(last.outcome).to.equal('recorded');
    expect(last.message).to.equal('Sale recorded with its redemption.');
    expect(last.redemptions.map((r) => r.outcome)).to.deep.equal(['recorded', 'recorded', 'recorded']);
    expect((await journal.list()).entries).to.have.length(0);
  });

  it('redeems benefits alone, and gives them back when payment fails', async () => {
    const o = omneo();
    const benefits = await avaBenefits(o);
    const { el, sale } = await mountPanel(o, { profileId: SEED.ava.id, benefits });
    expect(input(el).value, 'the benefits leave room for all the rewards').to.equal('25.00');
    await typeAmount(el, '0');
    expect(confirmButton(el).textContent).to.equal('Redeem 2 benefits');
    await redeemHeld(el);
    expect(redeemPosts(o.tenant)).to.have.length(2);
    expect(created()[0]!.detail.transaction.redemptionId).to.equal(undefined);
    const detail = await el.paymentFailed();
    expect(detail).to.deep.include({ outcome: 'reversed', returnedCents: 1500 });
    expect(o.tenant.redemptions().filter((r) => r.type === 'reversal')).to.have.length(2);
    expect((await o.client.benefits.active(SEED.ava.id)).map((b) => b.id)).to.have.members([SEED.ava.benefits.coffee, SEED.ava.benefits.birthday]);
    expect(o.tenant.transactions().filter((t) => t.externalId === sale.id)).to.have.length(0);
  });

  it('all or nothing: when a benefit is refused, the rewards already redeemed are reversed', async () => {
    const o = omneo();
    const [coffee] = await avaBenefits(o);
    const { el, journal } = await mountPanel(o, { profileId: SEED.ava.id, benefits: [coffee!] });
    o.tenant.faults.failNext(1, 422, { method: 'POST', path: /\/benefits\/\d+\/(redemptions|redeem)$/ });
    confirmButton(el).click();
    await until(() => statusText(el) === 'Omneo did not accept that.', 'the refusal');
    expect(redeemPosts(o.tenant)).to.have.length(2);
    expect(o.tenant.redemptions().map((r) => r.type)).to.deep.equal(['redeem', 'reversal']);
    expect(o.tenant.rewardBalanceCents(SEED.ava.id)).to.equal(2500);
    expect((await journal.list()).entries).to.have.length(0);
    expect(created()).to.have.length(0);
    expect(confirmButton(el).disabled).to.equal(false);
  });

  it('when the give-back fails too, the held rewards stay on screen with their cancel button', async () => {
    const o = omneo();
    const [coffee] = await avaBenefits(o);
    const { el, journal } = await mountPanel(o, { profileId: SEED.ava.id, benefits: [coffee!] });
    o.tenant.faults.failNext(1, 422, { method: 'POST', path: /\/benefits\/\d+\/(redemptions|redeem)$/ });
    o.tenant.faults.failNext(1, 503, { method: 'POST', path: /revers(e|al)$/ });
    o.tenant.faults.failNext(20, 503, { method: 'GET', path: /^\/redemptions/ });
    confirmButton(el).click();
    await until(() => statusText(el) === 'Omneo did not accept that.', 'the refusal');
    await el.updateComplete;
    expect(part(el, 'held'), 'the held rewards').to.exist;
    expect(part(el, 'cancel-button'), 'a way to give them back').to.exist;
    expect((await journal.list()).entries.map((e) => e.stage)).to.deep.equal(['settling']);
    o.tenant.faults.clear();
    await el.abandon();
    expect(o.tenant.rewardBalanceCents(SEED.ava.id)).to.equal(2500);
    expect((await journal.list()).entries).to.have.length(0);
  });

  it('a recording that fails can be tried again, and the sale is still recorded once', async () => {
    const o = omneo();
    const [coffee] = await avaBenefits(o);
    const { el, sale, journal } = await mountPanel(o, { profileId: SEED.ava.id, benefits: [coffee!] });
    await redeemHeld(el);
    o.tenant.faults.failNext(1, 503, { method: 'POST', path: /^\/transactions/ });
    let failure: unknown;
    await el.complete({ payments: ['card'] }).catch((error: unknown) => (failure = error));
    expect((failure as { code: string }).code).to.equal('server');
    await el.updateComplete;
    expect(statusText(el)).to.equal('Omneo had a problem. Try again shortly.');
    expect((await journal.list()).entries.map((e) => e.stage)).to.deep.equal(['paid', 'paid']);
    expect(settled()).to.have.length(0);
    await el.complete({ payments: ['card'] });
    expect(transactionPosts(o.tenant)).to.have.length(2);
    expect(o.tenant.transactions().filter((t) => t.externalId === sale.id)).to.have.length(1);
    expect(o.tenant.transactions()[0]!.redemptionId).to.equal(created()[0]!.detail.redemptions[0]!.id);
    expect(settled()).to.have.length(1);
    expect((await journal.list()).entries).to.have.length(0);
    await el.updateComplete;
    expect(statusText(el)).to.equal('Sale recorded with its redemption.');
  });

  it('follows the picker in the same session, and refreshes balances after settling', async () => {
    const o = omneo();
    const journal = new RedemptionJournal(memoryStore());
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en-AU">
      <omneo-benefit-picker multiple></omneo-benefit-picker>
      <omneo-redemption-panel staff-id="1993" location-id="2" timezone="Australia/Melbourne"></omneo-redemption-panel>
    </div>`);
    const session = provideOmneoSession(wrapper, { client: o.client });
    const picker = wrapper.querySelector('omneo-benefit-picker')!;
    const el = wrapper.querySelector('omneo-redemption-panel') as OmneoRedemptionPanel;
    Object.assign(el, { journal, now: o.tenant.clock.now, sale: { ...guideSale(), lines: [{ id: 'a', name: 'Tee', quantity: 1, amountCents: 2000 }] } });
    picker.now = o.tenant.clock.now;
    session.setProfile(await o.client.profiles.get(SEED.ava.id));
    await ready(el);
    expect(input(el).value).to.equal('20.00');
    await until(() => parts(picker, 'option').length === 2, 'the benefits');
    parts(picker, 'option')[1]!.click();
    await until(() => part(el, 'benefits'), 'the chosen benefit in the panel');
    expect(visibleText(part(el, 'benefits')!)).to.contain('$10 birthday voucher');
    expect(input(el).value, '20.00 less the 10.00 voucher').to.equal('10.00');
    await redeemHeld(el);
    o.tenant.requests.length = 0;
    await el.complete({ payments: ['card'] });
    await until(() => o.tenant.requests.some((r) => r.method === 'GET' && r.path.endsWith('/balances')), 'a balance refresh');
    session.setProfile(null);
    await el.updateComplete;
    expect(visibleText(el)).to.contain('No member selected');
  });

  it('a panel added after the choice takes the session’s benefits; a new member clears them', async () => {
    const o = omneo();
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en-AU"><omneo-benefit-picker></omneo-benefit-picker></div>`);
    const session = provideOmneoSession(wrapper, { client: o.client });
    const picker = wrapper.querySelector('omneo-benefit-picker')!;
    picker.now = o.tenant.clock.now;
    session.setProfile(await o.client.profiles.get(SEED.ava.id));
    await until(() => parts(picker, 'option').length === 2, 'the benefits');
    parts(picker, 'option')[0]!.click();
    await until(() => session.benefits.length === 1, 'the choice in the session');
    expect(session.benefits.map((b) => b.name)).to.deep.equal(['Free coffee']);

    // The till shows the panel only now, at payment.
    const el = document.createElement('omneo-redemption-panel') as OmneoRedemptionPanel;
    Object.assign(el, { journal: new RedemptionJournal(memoryStore()), now: o.tenant.clock.now, sale: guideSale() });
    el.setAttribute('timezone', 'Australia/Melbourne');
    wrapper.append(el);
    await ready(el);
    expect(visibleText(part(el, 'benefits')!)).to.contain('Free coffee');

    // A fresher copy of the same member keeps the choice, in the picker and the panel alike.
    session.setProfile(await o.client.profiles.get(SEED.ava.id));
    await el.updateComplete;
    expect(session.benefits.map((b) => b.name)).to.deep.equal(['Free coffee']);
    expect(picker.selected).to.deep.equal([SEED.ava.benefits.coffee]);
    expect(visibleText(part(el, 'benefits')!)).to.contain('Free coffee');

    // Choosing in the picker by property reaches the panel too (no DOM event: not the cashier's).
    picker.selected = [SEED.ava.benefits.birthday];
    await el.updateComplete;
    expect(visibleText(part(el, 'benefits')!)).to.contain('$10 birthday voucher').and.not.contain('Free coffee');

    // A host with its own benefit list chooses through the session too.
    const all = await o.client.benefits.active(SEED.ava.id);
    session.setBenefits(all);
    await el.updateComplete;
    expect(parts(el, 'benefit')).to.have.length(2);

    session.setProfile(await o.client.profiles.get(SEED.noah.id));
    await el.updateComplete;
    expect(session.benefits).to.deep.equal([]);
    expect(part(el, 'benefits') === null, 'no benefits listed').to.equal(true);
  });

  it('shows hostile benefit and line text as text', async () => {
    const o = omneo();
    const benefits = await o.client.benefits.active(SEED.hostile.id);
    const sale = { ...guideSale(), lines: [{ id: 'x', name: '<img src=x onerror=alert(1)>Tee', quantity: 1, amountCents: 5000 }] };
    const { el } = await mountPanel(o, { profileId: SEED.hostile.id, benefits, sale });
    expect(el.shadowRoot!.querySelectorAll('img, script, b, svg')).to.have.length(0);
    expect(visibleText(part(el, 'benefits')!)).to.contain('<img src=x onerror=alert("benefit")> 無料コーヒー');
    expect(previewRows(el)[0]![0]).to.equal('<img src=x onerror=alert(1)>Tee');
    await expect(el).to.be.accessible();
  });
});

describe('<omneo-redemption-panel>: a held redemption owns its member (issue 13)', () => {
  /** A lookup and a panel sharing a session, Noah chosen by a scan, over the guide's sale. */
  async function till(o: Omneo) {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en-AU">
      <omneo-member-lookup></omneo-member-lookup><omneo-redemption-panel timezone="Australia/Melbourne"></omneo-redemption-panel>
    </div>`);
    const session = provideOmneoSession(wrapper, { client: o.client });
    const lookup = wrapper.querySelector('omneo-member-lookup')!;
    const el = wrapper.querySelector('omneo-redemption-panel') as OmneoRedemptionPanel;
    el.journal = new RedemptionJournal(memoryStore());
    el.now = o.tenant.clock.now;
    el.sale = guideSale();
    lookup.scan(SEED.noah.card);
    await until(() => session.profile?.id === SEED.noah.id, 'Noah');
    await ready(el);
    return { session, lookup, el };
  }

  for (const path of ['complete', 'paymentFailed'] as const) {
    it(`keeps Noah's redemption through a member change attempt, and settles it once through ${path}()`, async () => {
      const o = omneo();
      const { session, lookup, el } = await till(o);
      await typeAmount(el, '5');
      await redeemHeld(el);
      expect(session.held).to.equal(true);
      expect(visibleText(part(el, 'held')!)).to.contain('For Noah Smith');
      lookup.scan(SEED.ava.card);
      part<HTMLButtonElement>(lookup, 'change-button')!.click();
      expect(() => session.setProfile(null)).to.throw(/not settled/);
      await lookup.updateComplete;
      await el.updateComplete;
      expect(part(lookup, 'status')!.textContent).to.contain('Card not used');
      expect(session.profile?.id).to.equal(SEED.noah.id);
      expect(visibleText(part(el, 'held')!)).to.contain('For Noah Smith');
      await expect(el).to.be.accessible();
      if (path === 'complete') {
        await el.complete({ payments: ['card'] });
        expect(o.tenant.transactions().filter((t) => t.profileId === SEED.noah.id)).to.have.length(1);
      } else {
        await el.paymentFailed();
      }
      await el.updateComplete;
      expect(settled(), 'settled once').to.have.length(1);
      expect(settled()[0]!.detail.outcome).to.equal(path === 'complete' ? 'recorded' : 'reversed');
      expect(settled()[0]!.detail.redemption.profileId).to.equal(SEED.noah.id);
      expect(session.held).to.equal(false);
      expect(statusText(el)).not.to.match(/Take payment/);
      // Now the cashier may move on.
      lookup.scan(SEED.ava.card);
      await until(() => session.profile?.id === SEED.ava.id, 'Ava');
      expect(settled()).to.have.length(1);
    });
  }

  it('a card scanned while the amount has focus goes to the lookup (scan-anywhere), and the amount is left as it was', async () => {
    const o = omneo();
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en-AU">
      <omneo-member-lookup scan-anywhere></omneo-member-lookup><omneo-redemption-panel></omneo-redemption-panel>
    </div>`);
    const session = provideOmneoSession(wrapper, { client: o.client });
    const el = wrapper.querySelector('omneo-redemption-panel') as OmneoRedemptionPanel;
    el.journal = new RedemptionJournal(memoryStore());
    el.sale = guideSale();
    session.setProfile(await o.client.profiles.get(SEED.noah.id));
    await ready(el);
    await typeAmount(el, '12');
    input(el).focus();
    const { scannerTypes } = await import('./helpers.js');
    await scannerTypes(input(el), SEED.ava.card, { field: input(el) });
    await until(() => session.profile?.id === SEED.ava.id, 'Ava, from the scan');
    await el.updateComplete;
    expect(events.of('omneo-redeem-request')).to.have.length(0);
    expect(input(el).value, 'the card is not an amount').not.to.contain(SEED.ava.card);
  });

  it('without a session, a host that swaps .profile while held still sees Noah’s redemption settle once', async () => {
    const o = omneo();
    const noah = await o.client.profiles.get(SEED.noah.id);
    const el = await fixture<OmneoRedemptionPanel>(html`<omneo-redemption-panel lang="en-AU" .client=${o.client} .now=${o.tenant.clock.now}
      .journal=${new RedemptionJournal(memoryStore())} .sale=${guideSale()} .profile=${noah}></omneo-redemption-panel>`);
    await ready(el);
    await typeAmount(el, '5');
    await redeemHeld(el);
    el.profile = await o.client.profiles.get(SEED.ava.id);
    await el.updateComplete;
    expect(visibleText(part(el, 'held')!)).to.contain('For Noah Smith');
    await el.complete({ payments: ['card'] });
    expect(settled()).to.have.length(1);
    expect(settled()[0]!.detail.redemption.profileId).to.equal(SEED.noah.id);
    expect(o.tenant.transactions().filter((t) => t.profileId === SEED.noah.id)).to.have.length(1);
  });

  it('moves focus to the held redemption’s status after Redeem', async () => {
    const o = omneo();
    const { el } = await mountPanel(o);
    confirmButton(el).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => part(el, 'cancel-button'), 'the held redemption');
    await until(() => el.shadowRoot!.activeElement === part(el, 'status'), 'focus on the status');
    expect(statusText(el)).to.equal('Redeemed. Take payment, then complete the sale.');
  });
});

describe('<omneo-redemption-panel>: nothing to redeem, and the default amount', () => {
  it('is calm for a member with nothing to redeem: it says so and offers nothing to press', async () => {
    const o = omneo();
    const el = await fixture<OmneoRedemptionPanel>(html`<omneo-redemption-panel lang="en-AU" .client=${o.client}
      .journal=${new RedemptionJournal(memoryStore())} .sale=${guideSale()} profile-id=${SEED.empty.id}></omneo-redemption-panel>`);
    const calm = await until(() => part(el, 'nothing'), 'the calm state');
    expect(calm.textContent).to.equal('Nothing to redeem on this sale: no rewards to spend and no benefit chosen.');
    expect(part(el, 'confirm-button')).to.equal(null);
    expect(part(el, 'input')).to.equal(null);
    expect(part(el, 'amount-error')).to.equal(null);
    expect(part(el, 'status')!.part.contains('error')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('with default-amount="empty" starts empty and calm; Max fills it', async () => {
    const o = omneo();
    const el = await fixture<OmneoRedemptionPanel>(html`<omneo-redemption-panel lang="en-AU" default-amount="empty" .client=${o.client}
      .journal=${new RedemptionJournal(memoryStore())} .sale=${guideSale()} profile-id=${SEED.noah.id}></omneo-redemption-panel>`);
    await until(() => part(el, 'input'), 'the amount');
    expect(input(el).value).to.equal('');
    expect(amountError(el)).to.equal('');
    expect(input(el).getAttribute('aria-invalid')).to.equal('false');
    expect(confirmButton(el).textContent).to.equal('Redeem');
    expect(confirmButton(el).disabled).to.equal(true);
    part<HTMLButtonElement>(el, 'max-button')!.click();
    await el.updateComplete;
    expect(input(el).value).to.equal('50.00');
    await expect(el).to.be.accessible();
  });

  it('with strategies="rewards points" caps at the rewards plus the points’ value, and sends both', async () => {
    const o = omneo();
    const el = await fixture<OmneoRedemptionPanel>(html`<omneo-redemption-panel lang="en-AU" strategies="rewards points" .client=${o.client}
      .now=${o.tenant.clock.now} .journal=${new RedemptionJournal(memoryStore())} .sale=${guideSale()} profile-id=${SEED.ava.id}></omneo-redemption-panel>`);
    await ready(el);
    expect(input(el).value).to.equal('40.00');
    expect(parts(el, 'preview-column').map((c) => visibleText(c).trim())).to.deep.equal(['Rewards and points']);
    expect(part(el, 'hint')!.textContent).to.equal('Up to $40.00 (rewards balance $25.00).');
    expect(visibleText(part(el, 'balance-after')!).trim()).to.equal('Rewards left after this: $0.00');
    await redeemHeld(el);
    expect(redeemPosts(o.tenant)[0]!.body).to.deep.include({ amount: 40, strategies: ['rewards', 'points'] });
    await el.paymentFailed();
  });
});

describe('<omneo-redemption-panel>: benefit kinds (issue 11)', () => {
  it('allocates only money off; every other kind is listed to apply at the till, with its code, and given to the host', async () => {
    const o = omneo();
    const benefits = await o.client.benefits.active(SEED.odd.id);
    const byType = Object.fromEntries(benefits.map((b) => [b.type ?? 'none', b]));
    expect(benefits.map((b) => [b.type, b.kind])).to.have.deep.members([
      ['discount', 'apply'], ['competition', 'apply'], ['event', 'apply'], ['voucher', 'money'], ['bonus', 'apply'], ['other', 'apply'],
    ]);
    const { el, sale } = await mountPanel(o, { profileId: SEED.odd.id, benefits });
    const listed = parts(el, 'benefit').map((li) => visibleText(li).replace(/\s+/g, ' ').trim());
    expect(listed.find((t) => t.startsWith('15% off'))).to.contain('Apply at the till').and.contain('POS code KNIT15').and.contain('Apply 15% to full-price knitwear lines.');
    expect(listed.find((t) => t.startsWith('VIP night'))).to.contain('POS code VIPNIGHT').and.contain('Check the guest list.');
    expect(listed.find((t) => t.startsWith('Spring giveaway'))).to.contain('No POS code');
    expect(listed.find((t) => t.startsWith('Double points'))).to.contain('Apply at the till').and.not.contain('Worth');
    expect(listed.find((t) => t.startsWith('$20 voucher'))).to.contain('Worth $20.00').and.not.contain('Apply');
    expect(parts(el, 'preview-column').map((c) => visibleText(c).trim())).to.deep.equal(['$20 voucher']);
    expect(previewRows(el).at(-1)).to.deep.equal(['Total', '$250.00', '−$20.00', '$230.00']);
    await redeemHeld(el);
    const detail = created()[0]!.detail;
    expect(detail.redemptions).to.have.length(6);
    expect(detail.allocation.reduce((sum, l) => sum + l.shareCents, 0), 'only the voucher is money').to.equal(2000);
    expect(detail.transaction.totalCents).to.equal(23000);
    expect(detail.applyAtTill.map((a) => a.benefit.type)).to.have.members(['discount', 'competition', 'event', 'bonus', 'other']);
    expect(detail.applyAtTill.find((a) => a.benefit.id === byType['discount']!.id)).to.deep.include({ posCode: 'KNIT15', storeInstructions: 'Apply 15% to full-price knitwear lines.' });
    expect(visibleText(part(el, 'held')!)).to.contain('Apply at the till');
    await expect(el).to.be.accessible();
    await el.paymentFailed();
    expect(settled()).to.have.length(1);
    expect(o.tenant.transactions().filter((t) => t.externalId === sale.id)).to.have.length(0);
  });

  it('a gift with a value (Free coffee) takes no money off; a value benefit does', async () => {
    const o = omneo();
    const [coffee, birthday] = await o.client.benefits.active(SEED.ava.id);
    expect([coffee!.type, coffee!.kind, birthday!.type, birthday!.kind]).to.deep.equal(['gift', 'apply', 'value', 'money']);
    const { el } = await mountPanel(o, { profileId: SEED.ava.id, benefits: [coffee!] });
    await typeAmount(el, '0');
    expect(part(el, 'preview'), 'nothing to spread').to.equal(null);
    expect(confirmButton(el).textContent).to.equal('Redeem 1 benefit');
    await redeemHeld(el);
    expect(created()[0]!.detail.allocation.every((l) => l.shareCents === 0)).to.equal(true);
    expect(created()[0]!.detail.applyAtTill).to.have.length(1);
    await el.paymentFailed();
  });
});

describe('<omneo-redemption-panel>: cashier language', () => {
  it('says an unknown outcome and a wrong-time call in the catalogue’s words, in each shipped language', async () => {
    const { failureMessage } = await import('../../src/elements/redemption-panel/panel-views.js');
    const { RedemptionFlowError, AllocationError } = await import('../../src/rules/index.js');
    const { messagesFor } = await import('../../src/elements/i18n.js');
    for (const lang of ['en', 'fr']) {
      const m = messagesFor(lang);
      const unknown = failureMessage(new RedemptionFlowError('outcome_unknown', 'Sale s-1: lost'), m, '$1.00');
      expect(unknown).to.equal(m.redemption.outcomeUnknown);
      expect(failureMessage(new RedemptionFlowError('invalid_state', 'Cannot complete in state reversed.'), m, '$1.00')).to.equal(m.redemption.notNow);
      const refused = failureMessage(new AllocationError('return_exceeds_line', 'Line "l2" has 0 of 1 units left', 'l2'), m, '$1.00');
      expect(refused).to.equal(m.redemption.returnRefused);
      for (const text of [unknown, m.redemption.notNow, refused]) expect(text).not.to.match(/state|l2|s-1/);
    }
  });

  it('says so when another redemption of the sale was found and given back too', async () => {
    const { settledDetail } = await import('../../src/elements/redemption-panel/settlement.js');
    const { messagesFor } = await import('../../src/elements/i18n.js');
    const redemption = { id: 7, profileId: SEED.noah.id, totalCents: 500 } as never;
    const detail = settledDetail(
      { settled: [{ redemption, outcome: 'reversed', reason: 'English for logs', returnedCents: 500, strays: [{ redemptionId: 8, outcome: 'reversed', returnedCents: 500 }] }], error: null },
      messagesFor('en').redemption,
      (c) => `$${(c / 100).toFixed(2)}`,
      false,
    );
    expect(detail!.message).to.equal('Redemption reversed: the member has their rewards and benefits back. A second redemption of this sale was found and given back too.');
    expect(detail!.reason).to.equal('English for logs');
  });

  it('settles in the panel’s language: the settled event’s message is French in a French panel', async () => {
    const o = omneo();
    const { el } = await mountPanel(o, { lang: 'fr-FR' });
    await redeemHeld(el);
    const detail = await el.paymentFailed();
    expect(detail!.message).to.equal('Opération annulée : le membre retrouve ses récompenses et avantages.');
    expect(detail!.reason, 'the reason stays for logs').to.be.a('string');
  });
});

describe('<omneo-redemption-panel>: hostile text', () => {
  /** Every cell of the allocation table, and the chosen benefits, that reach past the panel's right edge. */
  const pastThePanel = (el: Element) => {
    const right = el.getBoundingClientRect().right;
    return [...el.shadowRoot!.querySelectorAll('th, td, [part~="benefit"] > *')]
      .filter((node) => node.getBoundingClientRect().right > right + 0.5)
      .map((node) => `${node.localName} ${node.textContent!.slice(0, 20)}`);
  };

  it('a 10,000-character line or benefit name keeps the figures in the panel, before redeeming and while the cashier takes payment', async () => {
    const o = omneo();
    const long = hostileName('Jacket');
    const sale = guideSale();
    sale.lines[1] = { ...sale.lines[1]!, name: long, quantity: 2 };
    const [, voucher] = await o.client.benefits.active(SEED.ava.id);
    const benefitName = hostileName('Voucher');
    const { el } = await mountPanel(o, { sale, profileId: SEED.ava.id, benefits: [{ ...voucher!, name: benefitName }] });
    el.style.width = '400px';
    await el.updateComplete;
    expect(pastThePanel(el)).to.deep.equal([]);
    // What the panel asks of a host's layout: its narrowest width ignores the names.
    el.style.width = 'min-content';
    expect(el.getBoundingClientRect().width).to.be.below(400);
    el.style.width = '400px';

    const line = parts(el, 'preview-line')[1]!;
    expect(outsideTextProblems(line, long, line)).to.deep.equal([]);
    expect(readsLeftToRight(characterLefts(el, '× 2')), 'the count reads as written').to.equal(true);
    expect(previewRows(el)[1]![0]).to.equal(`${long} × 2`);
    expect(outsideTextProblems(part(el, 'benefits')!, benefitName, part(el, 'benefit')!)).to.deep.equal([]);
    expect(readsLeftToRight(characterLefts(el, 'Worth'))).to.equal(true);
    await expect(el).to.be.accessible();

    confirmButton(el).click();
    await until(() => part(el, 'held'), 'the held redemption');
    expect(pastThePanel(el)).to.deep.equal([]);
    const held = parts(el, 'preview-line')[1]!;
    expect(outsideTextProblems(held, long, held)).to.deep.equal([]);
    expect(readsLeftToRight(characterLefts(el, '× 2'))).to.equal(true);
  });

  it('a recovered member’s name is isolated: the sentence around it reads as written', async () => {
    const o = omneo();
    const store = memoryStore();
    const name = (await o.client.profiles.get(SEED.hostile.id)).fullName!;
    const { el } = await mountPanel(o, { store, profileId: SEED.hostile.id });
    await typeAmount(el, '10');
    await redeemHeld(el);
    el.remove();

    const { el: after } = await mountPanel(o, { store, sale: guideSale() });
    after.style.width = '400px';
    const item = await until(() => (visibleText(part(after, 'recovery-item') ?? after).includes(name) ? part(after, 'recovery-item') : null), 'the recovery report');
    expect(visibleText(item).trim()).to.equal(`${name}: $10.00 given back, as the sale was not paid.`);
    expect(readsLeftToRight(characterLefts(after, '$10.00 given back'))).to.equal(true);
    expect(outsideTextProblems(item, name, item)).to.deep.equal([]);
  });
});

elementContract('omneo-redemption-panel', async () => {
  const o = omneo();
  const wrapper = await fixture<HTMLDivElement>(html`<div lang="en-AU"><omneo-redemption-panel staff-id="1993" location-id="2" timezone="Australia/Melbourne"></omneo-redemption-panel></div>`);
  const session = provideOmneoSession(wrapper, { client: o.client });
  const el = wrapper.querySelector('omneo-redemption-panel') as OmneoRedemptionPanel;
  el.journal = new RedemptionJournal(memoryStore());
  el.now = o.tenant.clock.now;
  el.profileId = SEED.noah.id;
  el.sale = guideSale();
  return {
    el,
    tenant: o.tenant,
    session,
    settled: async () => void (await until(() => part<HTMLButtonElement>(el, 'confirm-button')?.disabled === false, 'ready')),
    exercise: async () => {
      if (el.shadowRoot!.querySelector('[part~="cancel-button"]') === null) {
        // A new sale clears the member, unless the host gives one with it.
        el.sale = guideSale();
        el.profileId = SEED.noah.id;
        await until(() => part<HTMLButtonElement>(el, 'confirm-button')?.disabled === false, 'ready');
        await typeAmount(el, '10');
        await redeemHeld(el);
      }
      await el.complete({ payments: ['card'] });
      await el.updateComplete;
    },
  };
});
