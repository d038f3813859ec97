/**
 * `omneo-pos-kit/react` mounted in React 19 (react-dom/client `createRoot` + `act`) in Chromium:
 * props reach the elements as properties, and real `omneo-*` events reach the typed
 * `onOmneo…` props. React is served as ES modules by ./react-esm-plugin.mjs.
 */
import { expect } from '@open-wc/testing';
import { act, createElement, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import {
  OmneoBalanceLoadEvent,
  OmneoBenefitSelectEvent,
  OmneoErrorEvent,
  OmneoMemberClearEvent,
  OmneoMemberSelectEvent,
  OmneoRedeemRequestEvent,
  OmneoRedemptionCreatedEvent,
  OmneoRedemptionSettledEvent,
  type OmneoScanEvent,
} from '../../src/elements/events.js';
import { SEED } from '../../src/mocks/index.js';
import { OmneoBalance, OmneoBenefitPicker, OmneoMemberLookup, OmneoRedemptionPanel } from '../../src/react/index.js';
import { memoryStore, RedemptionJournal, type Sale } from '../../src/rules/index.js';
import { omneo, part, parts, until } from '../elements/helpers.js';

// Tells React this is a test environment, so `act` flushes effects without warnings.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
let root: Root;

async function mount(element: ReactElement) {
  await act(async () => root.render(element));
}

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
});

const sale = (): Sale => ({
  id: `react-sale-${Math.random().toString(36).slice(2)}`,
  currency: 'AUD',
  lines: [
    { id: 'l1', name: 'Jeans', quantity: 1, amountCents: 6500 },
    { id: 'l2', name: 'Jacket', quantity: 1, amountCents: 11500 },
  ],
});

