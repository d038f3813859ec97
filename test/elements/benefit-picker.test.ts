/**
 * <omneo-benefit-picker> against the seeded mock tenant: what each benefit shows, one choice
 * or several, the keyboard, the empty, loading and failed states, hostile text, and the events.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Benefit, OmneoClient } from '../../src/client/index.js';
import '../../src/elements/benefit-picker/define.js';
import type { OmneoBenefitPicker } from '../../src/elements/benefit-picker/benefit-picker.js';
import type { OmneoBenefitSelectEvent, OmneoErrorEvent } from '../../src/elements/events.js';
import { provideOmneoSession } from '../../src/elements/session.js';
import { tokenProperties } from '../../src/elements/styles/tokens.js';
import { SEED } from '../../src/mocks/index.js';
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
  until,
  visibleText,
  type Omneo,
} from './helpers.js';
import { elementContract } from './shared-suite.js';
import '../../src/elements/locales/fr.js';

let events: ReturnType<typeof recordEvents>;
beforeEach(() => (events = recordEvents(['omneo-benefit-select', 'omneo-error'])));
afterEach(() => events.stop());

const options = (el: Element) => parts(el, 'option');
const loaded = (el: Element) => until(() => options(el).length > 0 || part(el, 'empty') || part(el, 'error'), 'the benefits');
const names = (el: Element) => options(el).map((o) => visibleText(o.querySelector('[part~="name"]')!).trim());
const selects = () => events.of('omneo-benefit-select') as OmneoBenefitSelectEvent[];

async function mount(o: Omneo, profileId: string = SEED.ava.id, extra = html``) {
  const el = await fixture<OmneoBenefitPicker>(
    html`<omneo-benefit-picker lang="en-AU" .client=${o.client} .now=${o.tenant.clock.now} profile-id=${profileId}></omneo-benefit-picker>${extra}`,
  );
  await loaded(el);
  return el;
}

/** A client whose benefits also include ones Omneo would not list as active. */
function withUnavailable(client: OmneoClient): OmneoClient {
  const active = async (profileId: string, call?: { signal?: AbortSignal }): Promise<Benefit[]> => {
    const listed = await client.benefits.active(profileId, call);
    const [first] = listed;
    return first
      ? [...listed, { ...first, id: 9001, name: 'Winter warmer', isExpired: true, active: false }, { ...first, id: 9002, name: 'Used voucher', isRedeemable: false, active: false }]
      : listed;
  };
  return Object.assign(Object.create(client) as OmneoClient, { benefits: { active } });
}

