/// <reference types="vite/client" />
/**
 * The demo till: the four elements wired as a real POS would wire them. Events come in from
 * the kit; `complete()` / `paymentFailed()` / `refundReturn()` go out when the till's own
 * payment step ends. Everything the kit fires, and every request it makes, is logged on the
 * right, under the test cards and what to try. The payment buttons are enabled only when they
 * apply (see `showPhase`). Text from the API is only ever written with textContent.
 *
 * Mock mode (the default): the mock Omneo tenant answers in this page through msw's service
 * worker, and its state is kept in sessionStorage so that it survives "Reload the till
 * mid-sale", which shows recovery at work. Live mode (OMNEO_BASE_URL and OMNEO_TOKEN set for
 * `npm start`): requests go to the dev server's proxy, which adds the token.
 */
import { setupWorker } from 'msw/browser';
import { createOmneoClient, fetchTransport } from '../src/client/index.js';
import { createMockTenant, type MockSnapshot } from '../src/mocks/index.js';
import { provideOmneoSession } from '../src/elements/index.js';
import '../src/elements/member-lookup/define.js';
import '../src/elements/balance/define.js';
import '../src/elements/benefit-picker/define.js';
import '../src/elements/redemption-panel/define.js';
import type { Sale } from '../src/rules/index.js';
import { renderTestCards } from './guide.js';
import { EVENTS, log as logTo, money, requestLine, summary } from './log.js';

const live = import.meta.env.VITE_OMNEO_MODE === 'live';
const KEYS = { tenant: 'omneo-demo:tenant', sale: 'omneo-demo:sale', paid: 'omneo-demo:paid' };
const $ = <T extends Element = HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const log = (text: string, kind: 'event' | 'request' = 'event') => logTo($('#log'), text, kind);

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
  const label = requestLine(init?.method ?? 'GET', url);
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
const session = provideOmneoSession($('body'), { client, currency: 'AUD', locale: 'en-AU' });
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
      for (const [text, numeric] of [[line.name, false], [String(line.quantity), false], [money(line.amountCents), true]] as const) {
        const cell = document.createElement('td');
        cell.textContent = text;
        if (numeric) cell.className = 'num';
        row.append(cell);
      }
      return row;
    }),
  );
  const total = money(sale.lines.reduce((s, l) => s + l.amountCents, 0));
  $('#sale-total').textContent = total;
  $('#sale-summary').textContent = `· ${sale.lines.length} items · ${total}`;
}

showSale(newSale(sessionStorage.getItem(KEYS.sale) ?? undefined));

// --- Events in: log every one; claim a sale that was paid before a reload -------------------

for (const type of EVENTS) document.addEventListener(type, (event) => log(`${type}  ${summary(event)}`));

document.body.addEventListener('omneo-redemption-recover', (event) => {
  // The till knows this sale's payment went through before the reload: record it.
  if (sessionStorage.getItem(KEYS.paid) === event.detail.entry.sale.id) event.detail.claim({ payments: ['card'] });
});
document.body.addEventListener('omneo-redemption-settled', (event) => {
  say(`Redemption ${event.detail.outcome}. ${event.detail.reason}`);
  showPhase(event.detail.outcome === 'recorded' ? 'recorded' : 'idle');
});
document.body.addEventListener('omneo-redemption-created', () => {
  say('Redemption held: take payment now.');
  showPhase('held');
});

// --- What applies now: buttons that do not apply are disabled, and the hint says why ---------

/** Where the sale is: nothing held yet, a redemption held (payment pending), or a recorded sale. */
type Phase = 'idle' | 'held' | 'recorded';
let phase: Phase = 'idle';

const HINTS: Record<Phase, string> = {
  idle: 'Payment applies once a redemption is held: choose a member, then Redeem.',
  held: 'Held: take payment, or reload mid-sale to see recovery.',
  recorded: 'Recorded: return the jacket to see its share refunded, or start a new sale.',
};

function showPhase(next: Phase = phase): void {
  phase = next;
  const enable = (id: string, on: boolean) => (($(id) as HTMLButtonElement).disabled = !on);
  enable('#pay-approved', phase === 'held');
  enable('#pay-declined', phase === 'held');
  enable('#reload', phase === 'held');
  enable('#return-item', phase === 'recorded');
  enable('#new-sale', !session.held);
  $('#actions-hint').textContent = HINTS[phase];
}

// The sale's lines show until a member is chosen; the panel then lists them with their shares.
session.subscribe((change) => {
  if (change.kind === 'lock') showPhase();
  if (change.kind === 'profile') $('#sale-lines').hidden = change.profile !== null;
});
showPhase('idle');

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
  say(refundCents > 0 ? `The jacket came back: ${money(refundCents)} of rewards refunded.` : 'The jacket came back: nothing had been redeemed on it.');
  showPhase('idle');
});
act('#reload', async () => location.reload());
act('#new-sale', async () => {
  sessionStorage.removeItem(KEYS.paid);
  showSale(newSale());
  $('#sale-lines').hidden = false;
  showPhase('idle');
  say('');
});

renderTestCards($('#test-cards'));
