/// <reference types="vite/client" />
/**
 * The demo till: the four elements wired as a real POS would wire them. Events come in from
 * the kit; `complete()` / `paymentFailed()` / `refundReturn()` go out when the till's own
 * payment step ends. Everything the kit fires, and every request it makes, is logged on the
 * right. Text from the API is only ever written with textContent.
 *
 * Mock mode (the default): the mock Omneo tenant answers in this page through msw's service
 * worker, and its state is kept in sessionStorage so that it survives "Reload the till
 * mid-sale", which shows recovery at work. Live mode (OMNEO_BASE_URL and OMNEO_TOKEN set for
 * `npm start`): requests go to the dev server's proxy, which adds the token.
 */
import { setupWorker } from 'msw/browser';
import { createOmneoClient, fetchTransport } from '../src/client/index.js';
import { createMockTenant, SEED, type MockSnapshot } from '../src/mocks/index.js';
import { provideOmneoSession } from '../src/elements/index.js';
import '../src/elements/member-lookup/define.js';
import '../src/elements/balance/define.js';
import '../src/elements/benefit-picker/define.js';
import '../src/elements/redemption-panel/define.js';
import type { Sale } from '../src/rules/index.js';

const live = import.meta.env.VITE_OMNEO_MODE === 'live';
const KEYS = { tenant: 'omneo-demo:tenant', sale: 'omneo-demo:sale', paid: 'omneo-demo:paid' };
const $ = <T extends Element = HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const dollars = new Intl.NumberFormat('en-AU', { style: 'currency', currency: 'AUD' });

function log(text: string, kind: 'event' | 'request' = 'event'): void {
  const item = document.createElement('li');
  item.className = kind;
  item.textContent = `${new Date().toLocaleTimeString('en-AU')}  ${text}`;
  $('#log').prepend(item);
}

function say(text: string): void {
  $('#status').textContent = text;
}

// --- Omneo: the mock tenant in this page, or the dev server's proxy to a live one ----------

let saveTenant = () => {};
if (!live) {
  const kept = sessionStorage.getItem(KEYS.tenant);
  const tenant = createMockTenant({ now: Date.now(), ...(kept ? { state: JSON.parse(kept) as MockSnapshot } : {}) });
  // The demo's tenant follows the wall clock, so the 10-minute window is real time here.
  setInterval(() => tenant.clock.set(Date.now()), 1000);
  tenant.clock.set(Date.now());
  saveTenant = () => sessionStorage.setItem(KEYS.tenant, JSON.stringify(tenant.snapshot()));
  await setupWorker(...tenant.handlers).start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
}

/** The page's fetch, logging each request the kit makes (method, path, status: never headers). */
const loggingFetch: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input), location.href);
  const label = `${init?.method ?? 'GET'} ${url.pathname.replace(/^\/omneo\/api\/v3/, '')}${url.search}`;
  try {
    const response = await fetch(input, init);
    log(`${label} → ${response.status}`, 'request');
    return response;
  } catch (error) {
    log(`${label} → failed (${(error as Error).message})`, 'request');
    throw error;
  } finally {
    saveTenant();
  }
};

const client = createOmneoClient({
  // Mock mode: any bearer token satisfies the mock. Live mode: no token in the page at all.
  transport: fetchTransport({ baseUrl: '/omneo/api/v3', fetch: loggingFetch, ...(live ? {} : { getToken: () => 'demo-only' }) }),
});
provideOmneoSession($('body'), { client, currency: 'AUD', locale: 'en-AU' });
$('#mode').textContent = live ? 'live tenant (through the dev server proxy)' : 'mock tenant';

// --- The sale: the guide's four lines ------------------------------------------------------

function newSale(id = `sale-${Date.now().toString(36)}`): Sale {
  sessionStorage.setItem(KEYS.sale, id);
  return {
    id,
    currency: 'AUD',
    lines: [
      { id: 'l1', name: 'Slim jeans', quantity: 1, amountCents: 6500 },
      { id: 'l2', name: 'Wool jacket', quantity: 1, amountCents: 11500 },
      { id: 'l3', name: 'Socks (5 pack)', quantity: 5, amountCents: 2500 },
      { id: 'l4', name: 'Linen shirt', quantity: 1, amountCents: 4500 },
    ],
  };
}

const panel = $('#panel') as HTMLElementTagNameMap['omneo-redemption-panel'];