describe('omneo-pos-kit/react', () => {
  it('OmneoMemberLookup: a scan reaches onOmneoScan and the chosen member onOmneoMemberSelect', async () => {
    const o = omneo();
    const scans: OmneoScanEvent[] = [];
    const selects: OmneoMemberSelectEvent[] = [];
    await mount(
      createElement(OmneoMemberLookup, {
        client: o.client,
        lang: 'en-AU',
        onOmneoScan: (e) => scans.push(e),
        onOmneoMemberSelect: (e) => selects.push(e),
      }),
    );
    const el = container.querySelector('omneo-member-lookup')!;
    expect(el.client, 'client passed as a property').to.equal(o.client);
    el.scan(SEED.ava.card);
    await until(() => selects.length === 1, 'omneo-member-select');
    expect(scans.map((e) => e.code)).to.deep.equal([SEED.ava.card]);
    expect(selects[0]).to.be.instanceOf(OmneoMemberSelectEvent);
    expect(selects[0]!.detail.profile.id).to.equal(SEED.ava.id);
  });

  it('OmneoMemberLookup: a new handler prop replaces the old one', async () => {
    const o = omneo();
    const first: Event[] = [];
    const second: Event[] = [];
    await mount(createElement(OmneoMemberLookup, { client: o.client, onOmneoScan: (e) => first.push(e) }));
    await mount(createElement(OmneoMemberLookup, { client: o.client, onOmneoScan: (e) => second.push(e) }));
    container.querySelector('omneo-member-lookup')!.scan(SEED.noah.card);
    expect([first.length, second.length]).to.deep.equal([0, 1]);
  });

  it('OmneoBalance: client and profile pass through as properties; onOmneoBalanceLoad gets the balances', async () => {
    const o = omneo();
    const profile = await o.client.profiles.get(SEED.ava.id);
    const loads: OmneoBalanceLoadEvent[] = [];
    await mount(createElement(OmneoBalance, { client: o.client, profile, lang: 'en-AU', variant: 'compact', onOmneoBalanceLoad: (e) => loads.push(e) }));
    const el = container.querySelector('omneo-balance')!;
    expect(el.client).to.equal(o.client);
    expect(el.profile).to.equal(profile);
    expect(el.getAttribute('variant'), 'a reflected property').to.equal('compact');
    await until(() => loads.length === 1, 'omneo-balance-load');
    expect(loads[0]).to.be.instanceOf(OmneoBalanceLoadEvent);
    expect(loads[0]!.detail).to.include({ profileId: SEED.ava.id });
    expect(loads[0]!.detail.balances.combinedCents).to.equal(4000);
  });

  it('OmneoBenefitPicker: choosing a benefit reaches onOmneoBenefitSelect', async () => {
    const o = omneo();
    const selects: OmneoBenefitSelectEvent[] = [];
    await mount(
      createElement(OmneoBenefitPicker, {
        client: o.client,
        profileId: SEED.ava.id,
        now: o.tenant.clock.now,
        multiple: true,
        onOmneoBenefitSelect: (e) => selects.push(e),
      }),
    );
    const el = container.querySelector('omneo-benefit-picker')!;
    expect(el.multiple).to.equal(true);
    const [first] = await until(() => (parts(el, 'option').length > 0 ? parts(el, 'option') : null), 'the benefits');
    first!.click();
    await until(() => selects.length === 1, 'omneo-benefit-select');
    expect(selects[0]).to.be.instanceOf(OmneoBenefitSelectEvent);
    expect(selects[0]!.detail.benefits.map((b) => b.name)).to.deep.equal(['Free coffee']);
  });

  it('OmneoRedemptionPanel: sale and journal pass through; onOmneoRedeemRequest can veto the redemption', async () => {
    const o = omneo();
    const requests: OmneoRedeemRequestEvent[] = [];
    const theSale = sale();
    await mount(
      createElement(OmneoRedemptionPanel, {
        client: o.client,
        profileId: SEED.noah.id,
        sale: theSale,
        journal: new RedemptionJournal(memoryStore()),
        now: o.tenant.clock.now,
        lang: 'en-AU',
        onOmneoRedeemRequest: (e) => {
          requests.push(e);
          e.preventDefault();
        },
      }),
    );
    const el = container.querySelector('omneo-redemption-panel')!;
    expect(el.sale).to.equal(theSale);
    const confirm = await until(() => {
      const button = part<HTMLButtonElement>(el, 'confirm-button');
      return button && !button.disabled ? button : null;
    }, 'the confirm button');
    confirm.click();
    await until(() => requests.length === 1, 'omneo-redeem-request');
    expect(requests[0]).to.be.instanceOf(OmneoRedeemRequestEvent);
    expect(requests[0]!.cancelable).to.equal(true);
    expect(requests[0]!.detail.sale).to.equal(theSale);
    expect(o.tenant.redemptions(), 'vetoed: nothing redeemed').to.have.length(0);
  });

  it('OmneoRedemptionPanel: onOmneoRedemptionCreated, then onOmneoRedemptionSettled when payment fails, in exact cents', async () => {
    const o = omneo();
    const created: OmneoRedemptionCreatedEvent[] = [];
    const settled: OmneoRedemptionSettledEvent[] = [];
    await mount(
      createElement(OmneoRedemptionPanel, {
        client: o.client,
        profileId: SEED.noah.id,
        sale: sale(),
        journal: new RedemptionJournal(memoryStore()),
        now: o.tenant.clock.now,
        lang: 'en-AU',
        onOmneoRedemptionCreated: (e) => created.push(e),
        onOmneoRedemptionSettled: (e) => settled.push(e),
      }),
    );
    const el = container.querySelector('omneo-redemption-panel')!;
    const confirm = await until(() => {
      const button = part<HTMLButtonElement>(el, 'confirm-button');
      return button && !button.disabled ? button : null;
    }, 'the confirm button');
    confirm.click();
    await until(() => created.length === 1, 'omneo-redemption-created');
    expect(created[0]).to.be.instanceOf(OmneoRedemptionCreatedEvent);
    // Noah's 50.00 over 65.00 and 115.00: 18.0555… and 31.9444…, the odd cent to the larger remainder.
    expect(created[0]!.detail.redemption.totalCents).to.equal(5000);
    expect(created[0]!.detail.allocation.map((a) => a.shareCents)).to.deep.equal([1806, 3194]);
    await act(async () => void (await el.paymentFailed()));
    await until(() => settled.length === 1, 'omneo-redemption-settled');
    expect(settled[0]).to.be.instanceOf(OmneoRedemptionSettledEvent);
    expect(settled[0]!.detail.outcome).to.equal('reversed');
    expect(settled[0]!.detail.returnedCents).to.equal(5000);
  });

  it('OmneoMemberLookup and OmneoBalance: onOmneoMemberClear and onOmneoError', async () => {
    const o = omneo();
    const clears: OmneoMemberClearEvent[] = [];
    const errors: OmneoErrorEvent[] = [];
    const selects: OmneoMemberSelectEvent[] = [];
    await mount(
      createElement('div', null,
        createElement(OmneoMemberLookup, { client: o.client, lang: 'en-AU', onOmneoMemberSelect: (e) => selects.push(e), onOmneoMemberClear: (e) => clears.push(e) }),
        createElement(OmneoBalance, { client: o.client, lang: 'en-AU', onOmneoError: (e) => errors.push(e) }),
      ),
    );
    const lookup = container.querySelector('omneo-member-lookup')!;
    lookup.scan(SEED.ava.card);
    await until(() => selects.length === 1, 'omneo-member-select');
    part<HTMLButtonElement>(lookup, 'change-button')!.click();
    await until(() => clears.length === 1, 'omneo-member-clear');
    expect(clears[0]).to.be.instanceOf(OmneoMemberClearEvent);
    o.tenant.faults.failNext(1, 503);
    container.querySelector('omneo-balance')!.profileId = SEED.ava.id;
    await until(() => errors.length === 1, 'omneo-error');
    expect(errors[0]).to.be.instanceOf(OmneoErrorEvent);
    expect(errors[0]!.detail.error.code).to.equal('server');
  });

  it('every event the manifest lists for an element is an onOmneo… prop of its wrapper', async () => {
    const manifest = (await (await fetch('/custom-elements.json')).json()) as { modules: { declarations?: unknown[] }[] };
    const wrappers: Record<string, { displayName?: string }> = { OmneoMemberLookup, OmneoBalance, OmneoBenefitPicker, OmneoRedemptionPanel };
    const camel = (name: string) => 'on' + name.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
    const checked: string[] = [];
    for (const mod of manifest.modules) {
      for (const decl of (mod.declarations ?? []) as { name: string; customElement?: boolean; events?: { name: string }[] }[]) {
        if (!decl.customElement || !(decl.name in wrappers)) continue;
        const mounted = document.createElement('div');
        const events = (decl.events ?? []).map((e) => camel(e.name));
        expect(events.length, decl.name).to.be.greaterThan(0);
        checked.push(decl.name);
        for (const prop of events) {
          // @lit/react listens for the event named in its map: fire it and see the prop called.
          let called = 0;
          const props = { [prop]: () => called++ };
          const r = createRoot(mounted);
          act(() => r.render(createElement(wrappers[decl.name] as never, props)));
          const tag = mounted.firstElementChild!;
          tag.dispatchEvent(new Event(decl.events!.find((e) => camel(e.name) === prop)!.name));
          act(() => r.unmount());
          expect(called, `${decl.name} ${prop}`).to.equal(1);
        }
      }
    }
    expect(checked.sort()).to.deep.equal(Object.keys(wrappers).sort());
  });
});
