/**
 * Omneo's wire form of the tenant's records: decimal dollars (cents / 100), `"YYYY-MM-DD
 * HH:mm:ss"` UTC timestamps, snake_case, single resources as `{data}` and lists as
 * `{data, links, meta}`.
 */
import type { MockStore } from './store.js';
import type { MockBenefit, MockIdentity, MockLocation } from './types.js';

/** One JSON object as Omneo sends it. */
export type Wire = Record<string, unknown>;

/** Integer cents as Omneo's dollar number: exact, since every integer / 100 has a 2-decimal text. */
export const dollars = (cents: number): number => cents / 100;

/** Epoch ms as Omneo's UTC `"YYYY-MM-DD HH:mm:ss"`. */
export function omneoTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** Epoch ms (or null) as Omneo's UTC text (or null). */
export const time = (ms: number | null) => (ms === null ? null : omneoTime(ms));

export function identityWire(i: MockIdentity): Wire {
  return {
    id: i.id,
    handle: i.handle,
    identifier: i.identifier,
    is_primary: i.isPrimary,
    is_active: i.isActive,
    profile_id: i.profileId,
    // Merge lineage: the profile this identity came from in a merge. The tenant never merges.
    merged_from: null,
  };
}

/**
 * `/profiles/{id}/balances` data; also embedded in a profile and in a write's answer. The
 * tenant has one currency, so `localised` repeats the dollar amounts and `currency` is null.
 */
export function balancesWire(store: MockStore, profileId: string): Wire {
  const p = store.profile(profileId);
  const reward = store.rewardBalanceCents(profileId);
  // One point is worth one cent: 1500 points are 15.00.
  const pointsCents = p.points;
  return {
    reward_balance: dollars(reward),
    point_balance: p.points,
    point_balance_dollars: dollars(pointsCents),
    combined_balance_dollars: dollars(reward + pointsCents),
    credit_balance: dollars(p.creditCents),
    benefit_balance: dollars(store.benefitBalanceCents(profileId)),
    currency: null,
    localised: {
      reward_balance: dollars(reward),
      point_balance_dollars: dollars(pointsCents),
      combined_balance_dollars: dollars(reward + pointsCents),
    },
  };
}

export function profileWire(store: MockStore, profileId: string): Wire {
  const p = store.profile(profileId);
  const full = [p.firstName, p.lastName].filter(Boolean).join(' ');
  const b = balancesWire(store, profileId);
  return {
    id: p.id,
    first_name: p.firstName,
    last_name: p.lastName,
    full_name: full === '' ? null : full,
    email: p.email,
    mobile_phone: p.mobilePhone,
    tier: p.tier ? { ...p.tier } : null,
    identities: store.identitiesOf(profileId).map(identityWire),
    tags: [...p.tags],
    reward_balance: b['reward_balance'],
    point_balance: b['point_balance'],
    point_balance_dollars: b['point_balance_dollars'],
    combined_balance_dollars: b['combined_balance_dollars'],
    credit_balance: b['credit_balance'],
    benefit_balance: b['benefit_balance'],
    // Omneo answers a date-time, whatever form of the date it was given.
    joined_at: p.joinedAt !== null && /^\d{4}-\d{2}-\d{2}$/.test(p.joinedAt) ? `${p.joinedAt} 00:00:00` : p.joinedAt,
    created_at: omneoTime(p.createdAt),
    updated_at: omneoTime(p.updatedAt),
  };
}

/**
 * A benefit instance. There is no `status`: a benefit is active when `is_redeemable` and not
 * `is_expired` (the tenant's clock decides expiry).
 */
export function benefitWire(store: MockStore, b: MockBenefit): Wire {
  const status = store.benefitStatus(b);
  const d = b.definition;
  return {
    id: b.id,
    profile_id: b.profileId,
    external_id: null,
    issued_at: omneoTime(b.issuedAt),
    expires_at: time(b.expiresAt),
    timezone: b.timezone,
    is_expired: status === 'expired',
    is_redeemable: status === 'active',
    redemptions_remaining: b.redemptionsRemaining,
    value: b.valueCents === null ? null : dollars(b.valueCents),
    redeem_code_pos: b.redeemCodePos,
    claimed_at: null,
    created_at: omneoTime(b.issuedAt),
    updated_at: omneoTime(b.issuedAt),
    definition: {
      id: d.id,
      name: d.name,
      handle: d.handle,
      type: d.type,
      description: d.description,
      short_description: d.shortDescription,
      value: d.valueCents === null ? null : dollars(d.valueCents),
      image_url: d.imageUrl,
      redeem_code_pos: null,
      redeem_instructions_store: d.redeemInstructionsStore,
    },
  };
}

export function locationWire(l: MockLocation): Wire {
  return { id: l.id, name: l.name, handle: l.handle, timezone: l.timezone };
}

const DEFAULT_PAGE_SIZE = 15;
const MAX_PAGE_SIZE = 100;

function positiveInt(text: string | undefined, fallback: number): number {
  const n = Number(text);
  return text !== undefined && Number.isSafeInteger(n) && n >= 1 ? n : fallback;
}

/**
 * One page of `items` as Omneo's list envelope. `page[size]` defaults to 15 and is capped at
 * 100 (so a caller asking for more must follow `last_page`); `page[number]` defaults to 1.
 */
export function paginate<T>(items: T[], query: Record<string, string>, url: URL, toWire: (item: T) => Wire): Wire {
  const size = Math.min(positiveInt(query['page[size]'], DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
  const last = Math.max(1, Math.ceil(items.length / size));
  const page = positiveInt(query['page[number]'], 1);
  const start = (page - 1) * size;
  const data = items.slice(start, start + size).map(toWire);
  const path = `${url.origin}${url.pathname}`;
  const link = (n: number) => {
    const u = new URL(url.href);
    u.searchParams.set('page[number]', String(n));
    return u.href;
  };
  return {
    data,
    links: {
      first: link(1),
      last: link(last),
      prev: page > 1 ? link(page - 1) : null,
      next: page < last ? link(page + 1) : null,
    },
    meta: {
      current_page: page,
      from: data.length > 0 ? start + 1 : null,
      last_page: last,
      per_page: size,
      to: data.length > 0 ? start + data.length : null,
      total: items.length,
      path,
    },
  };
}