describe('<omneo-benefit-picker>', () => {
  it('lists the active benefits: name, description, value (money off) or "Apply at the till", expiry and POS code; the expired one is left out', async () => {
    const o = omneo();
    const el = await mount(o);
    expect(requestLines(o.tenant)).to.deep.equal([`GET /profiles/${SEED.ava.id}/benefits/redeemable`]);
    expect(names(el)).to.deep.equal(['Free coffee', '$10 birthday voucher']);
    const [coffee, birthday] = options(el).map((row) => visibleText(row).replace(/\s+/g, ' ').trim());
    // The coffee is a gift (kind 'apply'): applied at the till by its code, so no dollar figure beside it.
    expect(coffee).to.equal('Free coffee One regular coffee, any size Apply at the till Expires in 30 days POS code COFFEE-5');
    expect(birthday).to.equal('$10 birthday voucher Happy birthday from us Worth $10.00 Expires in 14 days POS code BDAY-10');
    expect(part(el, 'status')!.textContent).to.equal('2 benefits');
    await expect(el).to.be.accessible();
  });

  it('says when an expiry is near in hours, and far as a date, in the element’s language', async () => {
    const o = omneo();
    const el = await mount(o);
    o.tenant.clock.advance(14 * 24 * 3_600_000 - 5 * 3_600_000);
    el.profileId = SEED.noah.id;
    await loaded(el);
    el.profileId = SEED.ava.id;
    await until(() => names(el).length === 2, 'Ava again');
    expect(visibleText(options(el)[1]!)).to.contain('Expires in 5 hours');
    const fr = await fixture<OmneoBenefitPicker>(
      html`<omneo-benefit-picker lang="fr-FR" .client=${omneo().client} .now=${() => o.tenant.clock.now() - 30 * 86_400_000} profile-id=${SEED.ava.id}></omneo-benefit-picker>`,
    );
    await loaded(fr);
    const expiry = fr.shadowRoot!.querySelector('[part~="expiry"]')!.textContent!;
    expect(expiry).to.match(/^Expire le /).and.contain('2026');
    expect(visibleText(fr)).to.contain('Valeur').and.contain('Code caisse');
  });

  it('chooses one benefit at a time (a listbox), and fires the choice with the benefits', async () => {
    const el = await mount(omneo());
    const list = part(el, 'list')!;
    expect(list.getAttribute('role')).to.equal('listbox');
    const [coffee, birthday] = options(el);
    expect(coffee!.getAttribute('role')).to.equal('option');
    coffee!.click();
    await el.updateComplete;
    expect(coffee!.getAttribute('aria-selected')).to.equal('true');
    expect(el.selected).to.deep.equal([SEED.ava.benefits.coffee]);
    birthday!.click();
    await until(() => selects().length === 2, 'two choices');
    expect(coffee!.getAttribute('aria-selected')).to.equal('false');
    expect(birthday!.getAttribute('aria-selected')).to.equal('true');
    expect(selects().map((e) => e.benefits.map((b) => b.id))).to.deep.equal([[SEED.ava.benefits.coffee], [SEED.ava.benefits.birthday]]);
    expect(selects()[1]!.detail.benefits[0]).to.include({ name: '$10 birthday voucher', valueCents: 1000, posCode: 'BDAY-10' });
    birthday!.click();
    await until(() => selects().length === 3, 'the unchoice');
    expect(selects()[2]!.benefits).to.deep.equal([]);
    expect(el.selected).to.deep.equal([]);
    expect(part(el, 'status')!.textContent).to.equal('2 benefits');
  });

  it('chooses several with `multiple` (checkboxes), in list order', async () => {
    const o = omneo();
    const el = await fixture<OmneoBenefitPicker>(
      html`<omneo-benefit-picker multiple lang="en-AU" .client=${o.client} .now=${o.tenant.clock.now} profile-id=${SEED.ava.id}></omneo-benefit-picker>`,
    );
    await loaded(el);
    expect(part(el, 'list')!.getAttribute('role')).to.equal('group');
    const [coffee, birthday] = options(el);
    expect(coffee!.getAttribute('role')).to.equal('checkbox');
    expect(coffee!.hasAttribute('aria-selected')).to.equal(false);
    birthday!.click();
    coffee!.click();
    await until(() => selects().length === 2, 'two events');
    expect(coffee!.getAttribute('aria-checked')).to.equal('true');
    expect(birthday!.getAttribute('aria-checked')).to.equal('true');
    expect(selects()[1]!.benefits.map((b) => b.id)).to.deep.equal([SEED.ava.benefits.coffee, SEED.ava.benefits.birthday]);
    expect(part(el, 'status')!.textContent).to.equal('2 benefits, 2 selected');
    await expect(el).to.be.accessible();
  });

  it('is one Tab stop past the filter; arrows, Home and End move focus; Space and Enter choose', async () => {
    const o = omneo();
    const el = await fixture<OmneoBenefitPicker>(
      html`<omneo-benefit-picker lang="en-AU" .client=${o.client} .now=${o.tenant.clock.now} profile-id=${SEED.many.id}></omneo-benefit-picker>`,
    );
    await loaded(el);
    const rows = options(el);
    expect(rows).to.have.length(200);
    expect(rows.filter((r) => r.tabIndex === 0)).to.have.length(1);
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement, 'the filter box first').to.equal(part(el, 'filter'));
    await sendKeys({ press: 'Tab' });
    const focused = () => el.shadowRoot!.activeElement as HTMLElement | null;
    expect(focused()).to.equal(rows[0]);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    expect(focused()).to.equal(rows[2]);
    expect(rows.filter((r) => r.tabIndex === 0)).to.deep.equal([rows[2]]);
    await sendKeys({ press: 'End' });
    expect(focused()).to.equal(rows[199]);
    await sendKeys({ press: 'ArrowDown' });
    expect(focused(), 'stays on the last').to.equal(rows[199]);
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'ArrowUp' });
    expect(focused()).to.equal(rows[0]);
    await sendKeys({ press: 'Space' });
    await until(() => selects().length === 1, 'the choice by Space');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await until(() => selects().length === 2, 'the choice by Enter');
    expect(rows[1]!.getAttribute('aria-selected')).to.equal('true');
    expect(rows[0]!.getAttribute('aria-selected')).to.equal('false');
    expect(o.tenant.requests.length, 'every page read once').to.be.lessThan(5);
  });

  it('marks benefits applied at the till with a badge, and shows a dollar value only for money off', async () => {
    const o = omneo();
    const el = await mount(o, SEED.odd.id);
    const row = (name: string) => options(el).find((r) => visibleText(r).includes(name))!;
    const text = (name: string) => visibleText(row(name)).replace(/\s+/g, ' ').trim();
    // A 15% discount's value is a percentage: never shown as $15.00.
    expect(text('15% off full-price knitwear')).to.contain('Apply at the till').and.contain('KNIT15').and.not.contain('$15.00');
    expect(row('15% off full-price knitwear').part.contains('option-apply')).to.equal(true);
    expect(text('$20 voucher')).to.contain('Worth $20.00').and.not.contain('Apply at the till');
    expect(row('$20 voucher').part.contains('option-apply')).to.equal(false);
    expect(parts(el, 'apply-badge')).to.have.length(options(el).length - 1);
    const badge = part(el, 'apply-badge')!;
    expect(getComputedStyle(badge).borderTopStyle, 'a badge, not plain text').to.equal('solid');
    await expect(el).to.be.accessible();
  });

  it('a short list has no filter; past filter-threshold it scrolls inside the picker under a filter box', async () => {
    const o = omneo();
    const short = await mount(o);
    expect(part(short, 'filter')).to.equal(null);
    short.filterThreshold = 1;
    await short.updateComplete;
    expect(part<HTMLInputElement>(short, 'filter')!.getAttribute('aria-label')).to.equal('Filter benefits');

    const el = await mount(o, SEED.many.id);
    const filter = part<HTMLInputElement>(el, 'filter')!;
    expect(filter.placeholder).to.equal('Filter by name or POS code');
    const list = part(el, 'list')!;
    expect(filter.getBoundingClientRect().bottom, 'the box above the list').to.be.at.most(list.getBoundingClientRect().top);
    expect(list.scrollHeight, 'the list scrolls').to.be.greaterThan(list.clientHeight + 1000);
    expect(el.getBoundingClientRect().height, 'one screen tall').to.be.lessThan(500);
    options(el)[150]!.focus();
    expect(list.scrollTop, 'a focused row is scrolled to').to.be.greaterThan(0);
    expect(list.part.contains('long')).to.equal(true);
    expect(part(short, 'list')!.part.contains('long')).to.equal(true);
    short.filterThreshold = 8;
    await short.updateComplete;
    expect(part(short, 'list')!.part.contains('long')).to.equal(false);
    // A host sets its own height on ::part(long).
    const style = document.createElement('style');
    style.textContent = '.short-list::part(long) { max-height: 200px; }';
    document.head.append(style);
    el.classList.add('short-list');
    try {
      expect(list.getBoundingClientRect().height).to.be.at.most(202);
    } finally {
      style.remove();
    }
    await expect(el).to.be.accessible();
  });

  it('filters by name, description or POS code; the arrow keys and Enter work inside the filtered list', async () => {
    const o = omneo();
    const el = await fixture<OmneoBenefitPicker>(
      html`<omneo-benefit-picker multiple lang="en-AU" .client=${o.client} .now=${o.tenant.clock.now} profile-id=${SEED.many.id}></omneo-benefit-picker>`,
    );
    await loaded(el);
    const status = () => part(el, 'status')!.textContent!.trim();
    expect(status()).to.equal('200 benefits');
    part<HTMLInputElement>(el, 'filter')!.focus();
    await sendKeys({ type: 'many-00' });
    await until(() => options(el).length === 9, 'MANY-001 to MANY-009');
    expect(status()).to.equal('9 of 200 benefits');
    await sendKeys({ press: 'Escape' });
    await until(() => options(el).length === 200, 'the whole list again');
    await sendKeys({ type: 'GIFT wrap' });
    await until(() => options(el).length === 50, 'the gift wraps');
    expect(names(el).every((n) => n === 'Free gift wrap')).to.equal(true);
    const focused = () => el.shadowRoot!.activeElement as HTMLElement | null;
    await sendKeys({ press: 'ArrowDown' });
    expect(focused()).to.equal(options(el)[0]);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    expect(focused()).to.equal(options(el)[2]);
    await sendKeys({ press: 'Enter' });
    await until(() => selects().length === 1, 'the choice by Enter');
    const third = options(el)[2]!;
    expect(third.getAttribute('aria-checked')).to.equal('true');
    expect(visibleText(third)).to.contain('MANY-009');
    expect(selects()[0]!.benefits.map((b) => b.posCode)).to.deep.equal(['MANY-009']);
    expect(status()).to.equal('50 of 200 benefits, 1 selected');

    // Filtered out, the choice stays; a choice made after it keeps both.
    const filter = part<HTMLInputElement>(el, 'filter')!;
    filter.focus();
    filter.select();
    await sendKeys({ type: 'MANY-010' });
    await until(() => options(el).length === 1, 'one match');
    await sendKeys({ press: 'Enter' });
    expect(focused()).to.equal(options(el)[0]);
    await sendKeys({ press: 'Space' });
    await until(() => selects().length === 2, 'the second choice');
    expect(selects()[1]!.benefits.map((b) => b.posCode)).to.deep.equal(['MANY-009', 'MANY-010']);

    filter.focus();
    filter.select();
    await sendKeys({ type: 'zzz' });
    await until(() => options(el).length === 0, 'no match');
    expect(status()).to.equal('No benefit matches “zzz”.');
    expect(el.selected).to.have.length(2);
    await expect(el).to.be.accessible();
  });

  it('is locked while the session holds a redemption: it says why, refuses a choice, and unlocks when it settles', async () => {
    const o = omneo();
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en-AU"><omneo-benefit-picker></omneo-benefit-picker></div>`);
    const session = provideOmneoSession(wrapper, { client: o.client });
    const el = wrapper.querySelector('omneo-benefit-picker')!;
    el.now = o.tenant.clock.now;
    session.setProfile(await o.client.profiles.get(SEED.ava.id));
    await until(() => options(el).length === 2, 'Ava’s benefits');
    options(el)[1]!.click();
    await until(() => session.benefits.length === 1, 'the voucher chosen');
    const owner = {};
    session.hold(owner);
    await el.updateComplete;
    const note = part(el, 'locked-note')!;
    expect(visibleText(note)).to.equal('A redemption is in progress: the benefits cannot change until it is completed or cancelled.');
    expect(part(el, 'list')!.part.contains('locked')).to.equal(true);
    expect(part(el, 'list')!.getAttribute('aria-describedby')).to.contain('locked-note');
    expect(options(el).map((r) => r.getAttribute('aria-disabled'))).to.deep.equal(['true', 'true']);

    options(el)[0]!.click();
    await el.updateComplete;
    expect(el.selected).to.deep.equal([SEED.ava.benefits.birthday]);
    expect(options(el)[0]!.getAttribute('aria-selected')).to.equal('false');
    expect(selects()).to.have.length(1);
    expect(part(el, 'status')!.textContent, 'the refusal is announced').to.equal(note.textContent);
    options(el)[0]!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.selected).to.deep.equal([SEED.ava.benefits.birthday]);
    expect(() => (el.selected = [SEED.ava.benefits.coffee])).to.throw(/not settled/);
    expect(session.benefits.map((b) => b.id)).to.deep.equal([SEED.ava.benefits.birthday]);
    await expect(el).to.be.accessible();

    session.release(owner);
    await el.updateComplete;
    expect(part(el, 'locked-note')).to.equal(null);
    expect(part(el, 'status')!.textContent).to.equal('2 benefits, 1 selected');
    options(el)[0]!.click();
    await until(() => selects().length === 2, 'a choice once unlocked');
    expect(session.benefits.map((b) => b.id)).to.deep.equal([SEED.ava.benefits.coffee]);

    session.newSale();
    await el.updateComplete;
    expect(el.selected, 'a new sale clears the choice').to.deep.equal([]);
  });

  it('setting `selected` chooses without an event', async () => {
    const el = await mount(omneo());
    el.selected = [SEED.ava.benefits.birthday];
    await el.updateComplete;
    expect(options(el)[1]!.getAttribute('aria-selected')).to.equal('true');
    expect(selects()).to.have.length(0);
  });

  it('hides benefits that cannot be redeemed, or shows them disabled with the reason', async () => {
    const o = omneo();
    const client = withUnavailable(o.client);
    const hidden = await fixture<OmneoBenefitPicker>(
      html`<omneo-benefit-picker lang="en-AU" .client=${client} .now=${o.tenant.clock.now} profile-id=${SEED.ava.id}></omneo-benefit-picker>`,
    );
    await loaded(hidden);
    expect(names(hidden)).to.deep.equal(['Free coffee', '$10 birthday voucher']);
    const el = await fixture<OmneoBenefitPicker>(
      html`<omneo-benefit-picker show-unavailable lang="en-AU" .client=${client} .now=${o.tenant.clock.now} profile-id=${SEED.ava.id}></omneo-benefit-picker>`,
    );
    await loaded(el);
    expect(names(el)).to.deep.equal(['Free coffee', '$10 birthday voucher', 'Winter warmer', 'Used voucher']);
    const [, , expired, used] = options(el);
    expect(expired!.getAttribute('aria-disabled')).to.equal('true');
    expect(expired!.querySelector('[part~="reason"]')!.textContent).to.equal('Expired');
    expect(used!.querySelector('[part~="reason"]')!.textContent).to.equal('Cannot be redeemed now');
    expired!.click();
    await el.updateComplete;
    expect(expired!.getAttribute('aria-selected')).to.equal('false');
    expect(selects()).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('says when there is nothing to redeem, and when there is no member', async () => {
    const el = await mount(omneo(), SEED.empty.id);
    expect(part(el, 'list')).to.equal(null);
    expect(part(el, 'status')!.textContent).to.equal('No benefits to redeem.');
    await expect(el).to.be.accessible();
    el.profileId = undefined;
    await el.updateComplete;
    expect(visibleText(el)).to.contain('No member selected');
  });

  it('shows a skeleton while loading', async () => {
    const o = omneo();
    o.tenant.faults.latency(200);
    const el = await fixture<OmneoBenefitPicker>(html`<omneo-benefit-picker lang="en-AU" .client=${o.client} profile-id=${SEED.ava.id}></omneo-benefit-picker>`);
    await el.updateComplete;
    expect(part(el, 'skeleton')).not.to.equal(null);
    expect(part(el, 'status')!.textContent).to.equal('Loading benefits…');
    await expect(el).to.be.accessible();
    await loaded(el);
    expect(part(el, 'skeleton')).to.equal(null);
  });

  it('shows a failure with a retry, and reports it', async () => {
    const o = omneo();
    o.tenant.faults.failNext(1, 500);
    const el = await mount(o);
    expect(part(el, 'status')!.textContent).to.equal('Omneo had a problem. Try again shortly.');
    const [error] = events.of('omneo-error') as OmneoErrorEvent[];
    expect(error!.error.code).to.equal('server');
    expect(error!.operation).to.equal('benefits-load');
    await expect(el).to.be.accessible();
    part<HTMLButtonElement>(el, 'retry-button')!.click();
    await until(() => options(el).length === 2, 'the benefits');
  });

  it('shows hostile benefit text as text, never as markup', async () => {
    const o = omneo();
    const el = await mount(o, SEED.hostile.id);
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('img, script, b, i, a, svg')).to.have.length(0);
    expect(names(el)[0]).to.equal('<img src=x onerror=alert("benefit")> 無料コーヒー');
    expect(visibleText(el)).to.contain('<b>bold</b> عرض خاص').and.contain('<i>CODE</i>');
    await expect(el).to.be.accessible();
  });

  it('clips a 10,000-character name, description and POS code to the row, isolated, with the full text as a title', async () => {
    const o = omneo();
    const name = hostileName('Voucher');
    const code = hostileName('CODE');
    const description = `${'Long words in a description '.repeat(300)}\u2069\u202E${'W'.repeat(2000)}`;
    const active = async (profileId: string, call?: { signal?: AbortSignal }): Promise<Benefit[]> => {
      const [first] = await o.client.benefits.active(profileId, call);
      return [{ ...first!, name, shortDescription: description, posCode: code, valueCents: 500, kind: 'money' }];
    };
    const client = Object.assign(Object.create(o.client) as OmneoClient, { benefits: { active } });
    const el = await fixture<OmneoBenefitPicker>(
      html`<omneo-benefit-picker lang="en-AU" style="width: 360px" .client=${client} .now=${o.tenant.clock.now} profile-id=${SEED.ava.id}></omneo-benefit-picker>`,
    );
    await loaded(el);
    const right = el.getBoundingClientRect().right;
    const past = [...el.shadowRoot!.querySelectorAll('*')].filter((node) => node.getBoundingClientRect().right > right + 0.5);
    expect(past.map((node) => node.getAttribute('part') ?? node.localName)).to.deep.equal([]);
    // What the picker asks of a host's layout: its narrowest width ignores the text.
    el.style.width = 'min-content';
    expect(el.getBoundingClientRect().width).to.be.below(360);
    el.style.width = '360px';

    const [option] = options(el);
    expect(outsideTextProblems(option!, name, option!), 'the name').to.deep.equal([]);
    expect(outsideTextProblems(option!, code, option!), 'the POS code').to.deep.equal([]);
    expect(readsLeftToRight(characterLefts(el, 'POS code')), 'the label reads as written').to.equal(true);
    expect(readsLeftToRight(characterLefts(el, 'Worth'))).to.equal(true);

    // The description: two lines at most, then an ellipsis; all of it in the title.
    const shown = part(el, 'description')!;
    expect(shown.title).to.equal(description);
    expect(getComputedStyle(shown).unicodeBidi).to.equal('isolate');
    expect(shown.getBoundingClientRect().height).to.be.at.most(2.5 * part(el, 'value')!.getBoundingClientRect().height);
    expect(shown.scrollHeight).to.be.above(shown.clientHeight);
    await expect(el).to.be.accessible();
  });

  it('follows the session’s member and sets the choice as the session’s benefits', async () => {
    const o = omneo();
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en-AU"><omneo-benefit-picker></omneo-benefit-picker></div>`);
    const session = provideOmneoSession(wrapper, { client: o.client });
    const el = wrapper.querySelector('omneo-benefit-picker')!;
    el.now = o.tenant.clock.now;
    session.setProfile(await o.client.profiles.get(SEED.ava.id));
    await until(() => options(el).length === 2, 'Ava’s benefits');
    const heard: (readonly Benefit[])[] = [];
    const stop = session.subscribe((change) => change.kind === 'benefits' && heard.push(change.benefits));
    options(el)[0]!.click();
    await until(() => heard.length === 1, 'the session to hear');
    stop();
    expect(heard[0]!.map((b) => b.id)).to.deep.equal([SEED.ava.benefits.coffee]);
    expect(session.benefits).to.equal(heard[0]);
    session.setProfile(null);
    await el.updateComplete;
    expect(visibleText(el)).to.contain('No member selected');
  });

  it('after a redemption settles, a redeemed benefit leaves the list and the choice', async () => {
    const o = omneo();
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en-AU"><omneo-benefit-picker></omneo-benefit-picker></div>`);
    const session = provideOmneoSession(wrapper, { client: o.client });
    const el = wrapper.querySelector('omneo-benefit-picker')!;
    session.setProfile(await o.client.profiles.get(SEED.ava.id));
    await until(() => options(el).length === 2, 'Ava’s benefits');
    options(el)[0]!.click();
    await until(() => el.selected.length === 1, 'the choice');
    const heard: (readonly Benefit[])[] = [];
    session.subscribe((change) => change.kind === 'benefits' && heard.push(change.benefits));
    await o.client.redemptions.redeemBenefit(SEED.ava.id, SEED.ava.benefits.coffee, { issuedAt: '2026-11-25 12:00:00', timezone: 'Australia/Melbourne' });
    session.notifyRedemptionSettled(SEED.ava.id);
    await until(() => options(el).length === 1, 'the list without the coffee');
    expect(el.selected).to.deep.equal([]);
    expect(heard.at(-1)).to.deep.equal([]);
  });

  it('gives every benefit a 44px touch target and a visible focus ring', async () => {
    const el = await mount(omneo());
    for (const row of options(el)) expect(row.getBoundingClientRect().height).to.be.at.least(44);
    options(el)[0]!.focus({ focusVisible: true } as FocusOptions);
    expect(getComputedStyle(options(el)[0]!).outlineStyle).to.equal('solid');
    el.theme = 'dark';
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('uses no --omneo-* property that is neither a token nor its own', () => {
    const cls = customElements.get('omneo-benefit-picker') as unknown as { elementStyles: { cssText: string }[] };
    const used = new Set(cls.elementStyles.flatMap((s) => s.cssText.match(/var\(--omneo-[a-z0-9-]+/g) ?? []).map((v) => v.slice(4)));
    expect([...used].filter((p) => !tokenProperties.includes(p) && !p.startsWith('--omneo-picker-'))).to.deep.equal([]);
  });
});

elementContract('omneo-benefit-picker', async () => {
  const o = omneo();
  const wrapper = await fixture<HTMLDivElement>(html`<div lang="en-AU"><omneo-benefit-picker multiple></omneo-benefit-picker></div>`);
  const session = provideOmneoSession(wrapper, { client: o.client });
  const el = wrapper.querySelector('omneo-benefit-picker')!;
  el.now = o.tenant.clock.now;
  el.profileId = SEED.ava.id;
  return {
    el,
    tenant: o.tenant,
    session,
    settled: async () => void (await loaded(el)),
    exercise: async () => {
      for (const row of options(el)) row.click();
      await until(() => el.selected.length === 2, 'both chosen');
      await el.updateComplete;
    },
  };
});
