/**
 * What every story shares: a fresh mock tenant per render (so each story, and each change of
 * its controls, starts from the seed), a client over the tenant's in-page `fetch` (no service
 * worker, nothing on the network), and the args every element story has: theme, language,
 * member, and how the mock tenant misbehaves.
 */
import type { ArgTypes } from '@storybook/web-components-vite';
import { createOmneoClient, fetchTransport, type OmneoClient } from '../../src/client/index.js';
import { createMockTenant, SEED, type MockTenant } from '../../src/mocks/index.js';
import type { Sale } from '../../src/rules/index.js';
// The stories offer French as the second language, as a till would: by importing it.
import '../../src/elements/locales/fr.js';

/** The seeded members a story can show, each exercising one case. */
export const MEMBERS = {
  /** Gold member: rewards, points and two active benefits. */
  ava: SEED.ava.id,
  /** A big rewards balance, no benefits. */
  noah: SEED.noah.id,
  /** Nothing to spend. */
  empty: SEED.empty.id,
  /** Markup and mixed scripts in every text field. */
  hostile: SEED.hostile.id,
  /** 200 benefits. */
  many: SEED.many.id,
  /** A nameless walk-in: points below zero, no rewards, a benefit of each kind. */
  odd: SEED.odd.id,
} as const;

export type Member = keyof typeof MEMBERS | 'none';

/** How the mock tenant answers the first request: `Try again` then works. */
export type Failure = 'none' | 'server' | 'unauthorised' | 'malformed';

/** Latency that keeps a story in its loading state: an hour. */
export const STAYS_LOADING_MS = 3_600_000;

export interface TenantArgs {
  /** Latency of every request, in ms. */
  latencyMs: number;
  failure: Failure;
}

export interface ElementArgs extends TenantArgs {
  theme: 'light' | 'dark' | 'auto';
  /** `en-AU` (the tenant's), or the second language, `fr`. */
  lang: 'en-AU' | 'en' | 'fr';
  member: Member;
}

export interface StoryOmneo {
  tenant: MockTenant;
  client: OmneoClient;
}

/** A seeded tenant misbehaving as `args` say, and a client over it. */
export function mockOmneo({ latencyMs, failure }: TenantArgs): StoryOmneo {
  const tenant = createMockTenant();
  if (latencyMs > 0) tenant.faults.latency(latencyMs);
  if (failure === 'server') tenant.faults.failNext(1, 503);
  else if (failure === 'unauthorised') tenant.faults.failNext(1, 401);
  else if (failure === 'malformed') tenant.faults.malformNext();
  const client = createOmneoClient({
    transport: fetchTransport({ baseUrl: 'https://api.mock-tenant.test/api/v3', token: 'story-token', fetch: tenant.fetch }),
    // A failure shows at once instead of after the client's backoff.
    retry: { retries: 0 },
  });
  return { tenant, client };
}

/** The profile id of `member`, or `undefined` for `none`. */
export const memberId = (member: Member): string | undefined => (member === 'none' ? undefined : MEMBERS[member]);

/** The POS guide's sale: 65.00, 115.00, 25.00 and 45.00, and a gift card no reward may pay for. */
export function guideSale(): Sale {
  return {
    id: `story-sale-${Math.random().toString(36).slice(2, 10)}`,
    currency: 'AUD',
    lines: [
      { id: 'l1', name: 'Jeans', quantity: 1, amountCents: 6500 },
      { id: 'l2', name: 'Jacket', quantity: 1, amountCents: 11500 },
      { id: 'l3', name: 'Socks', quantity: 5, amountCents: 2500 },
      { id: 'l4', name: 'Shirt', quantity: 1, amountCents: 4500 },
      { id: 'l5', name: 'Gift card', quantity: 1, amountCents: 5000, eligible: false },
    ],
  };
}

const tenantCategory = { category: 'mock tenant' };

/** Controls for the args every element story has. */
export const elementArgTypes: Partial<ArgTypes<ElementArgs>> = {
  theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
  lang: { control: 'inline-radio', options: ['en-AU', 'en', 'fr'] },
  member: {
    control: 'select',
    options: ['none', ...Object.keys(MEMBERS)],
    description: 'The seeded member shown (`profile-id`).',
    table: tenantCategory,
  },
  latencyMs: {
    control: { type: 'number', min: 0, step: 250 },
    description: 'Latency of every request, in ms.',
    table: tenantCategory,
  },
  failure: {
    control: 'select',
    options: ['none', 'server', 'unauthorised', 'malformed'],
    description: 'How the first request fails (503, 401, or a body that fails its schema); `Try again` then works.',
    table: tenantCategory,
  },
};

/** The args every element story starts from. */
export const elementArgs: ElementArgs = { theme: 'light', lang: 'en-AU', member: 'ava', latencyMs: 0, failure: 'none' };

/** Shadow-root aware query, for `play` functions: the first `selector` under `root`'s shadow root. */
export function inShadow<T extends Element>(root: ParentNode, host: string, selector: string): T | null {
  return root.querySelector(host)?.shadowRoot?.querySelector<T>(selector) ?? null;
}

/** Resolves when `check` is truthy, polling; rejects after `timeout` ms. */
export async function waitFor<T>(check: () => T, what: string, timeout = 5000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Types `text` into a text field as a person would: its value, then an `input` event. */
export function typeInto(field: HTMLInputElement, text: string): void {
  field.focus();
  field.value = text;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: text }));
}
