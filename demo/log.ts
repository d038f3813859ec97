/**
 * The demo's log, "What the kit did": every event the kit fires and every request it makes, one
 * readable line each (newest first), with money in dollars and API text written as text only.
 */
import type { Sale } from '../src/rules/index.js';

const dollars = new Intl.NumberFormat('en-AU', { style: 'currency', currency: 'AUD' });
/** Cents as the till shows money: `$25.00`. */
export const money = (cents: number) => dollars.format(cents / 100);

/** The kit's events, each logged as it reaches the page. */
export const EVENTS = [
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

/** Appends one line to the log list `list`, newest first. */
export function log(list: HTMLElement, text: string, kind: 'event' | 'request' = 'event'): void {
  const item = document.createElement('li');
  item.className = kind;
  const time = document.createElement('time');
  time.textContent = new Date().toLocaleTimeString('en-AU', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  item.append(time, ` ${text}`);
  list.prepend(item);
}

/** A request as the log shows it: method, path (ids shortened, brackets decoded) and status. */
export function requestLine(method: string, url: URL): string {
  const path = url.pathname.replace(/^\/omneo\/api\/v3/, '').replace(/([0-9a-f]{8})-[0-9a-f-]{27}/g, '$1…');
  return `${method} ${path}${decodeURIComponent(url.search)}`;
}

interface Named {
  name: string;
  posCode: string | null;
}

/** One event as a readable line: what happened, never raw JSON. */
export function summary(event: Event): string {
  const d = (event as CustomEvent<Record<string, unknown>>).detail ?? {};
  switch (event.type) {
    case 'omneo-scan':
      return `card ${String(d.code)}`;
    case 'omneo-member-select':
      return (d as { profile: { fullName: string | null } }).profile.fullName ?? '(no name)';
    case 'omneo-member-clear':
      return 'member cleared';
    case 'omneo-balance-load': {
      const b = d.balances as { rewardCents: number; points: number; pointsValueCents: number };
      return `rewards ${money(b.rewardCents)}, ${b.points.toLocaleString('en-AU')} points (${money(b.pointsValueCents)})`;
    }
    case 'omneo-benefit-select': {
      const chosen = d.benefits as Named[];
      return chosen.length === 0 ? 'no benefit chosen' : `chose ${chosen.map((b) => (b.posCode ? `${b.name} (${b.posCode})` : b.name)).join(', ')}`;
    }
    case 'omneo-redeem-request':
      return `redeem ${money(Number(d.amountCents ?? 0))}${(d.benefits as unknown[] | undefined)?.length ? ` and ${(d.benefits as unknown[]).length} benefit(s)` : ''}`;
    case 'omneo-redemption-created': {
      const tx = d.transaction as { totalCents: number; totalOriginalCents: number };
      return `held; pay ${money(tx.totalCents)} of ${money(tx.totalOriginalCents)}`;
    }
    case 'omneo-redemption-settled':
      return `${String(d.outcome)}: ${String(d.reason)}`;
    case 'omneo-redemption-recover':
      return `found held sale ${(d.entry as { sale: Sale }).sale.id}`;
    case 'omneo-error':
      return `${String(d.operation)}: ${(d.error as Error).message}`;
    default:
      return event.type;
  }
}