function showSale(sale: Sale): void {
  panel.sale = sale;
  $('#sale-id').textContent = sale.id;
  const body = $('#sale-lines tbody');
  body.replaceChildren(
    ...sale.lines.map((line) => {
      const row = document.createElement('tr');
      for (const [text, numeric] of [[line.name, false], [String(line.quantity), false], [dollars.format(line.amountCents / 100), true]] as const) {
        const cell = document.createElement('td');
        cell.textContent = text;
        if (numeric) cell.className = 'num';
        row.append(cell);
      }
      return row;
    }),
  );
  $('#sale-total').textContent = dollars.format(sale.lines.reduce((s, l) => s + l.amountCents, 0) / 100);
}

showSale(newSale(sessionStorage.getItem(KEYS.sale) ?? undefined));

// --- Events in: log every one; claim a sale that was paid before a reload -------------------

const EVENTS = [
  'omneo-scan',
  'omneo-member-select',
  'omneo-member-clear',
  'omneo-balance-load',
  'omneo-benefit-select',
  'omneo-redeem-request',
  'omneo-redemption-created',
  'omneo-redemption-settled',
  'omneo-redemption-recover',
  'omneo-error',
] as const;

function summary(event: Event): string {
  const d = (event as CustomEvent<Record<string, unknown>>).detail ?? {};
  switch (event.type) {
    case 'omneo-member-select': {
      const p = (d as { profile: { fullName: string | null } }).profile;
      return p.fullName ?? '(no name)';
    }
    case 'omneo-balance-load': {
      const b = (d as { balances: { rewardCents: number; combinedCents: number } }).balances;
      return `rewards ${b.rewardCents}¢, combined ${b.combinedCents}¢`;
    }
    case 'omneo-redeem-request':
      return `amountCents ${String(d.amountCents)}`;
    case 'omneo-redemption-created': {
      const tx = d.transaction as { totalCents: number; totalOriginalCents: number };
      return `held; pay ${tx.totalCents}¢ of ${tx.totalOriginalCents}¢`;
    }
    case 'omneo-redemption-settled':
      return `${String(d.outcome)}: ${String(d.reason)}`;
    case 'omneo-redemption-recover':
      return `found held sale ${(d.entry as { sale: Sale }).sale.id}`;
    case 'omneo-error':
      return `${String(d.operation)}: ${(d.error as Error).message}`;
    default:
      return JSON.stringify(d);
  }
}

for (const type of EVENTS) document.addEventListener(type, (event) => log(`${type}  ${summary(event)}`));

document.body.addEventListener('omneo-redemption-recover', (event) => {
  // The till knows this sale's payment went through before the reload: record it.
  if (sessionStorage.getItem(KEYS.paid) === event.detail.entry.sale.id) event.detail.claim({ payments: ['card'] });
});
document.body.addEventListener('omneo-redemption-settled', (event) => say(`Redemption ${event.detail.outcome}. ${event.detail.reason}`));
document.body.addEventListener('omneo-redemption-created', () => say('Redemption held: take payment now.'));

// --- The till's own payment step: out to the panel --------------------------------------------

function act(button: string, action: () => Promise<unknown>): void {
  $(button).addEventListener('click', () => {
    action().catch((error: Error) => say(`Not done: ${error.message}`));
  });
}

act('#pay-approved', async () => {
  sessionStorage.setItem(KEYS.paid, panel.sale!.id);
  await panel.complete({ payments: ['card'], receiptRef: `R-${panel.sale!.id}` });
});
act('#pay-declined', () => panel.paymentFailed());
act('#return-item', async () => {
  const { refundCents } = await panel.refundReturn({ returned: [{ id: 'l2' }] });
  say(`The jacket came back: ${dollars.format(refundCents / 100)} of rewards refunded.`);
});
act('#reload', async () => location.reload());
act('#new-sale', async () => {
  sessionStorage.removeItem(KEYS.paid);
  showSale(newSale());
  say('');
});

/** Plays a keyboard-wedge scanner: Ava's card, a key every 8 ms, then Enter. */
act('#scan', async () => {
  ($('#scan') as HTMLButtonElement).blur();
  for (const key of [...SEED.ava.card, 'Enter']) {
    document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
    await new Promise((resolve) => setTimeout(resolve, 8));
  }
});
