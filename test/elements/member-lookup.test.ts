/**
 * <omneo-member-lookup> against the seeded mock tenant, used as a cashier and a scanner would:
 * real key events at real intervals, clicks, and what shows in the shadow DOM, the events that
 * reach the host and the requests that reach the tenant.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/member-lookup/define.js';
import type { OmneoMemberLookup } from '../../src/elements/member-lookup/member-lookup.js';
import { provideOmneoSession, type OmneoSession } from '../../src/elements/session.js';
import type { OmneoErrorEvent, OmneoMemberSelectEvent, OmneoScanEvent } from '../../src/elements/events.js';
import { SEED } from '../../src/mocks/index.js';
import type { OmneoClient, Profile } from '../../src/client/index.js';
import {
  characterLefts,
  hostileName,
  omneo,
  part,
  parts,
  outsideTextProblems,
  personTypes,
  readsLeftToRight,
  recordEvents,
  requestLines,
  scannerTypes,
  sleep,
  until,
  visibleText,
  type Omneo,
} from './helpers.js';
import { elementContract } from './shared-suite.js';
import '../../src/elements/locales/fr.js';

const EVENTS = ['omneo-member-select', 'omneo-member-clear', 'omneo-scan', 'omneo-error'];
const AVA_PROFILE = `GET /profiles/${SEED.ava.id}`;

let events: ReturnType<typeof recordEvents>;
beforeEach(() => (events = recordEvents(EVENTS)));
afterEach(() => events.stop());

async function mount(o: Omneo, attributes: { scanAnywhere?: boolean; debounce?: number } = {}) {
  const el = await fixture<OmneoMemberLookup>(
    html`<omneo-member-lookup lang="en-AU" .client=${o.client} ?scan-anywhere=${attributes.scanAnywhere ?? false}
      debounce=${attributes.debounce ?? 250}></omneo-member-lookup>`,
  );
  return { el, input: () => part<HTMLInputElement>(el, 'input')! };
}

const chosen = (el: OmneoMemberLookup) => part(el, 'member');
const status = (el: OmneoMemberLookup) => part(el, 'status')?.textContent?.trim() ?? '';

describe('<omneo-member-lookup>', () => {
  describe('a scanned card', () => {
    it('is looked up at once and the one member it matches is chosen', async () => {
      const o = omneo();
      const { el, input } = await mount(o);
      input().focus();
      await scannerTypes(input(), SEED.ava.card, { field: input() });
      await until(() => chosen(el), 'the chosen member');

      expect(events.of('omneo-scan').map((e) => (e as OmneoScanEvent).code)).to.deep.equal([SEED.ava.card]);
      const [select] = events.of('omneo-member-select') as OmneoMemberSelectEvent[];
      expect(select!.profile.id).to.equal(SEED.ava.id);
      expect(select!.detail.profile).to.equal(select!.profile);
      expect(events.seen.map((e) => e.type)).to.deep.equal(['omneo-scan', 'omneo-member-select']);
      // Omneo's reference route: the identity comes with its profile embedded, so one request.
      expect(requestLines(o.tenant)).to.deep.equal(['GET /identities']);
      expect(o.tenant.requests[0]!.query).to.deep.include({ 'filter[handle]': 'loyalty-card', 'filter[identifier]': SEED.ava.card, include: 'profile' });

      const text = visibleText(el);
      expect(text).to.contain('Ava Nguyen').and.contain('Gold').and.contain('a•••@example.com').and.contain('•••• 5678');
      expect(text).not.to.contain(SEED.ava.email);
      expect(status(el)).to.equal('Ava Nguyen selected');
      await expect(el).to.be.accessible();
    });

    it('ended by Tab counts too, and keeps focus in place', async () => {
      const o = omneo();
      const { el, input } = await mount(o);
      input().focus();
      await scannerTypes(input(), SEED.noah.card, { field: input(), end: 'Tab' });
      await until(() => chosen(el), 'the chosen member');
      expect(visibleText(el)).to.contain('Noah Smith');
      expect(events.of('omneo-scan')).to.have.length(1);
    });

    it('that matches no member says so, showing the code back, and searches nothing', async () => {
      const o = omneo();
      const { el, input } = await mount(o);
      await scannerTypes(input(), '2779999999999', { field: input() });
      await until(() => status(el).startsWith('No member'), 'no match');
      expect(status(el)).to.equal('No member found for “2779999999999”.');
      expect(requestLines(o.tenant)).to.deep.equal(['GET /identities']);
      expect(events.of('omneo-member-select')).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('pushed by the host through scan() is looked up the same way', async () => {
      const o = omneo();
      const { el } = await mount(o);
      el.scan(` ${SEED.ava.card} `);
      await until(() => chosen(el), 'the chosen member');
      expect((events.of('omneo-scan')[0] as OmneoScanEvent).code).to.equal(SEED.ava.card);
      expect(requestLines(o.tenant)).to.deep.equal(['GET /identities']);
    });

    it('while a member is chosen replaces them', async () => {
      const o = omneo();
      const { el } = await mount(o);
      el.scan(SEED.ava.card);
      await until(() => visibleText(el).includes('Ava'), 'Ava');
      el.scan(SEED.noah.card);
      await until(() => visibleText(el).includes('Noah'), 'Noah');
      expect(events.seen.map((e) => e.type)).to.deep.equal([
        'omneo-scan', 'omneo-member-select', 'omneo-scan', 'omneo-member-clear', 'omneo-member-select',
      ]);
    });

    it('anywhere on the page is taken with scan-anywhere, but not from another text field', async () => {
      const o = omneo();
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <input aria-label="Sale note" id="note" />
        <button id="pay">Pay</button>
        <omneo-member-lookup lang="en-AU" scan-anywhere .client=${o.client}></omneo-member-lookup>
      </div>`);
      const el = wrapper.querySelector('omneo-member-lookup')!;
      const note = wrapper.querySelector<HTMLInputElement>('#note')!;
      note.focus();
      await scannerTypes(note, SEED.noah.card, { field: note });
      await sleep(50);
      expect(o.tenant.requests, 'a burst typed into another field').to.have.length(0);
      expect(note.value).to.equal(SEED.noah.card);

      const pay = wrapper.querySelector<HTMLButtonElement>('#pay')!;
      let paid = 0;
      pay.addEventListener('click', () => paid++);
      pay.focus();
      await scannerTypes(pay, SEED.ava.card);
      await until(() => chosen(el), 'the chosen member');
      expect(visibleText(el)).to.contain('Ava Nguyen');
      expect(paid, 'the Enter ending the burst did not press the focused button').to.equal(0);

      el.remove();
      o.tenant.requests.length = 0;
      await scannerTypes(document.body, SEED.noah.card);
      await sleep(50);
      expect(o.tenant.requests, 'no scans once removed').to.have.length(0);
    });

    it('anywhere on the page is ignored without scan-anywhere', async () => {
      const o = omneo();
      await mount(o);
      await scannerTypes(document.body, SEED.ava.card);
      await sleep(50);
      expect(o.tenant.requests).to.have.length(0);
      expect(events.seen).to.have.length(0);
    });
  });

  describe('a card number typed by a person', () => {
    it('waits for Enter, then is looked up without counting as a scan', async () => {
      const o = omneo();
      const { el, input } = await mount(o);
      input().focus();
      await personTypes(SEED.ava.card, 45);
      await sleep(300);
      expect(o.tenant.requests, 'nothing before Enter').to.have.length(0);
      await sendKeys({ press: 'Enter' });
      await until(() => chosen(el), 'the chosen member');
      expect(events.of('omneo-scan')).to.have.length(0);
      expect(events.of('omneo-member-select')).to.have.length(1);
      expect(requestLines(o.tenant)).to.deep.equal(['GET /identities']);
    });

    it('is dropped when the cashier types on before its answer: the late answer chooses nobody', async () => {
      const o = omneo();
      const { el, input } = await mount(o);
      input().focus();
      await personTypes(SEED.ava.card, 45);
      o.tenant.faults.latency(1500);
      await sendKeys({ press: 'Enter' });
      // The tenant notes a request once its latency has passed: wait a moment, not for the note.
      await sleep(40);
      await personTypes('9', 45); // a digit more: still waiting for Enter, no new request
      // Unguarded, the answer (one request of 1.5 s) would choose Ava well within this.
      await sleep(2500);
      expect(events.of('omneo-member-select').length, 'no member chosen by the stale answer').to.equal(0);
      expect(visibleText(el)).not.to.contain('Ava Nguyen');
      expect(input().value).to.equal(`${SEED.ava.card}9`);
    });

    it('that is no card is searched as text (a phone number, say)', async () => {
      const o = omneo();
      const { el, input } = await mount(o);
      input().focus();
      await personTypes('0412345678', 45); // a person's pace: slower than the scanner's 30 ms
      await sendKeys({ press: 'Enter' });
      await until(() => status(el) !== '' && status(el) !== 'Searching…', 'an answer');
      expect(requestLines(o.tenant)).to.deep.equal(['GET /identities', 'GET /profiles']);
      expect(o.tenant.requests[1]!.query).to.deep.include({ 'filter[search]': '0412345678' });
    });
  });

  describe('typed text', () => {
    it('is searched once, after the debounce, and the results are picked with the keyboard', async () => {
      const o = omneo();
      const wrapper = await fixture<HTMLDivElement>(html`<div><omneo-member-lookup lang="en-AU"></omneo-member-lookup></div>`);
      const session: OmneoSession = provideOmneoSession(wrapper, { client: o.client });
      const el = wrapper.querySelector('omneo-member-lookup')!;
      const input = part<HTMLInputElement>(el, 'input')!;
      input.focus();
      await personTypes('Lee', 60);
      const results = await until(() => part(el, 'results'), 'the results');
      expect(requestLines(o.tenant)).to.deep.equal(['GET /profiles']);
      expect(o.tenant.requests[0]!.query).to.deep.include({ 'filter[search]': 'Lee' });
      expect(results.getAttribute('role')).to.equal('listbox');
      expect(input.getAttribute('aria-expanded')).to.equal('true');
      const options = parts(el, 'option');
      expect(options.map((o) => o.getAttribute('role'))).to.deep.equal(['option', 'option']);
      expect(visibleText(results)).to.contain('Mia Lee').and.contain('Oliver Leeson');
      expect(status(el)).to.equal('2 members found');
      await expect(el).to.be.accessible();

      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(input.getAttribute('aria-activedescendant')).to.equal('option-0');
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(input.getAttribute('aria-activedescendant'), 'wraps around').to.equal('option-0');
      await sendKeys({ press: 'ArrowUp' });
      await el.updateComplete;
      expect(input.getAttribute('aria-activedescendant')).to.equal('option-1');
      expect(parts(el, 'option')[1]!.getAttribute('aria-selected')).to.equal('true');
      await expect(el).to.be.accessible();

      await sendKeys({ press: 'Enter' });
      await until(() => chosen(el), 'the chosen member');
      const [select] = events.of('omneo-member-select') as OmneoMemberSelectEvent[];
      expect(select!.profile.id).to.equal(SEED.lee[1]);
      expect(session.profile?.id, 'the session follows the choice').to.equal(SEED.lee[1]);
      expect(o.tenant.requests, 'choosing from the list fetches nothing more').to.have.length(1);
    });

    it('never has more than one search in flight: a newer query aborts the older', async () => {
      const o = omneo();
      // In flight: sent, and neither answered nor abandoned (aborted) by the element.
      const inFlight = new Set<object>();
      let most = 0;
      const aborted: string[] = [];
      const counting: typeof fetch = async (input, init) => {
        const request = {};
        inFlight.add(request);
        most = Math.max(most, inFlight.size);
        init?.signal?.addEventListener('abort', () => {
          inFlight.delete(request);
          aborted.push(String(input));
        });
        try {
          return await o.tenant.fetch(input, init);
        } finally {
          inFlight.delete(request);
        }
      };
      const { createOmneoClient, fetchTransport } = await import('../../src/client/index.js');
      const client = createOmneoClient({
        transport: fetchTransport({ baseUrl: 'https://api.test.getomneo.com/api/v3', token: 'test-token', fetch: counting }),
      });
      // Slow enough that the first search is surely still in flight when typing resumes.
      o.tenant.faults.latency(1500);
      const el = await fixture<OmneoMemberLookup>(html`<omneo-member-lookup lang="en-AU" debounce="100" .client=${client}></omneo-member-lookup>`);
      const input = part<HTMLInputElement>(el, 'input')!;
      input.focus();
      await personTypes('Mia', 30);
      await until(() => o.tenant.requests.length >= 1, 'the first search');
      await personTypes(' Lee', 30);
      await until(() => o.tenant.requests.at(-1)?.query['filter[search]'] === 'Mia Lee' && status(el) === '1 member found', 'the results', 7000);
      // How many searches the pauses in typing caused depends on the machine; what may not vary:
      // one at a time, each older one abandoned, and the last one for the whole text.
      const searched = o.tenant.requests.map((r) => r.query['filter[search]']);
      expect(searched.at(-1)).to.equal('Mia Lee');
      expect(most).to.equal(1);
      expect(searched.length).to.be.greaterThan(1);
      expect(aborted).to.have.length(searched.length - 1);
      expect(aborted[0]).to.contain(`${new URLSearchParams({ 'filter[search]': searched[0]! })}&`);
      expect(visibleText(part(el, 'results')!)).to.contain('Mia Lee').and.not.contain('Oliver');
    });

    it('shows contact details masked, and in full on the reveal toggle', async () => {
      const o = omneo();
      const { el, input } = await mount(o, { debounce: 50 });
      input().focus();
      await personTypes('ava.nguyen@', 10);
      await until(() => o.tenant.requests.at(-1)?.query['filter[search]'] === 'ava.nguyen@' && status(el) === '1 member found', 'the results');
      expect(events.of('omneo-member-select'), 'a search result is not chosen for the cashier').to.have.length(0);
      expect(visibleText(el)).to.contain('a•••@example.com').and.contain('•••• 5678').and.not.contain(SEED.ava.email);
      const reveal = part<HTMLButtonElement>(el, 'reveal-button')!;
      expect(reveal.getAttribute('aria-pressed')).to.equal('false');
      reveal.click();
      await el.updateComplete;
      expect(reveal.getAttribute('aria-pressed')).to.equal('true');
      expect(visibleText(el)).to.contain(SEED.ava.email).and.contain(SEED.ava.mobile);
      await expect(el).to.be.accessible();
      part(el, 'option')!.click();
      await until(() => chosen(el), 'the chosen member');
      expect(visibleText(el), 'masked again once chosen').to.contain('a•••@example.com');
    });

    it('that matches nobody shows the query back as text', async () => {
      const o = omneo();
      const { el, input } = await mount(o, { debounce: 50 });
      input().focus();
      await personTypes('Zebediah', 10);
      // A slow machine may pause mid-word and search a prefix first: wait for the whole word.
      await until(() => status(el) === 'No member found for “Zebediah”.', 'no match for the whole word');
      expect(part(el, 'results')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('is cleared by Escape', async () => {
      const o = omneo();
      const { el, input } = await mount(o, { debounce: 50 });
      input().focus();
      await personTypes('Lee', 10);
      await until(() => part(el, 'results'), 'the results');
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(input().value).to.equal('');
      expect(part(el, 'results')).to.equal(null);
      expect(status(el)).to.equal('');
    });
  });

  describe('a chosen member', () => {
    it('is cleared by "Change member", which tells the host and the session', async () => {
      const o = omneo();
      const wrapper = await fixture<HTMLDivElement>(html`<div><omneo-member-lookup lang="en-AU"></omneo-member-lookup></div>`);
      const session = provideOmneoSession(wrapper, { client: o.client });
      const el = wrapper.querySelector('omneo-member-lookup')!;
      el.scan(SEED.ava.card);
      await until(() => chosen(el), 'the chosen member');
      expect(session.profile?.id).to.equal(SEED.ava.id);
      part<HTMLButtonElement>(el, 'change-button')!.click();
      await until(() => part(el, 'input'), 'the field');
      expect(events.of('omneo-member-clear')).to.have.length(1);
      expect(session.profile).to.equal(null);
      expect(el.shadowRoot!.activeElement).to.equal(part(el, 'input'));
      await expect(el).to.be.accessible();
    });

    it('is locked while the session is held: a scan is refused and said so, "Change member" says why', async () => {
      const o = omneo();
      const wrapper = await fixture<HTMLDivElement>(html`<div><omneo-member-lookup lang="en-AU" scan-anywhere></omneo-member-lookup></div>`);
      const session = provideOmneoSession(wrapper, { client: o.client });
      const el = wrapper.querySelector('omneo-member-lookup')!;
      el.scan(SEED.noah.card);
      await until(() => chosen(el), 'the chosen member');
      const panel = {};
      session.hold(panel);
      await el.updateComplete;
      const change = part<HTMLButtonElement>(el, 'change-button')!;
      expect(change.getAttribute('aria-disabled')).to.equal('true');
      expect(part(el, 'locked-note')!.textContent).to.contain('before changing member');
      const before = o.tenant.requests.length;
      await scannerTypes(document.body, SEED.ava.card);
      await el.updateComplete;
      expect(status(el)).to.contain('Card not used');
      change.click();
      await el.updateComplete;
      expect(visibleText(el)).to.contain('Noah Smith');
      expect(session.profile?.id).to.equal(SEED.noah.id);
      expect(o.tenant.requests.length, 'no look-up').to.equal(before);
      expect(events.of('omneo-scan'), 'only the first card').to.have.length(1);
      expect(events.of('omneo-member-clear')).to.have.length(0);
      await expect(el).to.be.accessible();
      session.release(panel);
      await el.updateComplete;
      expect(part(el, 'locked-note')).to.equal(null);
      expect(status(el)).not.to.contain('Card not used');
      el.scan(SEED.ava.card);
      await until(() => session.profile?.id === SEED.ava.id, 'the next member');
    });

    it('follows the session, without firing events', async () => {
      const o = omneo();
      const wrapper = await fixture<HTMLDivElement>(html`<div><omneo-member-lookup lang="en-AU"></omneo-member-lookup></div>`);
      const session = provideOmneoSession(wrapper, { client: o.client });
      const el = wrapper.querySelector('omneo-member-lookup')!;
      session.setProfile(await o.client.profiles.get(SEED.noah.id));
      await el.updateComplete;
      expect(visibleText(el)).to.contain('Noah Smith');
      session.setProfile(null);
      await el.updateComplete;
      expect(part(el, 'input')).not.to.equal(null);
      expect(events.seen).to.have.length(0);
    });

    it('can be given by profile-id: loaded once, shown, shared with the session, no select event', async () => {
      const o = omneo();
      const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
      const session = provideOmneoSession(wrapper, { client: o.client });
      const el = document.createElement('omneo-member-lookup');
      el.setAttribute('profile-id', SEED.ava.id);
      wrapper.append(el);
      await until(() => chosen(el), 'the chosen member');
      expect(requestLines(o.tenant)).to.deep.equal([AVA_PROFILE]);
      expect(session.profile?.id).to.equal(SEED.ava.id);
      expect(events.seen).to.have.length(0);
    });

    it('with markup in their name shows it as text, never as elements', async () => {
      const o = omneo();
      const { el } = await mount(o);
      el.scan(SEED.hostile.card);
      await until(() => chosen(el), 'the chosen member');
      const text = part(el, 'member')!.textContent!;
      expect(text).to.contain('<img src=x onerror=alert(1)>').and.contain('<script>alert(1)</script>').and.contain('<svg onload=alert(1)>');
      expect(el.shadowRoot!.querySelectorAll('script, img, svg')).to.have.length(0);
      part<HTMLButtonElement>(el, 'reveal-button')!.click();
      await el.updateComplete;
      expect(el.shadowRoot!.querySelectorAll('script, img, svg')).to.have.length(0);
      await expect(el).to.be.accessible();
    });
  });

  describe('hostile text', () => {
    /** Ava, with a 10,000-character name and tier that end in a right-to-left override. */
    async function hostileAva(o: Omneo): Promise<Profile> {
      const ava = await o.client.profiles.get(SEED.ava.id);
      return { ...ava, fullName: hostileName(), tier: { ...ava.tier!, name: hostileName('Gold') } };
    }

    it('a chosen member’s long, overridden name is clipped in its row and the till beside it stays on screen', async () => {
      const o = omneo();
      const profile = await hostileAva(o);
      // A till row: the lookup and the payment area side by side, as a host lays them out.
      const till = await fixture<HTMLDivElement>(html`<div style="display: flex; gap: 8px; width: 800px">
        <omneo-member-lookup lang="en-AU" style="flex: 1" .client=${o.client} .profile=${profile}></omneo-member-lookup>
        <div id="payment" style="flex: 1">Take payment</div>
      </div>`);
      const el = till.querySelector('omneo-member-lookup')!;
      await until(() => chosen(el), 'the chosen member');
      const payment = till.querySelector('#payment')!.getBoundingClientRect();
      expect(payment.right, 'the payment area stays inside the till row').to.be.at.most(till.getBoundingClientRect().right + 0.5);
      expect(payment.width).to.be.above(300);
      expect(el.getBoundingClientRect().width).to.be.at.most(400);
      // The live region's sentence keeps its own words in order around the name.
      expect(readsLeftToRight(characterLefts(el, 'selected')), '"selected" reads as written').to.equal(true);
      expect(status(el)).to.equal(`${profile.fullName} selected`);

      expect(outsideTextProblems(part(el, 'member')!, profile.fullName!, part(el, 'member')!), 'the name').to.deep.equal([]);
      expect(outsideTextProblems(part(el, 'member')!, hostileName('Gold'), part(el, 'member')!), 'the tier').to.deep.equal([]);
      expect(outsideTextProblems(part(el, 'status')!, profile.fullName!, part(el, 'status')!), 'the name in the status').to.deep.equal([]);
      await expect(el).to.be.accessible();
    });

    it('search results with such names stay inside the list, each with its full name as a title', async () => {
      const o = omneo();
      const search: OmneoClient['profiles']['search'] = async (text, call) => {
        const page = await o.client.profiles.search(text, call);
        return { ...page, items: page.items.map((p) => ({ ...p, fullName: hostileName(p.fullName!) })) };
      };
      const client = Object.assign(Object.create(o.client) as OmneoClient, { profiles: { ...o.client.profiles, search } });
      const el = await fixture<OmneoMemberLookup>(html`<omneo-member-lookup lang="en-AU" style="width: 320px" .client=${client} debounce="10"></omneo-member-lookup>`);
      part<HTMLInputElement>(el, 'input')!.focus();
      await personTypes('Lee', 10);
      await until(() => parts(el, 'option').length === 2, 'the results');
      const results = part(el, 'results')!;
      expect(results.getBoundingClientRect().width).to.be.at.most(320);
      expect(readsLeftToRight(characterLefts(el, 'members found'))).to.equal(true);
      for (const [i, option] of parts(el, 'option').entries()) {
        expect(option.getBoundingClientRect().right).to.be.at.most(results.getBoundingClientRect().right + 0.5);
        expect(outsideTextProblems(option, hostileName(['Mia Lee', 'Oliver Leeson'][i]), option)).to.deep.equal([]);
      }
    });

    it('a query that finds nobody is shown back isolated: the sentence around it reads as written', async () => {
      const o = omneo();
      const { el, input } = await mount(o, { debounce: 10 });
      input().value = `zz\u2069\u202E${'q'.repeat(2000)}`;
      input().dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      await until(() => status(el).startsWith('No member found'), 'no match');
      el.style.width = '320px';
      await el.updateComplete;
      expect(readsLeftToRight(characterLefts(el, 'No member found for'))).to.equal(true);
      expect(part(el, 'status')!.getBoundingClientRect().right).to.be.at.most(el.getBoundingClientRect().right + 0.5);
      expect(outsideTextProblems(part(el, 'status')!, input().value, part(el, 'status')!)).to.deep.equal([]);
    });
  });

  describe('a failure', () => {
    const cases = [
      { fault: (o: Omneo) => o.tenant.faults.failNext(1, 503), code: 'server', text: 'Omneo had a problem. Try again shortly.' },
      { fault: (o: Omneo) => o.tenant.faults.rateLimitNext(1), code: 'rate_limited', text: 'Omneo is busy. Wait a moment, then try again.' },
      { fault: (o: Omneo) => o.tenant.faults.failNext(1, 401), code: 'unauthorized', text: 'This till is not signed in to Omneo, or may not do this.' },
      { fault: (o: Omneo) => o.tenant.faults.malformNext(), code: 'unexpected_response', text: 'Omneo answered with something unexpected.' },
    ];
    for (const c of cases) {
      it(`(${c.code}) is shown readably with a retry, and reported`, async () => {
        const o = omneo();
        const { el } = await mount(o);
        c.fault(o);
        el.scan(SEED.ava.card);
        await until(() => part(el, 'retry-button'), 'the retry button');
        expect(status(el)).to.equal(c.text);
        const [error] = events.of('omneo-error') as OmneoErrorEvent[];
        expect(error!.error.code).to.equal(c.code);
        expect(error!.operation).to.equal('identity-lookup');
        await expect(el).to.be.accessible();

        part<HTMLButtonElement>(el, 'retry-button')!.click();
        await until(() => chosen(el), 'the chosen member after retry');
        expect(visibleText(el)).to.contain('Ava Nguyen');
      });
    }

    it('of a search is reported as profile-search', async () => {
      const o = omneo();
      const { el, input } = await mount(o, { debounce: 20 });
      o.tenant.faults.failNext(1, 500);
      input().focus();
      await personTypes('Lee', 5);
      await until(() => events.of('omneo-error').length > 0, 'the error');
      const [error] = events.of('omneo-error') as OmneoErrorEvent[];
      expect(error!.operation).to.equal('profile-search');
      expect(error!.error.code).to.equal('server');
    });
  });

  describe('in French', () => {
    it('speaks the language of its nearest lang', async () => {
      const o = omneo();
      const wrapper = await fixture<HTMLDivElement>(html`<div lang="fr-CA"><omneo-member-lookup .client=${o.client}></omneo-member-lookup></div>`);
      const el = wrapper.querySelector('omneo-member-lookup')!;
      expect(visibleText(el)).to.contain('Trouver un membre');
      el.scan('2779999999999');
      await until(() => status(el).startsWith('Aucun'), 'no match');
      expect(status(el)).to.equal('Aucun membre trouvé pour « 2779999999999 ».');
      el.setAttribute('lang', 'en');
      await el.updateComplete;
      expect(status(el)).to.equal('No member found for “2779999999999”.');
    });
  });
});

elementContract('omneo-member-lookup', async () => {
  const o = omneo();
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  const session = provideOmneoSession(wrapper, { client: o.client });
  const el = document.createElement('omneo-member-lookup');
  el.setAttribute('profile-id', SEED.ava.id);
  el.setAttribute('scan-anywhere', '');
  el.setAttribute('lang', 'en-AU');
  wrapper.append(el);
  return {
    el,
    tenant: o.tenant,
    session,
    settled: async () => void (await until(() => chosen(el), 'the chosen member')),
    exercise: async () => {
      o.tenant.faults.failNext(1, 401);
      await scannerTypes(document.body, SEED.noah.card);
      await until(() => part(el, 'retry-button'), 'the error');
      part<HTMLButtonElement>(el, 'retry-button')!.click();
      await until(() => visibleText(el).includes('Noah Smith'), 'Noah');
      part<HTMLButtonElement>(el, 'change-button')!.click();
      await until(() => part(el, 'input'), 'the field');
    },
  };
});
