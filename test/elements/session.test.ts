/**
 * What the elements share: the session and its provider, the events, the catalogue and number
 * formats, the scanner's burst detection, the masking of contact details, and the tokens.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/elements/balance/define.js';
import '../../src/elements/member-lookup/define.js';
import { OmneoBalance } from '../../src/elements/balance/balance.js';
import {
  OmneoBalanceLoadEvent,
  OmneoErrorEvent,
  OmneoMemberClearEvent,
  OmneoMemberSelectEvent,
  OmneoScanEvent,
} from '../../src/elements/events.js';
import { formatMoney, messagesFor, nearestLang, registeredLanguages, registerMessages, safeLocale, type Messages } from '../../src/elements/i18n.js';
import { maskEmail, maskPhone } from '../../src/elements/member-lookup/masking.js';
import { OmneoMemberLookup } from '../../src/elements/member-lookup/member-lookup.js';
import { OmneoSession, OmneoSessionLockedError, provideOmneoSession, type OmneoSessionChange } from '../../src/elements/session.js';
import { WedgeScanDetector } from '../../src/elements/shared/wedge-scanner.js';
import { darkTokens, lightTokens, omneoThemeStyles, tokenProperties } from '../../src/elements/styles/tokens.js';
import { OmneoNotFoundError } from '../../src/client/index.js';
import { SEED } from '../../src/mocks/index.js';
import { omneo, part, sleep, until, visibleText } from './helpers.js';

describe('OmneoSession', () => {
  it('holds the client, the currency (AUD by default) and the chosen member, and tells subscribers', async () => {
    const { client } = omneo();
    const session = new OmneoSession({ client });
    expect(session.client).to.equal(client);
    expect(session.currency).to.equal('AUD');
    expect(session.profile).to.equal(null);
    const changes: OmneoSessionChange[] = [];
    const stop = session.subscribe((c) => changes.push(c));
    const ava = await client.profiles.get(SEED.ava.id);
    session.setProfile(ava);
    session.setProfile(ava);
    session.notifyRedemptionSettled(ava.id);
    session.setProfile(null);
    stop();
    session.setProfile(ava);
    expect(changes).to.deep.equal([
      { kind: 'profile', profile: ava },
      { kind: 'balances-stale', profileId: ava.id },
      { kind: 'profile', profile: null },
    ]);
  });

  it('locks the member and the benefits while held, and starts a new sale only when let go', async () => {
    const { client } = omneo();
    const session = new OmneoSession({ client });
    const ava = await client.profiles.get(SEED.ava.id);
    const noah = await client.profiles.get(SEED.noah.id);
    const [benefit] = await client.benefits.active(SEED.ava.id);
    session.setProfile(ava);
    session.setBenefits([benefit!]);
    const changes: OmneoSessionChange[] = [];
    session.subscribe((c) => changes.push(c));
    const panelA = {};
    const panelB = {};
    session.hold(panelA);
    session.hold(panelB);
    expect(session.held).to.equal(true);
    expect(session.lockedReason).to.equal('redemption-unsettled');
    expect(() => session.setProfile(noah)).to.throw(OmneoSessionLockedError, /not settled/);
    expect(() => session.setProfile(null)).to.throw(OmneoSessionLockedError);
    expect(() => session.setBenefits([])).to.throw(OmneoSessionLockedError);
    expect(() => session.newSale()).to.throw(OmneoSessionLockedError);
    // A fresher copy of the same member and the same choice are no change.
    session.setProfile({ ...ava });
    session.setBenefits([{ ...benefit! }]);
    expect(session.benefits[0]).to.equal(benefit);
    session.release(panelA);
    expect(session.held).to.equal(true);
    session.release(panelB);
    expect(session.held).to.equal(false);
    session.newSale();
    expect(session.profile).to.equal(null);
    expect(session.benefits).to.deep.equal([]);
    expect(changes.map((c) => c.kind)).to.deep.equal(['lock', 'profile', 'lock', 'profile', 'benefits', 'new-sale']);
  });

  it('reaches elements under a plain element, whether they connect before or after it provides', async () => {
    const { client, tenant } = omneo();
    const early = await fixture<HTMLDivElement>(html`<div lang="en-AU"><omneo-balance></omneo-balance></div>`);
    const late = document.createElement('omneo-balance');
    const session = provideOmneoSession(early, { client });
    early.append(late);
    session.setProfile(await client.profiles.get(SEED.noah.id));
    for (const el of early.querySelectorAll('omneo-balance')) {
      await until(() => part(el, 'figures'), 'the figures');
      expect(visibleText(el)).to.contain('$50.00');
    }
    expect(tenant.requests).to.have.length(1);
  });

  it('from the nearest provider when providers nest', async () => {
    const outer = omneo();
    const inner = omneo();
    const wrapper = await fixture<HTMLDivElement>(html`<div><section><omneo-balance profile-id=${SEED.ava.id}></omneo-balance></section></div>`);
    provideOmneoSession(wrapper, { client: outer.client });
    provideOmneoSession(wrapper.querySelector('section')!, { client: inner.client });
    await until(() => part(wrapper.querySelector('omneo-balance')!, 'figures'), 'the figures');
    expect(outer.tenant.requests).to.have.length(0);
    expect(inner.tenant.requests).to.have.length(1);
  });

  it('is optional: an element with its own client works alone', async () => {
    const { client } = omneo();
    const el = await fixture<OmneoBalance>(html`<omneo-balance .client=${client} profile-id=${SEED.ava.id}></omneo-balance>`);
    await until(() => part(el, 'figures'), 'the figures');
  });

  it('joins a lookup and a balance with no wiring by the host', async () => {
    const { client, tenant } = omneo();
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="en-AU"><omneo-member-lookup></omneo-member-lookup><omneo-balance variant="compact"></omneo-balance></div>`,
    );
    provideOmneoSession(wrapper, { client });
    wrapper.querySelector('omneo-member-lookup')!.scan(SEED.ava.card);
    const balance = wrapper.querySelector('omneo-balance')!;
    await until(() => part(balance, 'figures'), 'the figures');
    expect(visibleText(balance)).to.contain('$40.00');
    // The identity comes with its profile embedded (Omneo's reference route): one request.
    expect(tenant.requests.map((r) => r.path)).to.deep.equal(['/identities']);
    await expect(wrapper).to.be.accessible();
  });
});

describe('events', () => {
  it('bubble, are composed, and carry their detail both ways', async () => {
    const { client } = omneo();
    const ava = await client.profiles.get(SEED.ava.id);
    const error = new OmneoNotFoundError('Not found.');
    const all = [
      new OmneoMemberSelectEvent(ava),
      new OmneoMemberClearEvent(),
      new OmneoScanEvent('123'),
      new OmneoErrorEvent(error, 'profile-load'),
      new OmneoBalanceLoadEvent(ava.balances!, ava.id),
    ];
    expect(all.map((e) => e.type)).to.deep.equal([
      'omneo-member-select', 'omneo-member-clear', 'omneo-scan', 'omneo-error', 'omneo-balance-load',
    ]);
    for (const e of all) {
      expect(e).to.be.instanceOf(CustomEvent);
      expect([e.bubbles, e.composed, e.cancelable]).to.deep.equal([true, true, false]);
    }
    expect(all[0]!.type).to.equal(OmneoMemberSelectEvent.eventName);
    expect((all[0] as OmneoMemberSelectEvent).profile).to.equal(ava);
    expect((all[2] as OmneoScanEvent).detail).to.deep.equal({ code: '123' });
    expect((all[3] as OmneoErrorEvent).error).to.equal(error);
    expect((all[4] as OmneoBalanceLoadEvent).detail).to.deep.equal({ balances: ava.balances, profileId: ava.id });
  });

  it('are listed in HTMLElementEventMap (typed listeners compile)', () => {
    const el = document.createElement('omneo-member-lookup');
    el.addEventListener('omneo-member-select', (e) => e.profile.id);
    el.addEventListener('omneo-error', (e) => e.error.code);
    expect(el).to.be.instanceOf(OmneoMemberLookup);
  });
});

describe('i18n', () => {
  // Nothing in this file imports a locale up front: the first test sees the kit as an
  // English-only till does, then imports French the way a till would.
  it('speaks English until a language is imported, then re-renders connected elements in it', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="fr-CA"><omneo-balance></omneo-balance></div>`);
    const el = wrapper.querySelector('omneo-balance')!;
    expect(registeredLanguages()).to.deep.equal(['en']);
    expect(visibleText(el)).to.contain('No member selected');
    await import('../../src/elements/locales/fr.js');
    await el.updateComplete;
    expect(registeredLanguages()).to.deep.equal(['en', 'fr']);
    expect(visibleText(el)).to.contain('Aucun membre sélectionné');
    expect(visibleText(el)).not.to.contain('No member selected');
  });

  it('has every message, nested ones too, in every language the kit ships', async () => {
    await import('../../src/elements/locales/fr.js');
    const keys = (messages: object, prefix = ''): string[] =>
      Object.entries(messages).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`])).sort();
    const english = keys(messagesFor('en'));
    expect(english).to.include.members(['redemption.confirm', 'benefits.expiresIn', 'errors.unexpected_response']);
    expect(keys(messagesFor('fr'))).to.deep.equal(english);
    expect(messagesFor('fr').redemption.confirm('12,50 €', 1)).not.to.equal(messagesFor('en').redemption.confirm('12,50 €', 1));
  });

  it('an element out of the page while a language is registered comes back speaking it', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="it"><omneo-balance></omneo-balance></div>`);
    const el = wrapper.querySelector('omneo-balance')!;
    expect(visibleText(el)).to.contain('No member selected');
    el.remove();
    registerMessages('it', { ...messagesFor('en'), noMember: 'Nessun membro selezionato' });
    wrapper.append(el);
    await el.updateComplete;
    expect(visibleText(el)).to.contain('Nessun membro selezionato');
  });

  it('picks the whole tag, then the primary subtag, then English', () => {
    registerMessages('fr-CA', { ...messagesFor('fr'), retry: 'Essayez de nouveau' });
    expect(messagesFor('fr-CA').retry).to.equal('Essayez de nouveau');
    expect(messagesFor('FR-ca').retry).to.equal('Essayez de nouveau');
    expect(messagesFor('fr-FR').retry).to.equal('Réessayer');
    expect(messagesFor('de-DE').retry).to.equal('Try again');
    expect(safeLocale('not a locale!')).to.equal('en');
    expect(safeLocale('EN-au')).to.equal('en-AU');
  });

  it('refuses a catalogue with entries missing, or a tag that is not a language', () => {
    const partial = { lookupLabel: 'Mitglied finden' } as unknown as Messages;
    expect(() => registerMessages('de', partial)).to.throw(TypeError, /The de messages lack lookupPlaceholder, .*redemption/);
    const { redemption, ...rest } = messagesFor('en');
    const { confirm: _, ...partialRedemption } = redemption;
    expect(() => registerMessages('de', { ...rest, redemption: partialRedemption } as unknown as Messages)).to.throw(TypeError, /^The de messages lack redemption\.confirm\.$/);
    expect(() => registerMessages('not a tag!', messagesFor('en'))).to.throw(RangeError);
    expect(registeredLanguages()).not.to.include('de');
    expect(messagesFor('de').lookupLabel).to.equal('Find member');
  });

  it('formats cents as money, and copes with an unknown currency', () => {
    expect(formatMoney(4000, 'AUD', 'en-AU')).to.equal('$40.00');
    expect(formatMoney(1999, 'AUD', 'en-AU')).to.equal('$19.99');
    expect(formatMoney(29, 'NZD', 'en-NZ')).to.equal('$0.29');
    expect(formatMoney(150, 'NOPE!', 'en')).to.equal('1.50 NOPE!');
  });

  it('finds the nearest lang across shadow roots, stopping before the document', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="fr"><span></span></div>`);
    const host = wrapper.querySelector('span')!;
    const inner = host.attachShadow({ mode: 'open' }).appendChild(document.createElement('b'));
    expect(nearestLang(inner)).to.equal('fr');
    wrapper.removeAttribute('lang');
    expect(nearestLang(inner)).to.equal(undefined);
  });
});

describe('WedgeScanDetector', () => {
  const keys = (text: string, start: number, gap: number) =>
    [...text].map((key, i) => ({ key, timeStamp: start + i * gap, ctrlKey: false, altKey: false, metaKey: false }));
  const end = (key: string, timeStamp: number) => ({ key, timeStamp, ctrlKey: false, altKey: false, metaKey: false });

  it('reads a fast burst ended by Enter or Tab as a scan', () => {
    const d = new WedgeScanDetector();
    for (const k of keys('2770001234567', 0, 10)) expect(d.push(k)).to.equal(null);
    expect(d.push(end('Enter', 130))).to.equal('2770001234567');
    for (const k of keys('ABC123', 1000, 5)) d.push(k);
    expect(d.push(end('Tab', 1030))).to.equal('ABC123');
  });

  it('reads typing, short bursts and late endings as no scan', () => {
    const d = new WedgeScanDetector();
    for (const k of keys('2770001234567', 0, 80)) d.push(k);
    expect(d.push(end('Enter', 1100))).to.equal(null);
    for (const k of keys('12345', 2000, 5)) d.push(k);
    expect(d.push(end('Enter', 2030)), 'shorter than 6').to.equal(null);
    for (const k of keys('123456', 3000, 5)) d.push(k);
    expect(d.push(end('Enter', 3100)), 'Enter came late').to.equal(null);
  });

  it('lets Shift pass between keys, and restarts after a pause', () => {
    const d = new WedgeScanDetector({ minLength: 4 });
    d.push(end('1', 0));
    d.push(end('2', 300));
    d.push(end('Shift', 305));
    for (const k of keys('ABC', 310, 5)) d.push(k);
    expect(d.push(end('Enter', 330))).to.equal('2ABC');
  });
});

describe('masking', () => {
  it('keeps enough to confirm a member, not to copy their details', () => {
    expect(maskEmail('ava.nguyen@example.com')).to.equal('a•••@example.com');
    expect(maskEmail('not-an-email')).to.equal('•••');
    expect(maskPhone('+61 412 345 678')).to.equal('•••• 5678');
    expect(maskPhone('123')).to.equal('••••');
  });
});

describe('design tokens', () => {
  const used = (cls: { elementStyles: unknown[] }) =>
    new Set(
      cls.elementStyles
        .flatMap((s) => String((s as { cssText: string }).cssText).match(/var\(--omneo-[a-z0-9-]+/g) ?? [])
        .map((v) => v.slice(4)),
    );

  for (const cls of [OmneoMemberLookup, OmneoBalance]) {
    it(`${cls.name} uses no --omneo-* property that is neither a token nor its own documented one`, () => {
      const own = cls === OmneoBalance ? /^--omneo-balance-/ : /^--omneo-lookup-/;
      const unknown = [...used(cls)].filter((p) => !tokenProperties.includes(p) && !own.test(p));
      expect(unknown).to.deep.equal([]);
    });
  }

  it('has a dark value for every colour', () => {
    const colours = Object.keys(lightTokens).filter((k) => k.startsWith('color-'));
    expect(Object.keys(darkTokens).sort()).to.deep.equal(colours.sort());
  });

  it('are inherited from an ancestor, and theme="dark" on the element switches them', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="--omneo-color-text: rgb(1, 2, 3)"><omneo-balance></omneo-balance></div>`,
    );
    const el = wrapper.querySelector('omneo-balance')!;
    expect(getComputedStyle(el).color).to.equal('rgb(1, 2, 3)');
    wrapper.removeAttribute('style');
    el.theme = 'dark';
    await el.updateComplete;
    expect(getComputedStyle(el).color).to.equal('rgb(232, 234, 237)');
    await expect(el).to.be.accessible();
  });

  it('follow the system with theme="auto", and an ancestor class when the page adopts the theme sheet', async () => {
    const { client } = omneo();
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en-AU">
      <omneo-member-lookup theme="auto" profile-id=${SEED.ava.id}></omneo-member-lookup>
      <section class="omneo-theme-dark"><omneo-balance profile-id=${SEED.ava.id}></omneo-balance></section>
    </div>`);
    provideOmneoSession(wrapper, { client });
    const lookup = wrapper.querySelector('omneo-member-lookup')!;
    const balance = wrapper.querySelector('omneo-balance')!;
    await until(() => part(balance, 'figures') && part(lookup, 'member'), 'both elements');
    const darkText = 'rgb(232, 234, 237)';
    expect(getComputedStyle(lookup).color).not.to.equal(darkText);
    expect(getComputedStyle(balance).color, 'the sheet is not adopted yet').not.to.equal(darkText);
    const adopted = document.adoptedStyleSheets;
    document.adoptedStyleSheets = [...adopted, omneoThemeStyles.styleSheet!];
    await emulateMedia({ colorScheme: 'dark' });
    try {
      expect(getComputedStyle(lookup).color).to.equal(darkText);
      expect(getComputedStyle(balance).color).to.equal(darkText);
      wrapper.style.background = '#16181c';
      await sleep(200); // buttons ease into their new background (150 ms)
      await expect(wrapper).to.be.accessible();
    } finally {
      document.adoptedStyleSheets = adopted;
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('give buttons a 44px touch target and a visible focus ring', async () => {
    const { client } = omneo();
    const el = await fixture<OmneoMemberLookup>(html`<omneo-member-lookup .client=${client} profile-id=${SEED.ava.id}></omneo-member-lookup>`);
    const button = await until(() => part<HTMLButtonElement>(el, 'change-button'), 'the change button');
    const box = button.getBoundingClientRect();
    expect(box.height).to.be.at.least(44);
    expect(part(el, 'input')).to.equal(null);
    button.focus({ focusVisible: true } as FocusOptions);
    expect(getComputedStyle(button).outlineStyle).to.equal('solid');
  });
});
