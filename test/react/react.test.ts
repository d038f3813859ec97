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
  OmneoMemberSelectEvent,
  OmneoRedeemRequestEvent,
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
});
