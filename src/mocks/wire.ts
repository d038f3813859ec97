/**
 * Omneo's wire form of the tenant's records: decimal dollars (cents / 100), `"YYYY-MM-DD
 * HH:mm:ss"` UTC timestamps, snake_case, single resources as `{data}` and lists as
 * `{data, links, meta}`.
 */
import type { MockStore } from './store.js';
import type {
  MockBenefit,
  MockIdentity,
  MockLocation,
  MockRedemption,
  MockRedemptionItem,
  MockReward,
  MockTransaction,
} from './types.js';

type Wire = Record<string, unknown>;

/** Integer cents as Omneo's dollar number: exact, since every integer / 100 has a 2-decimal text. */
export const dollars = (cents: number): number => cents / 100;

/** Epoch ms as Omneo's UTC `"YYYY-MM-DD HH:mm:ss"`. */
export function omneoTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

const time = (ms: number | null) => (ms === null ? null : omneoTime(ms));

export function identityWire(i: MockIdentity): Wire {
  return {
    id: i.id,
    handle: i.handle,
    identifier: i.identifier,
    is_primary: i.isPrimary,
    is_active: i.isActive,
    profile_id: i.profileId,
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

/** A reward as a redemption item's `type_attributes`. */
export function rewardWire(r: MockReward): Wire {
  return {
    id: r.id,
    profile_id: r.profileId,
    value_initial: dollars(r.valueCents),
    value_remaining: dollars(r.remainingCents),
    issued_at: omneoTime(r.issuedAt),
    expires_at: time(r.expiresAt),
    created_at: omneoTime(r.issuedAt),
    updated_at: omneoTime(r.issuedAt),
  };
}

/** The location of a redemption or its sale: `{id, name, external_id}` (Omneo's RedemptionLocation), or null. */
function redemptionLocationWire(store: MockStore, id: number | null): Wire | null {
  const l = id === null ? undefined : store.location(id);
  return l ? { id: l.id, name: l.name, external_id: null } : null;
}

/**
 * The recorded sale a redemption belongs to: the transaction linked to it by `redemption_id`,
 * else the one whose `external_id` is the sale id the redemption was written with.
 */
export function saleOf(store: MockStore, r: MockRedemption): MockTransaction | undefined {
  return (
    store.transactions.find((t) => t.redemptionId === r.id) ??
    (r.transactionExternalId === null ? undefined : store.transactions.find((t) => t.externalId === r.transactionExternalId))
  );
}

function redemptionItemWire(store: MockStore, r: MockRedemption, i: MockRedemptionItem): Wire {
  let attributes: Wire | null = null;
  if (i.type === 'reward') {
    const reward = store.rewards.find((x) => x.id === i.id);
    attributes = reward ? rewardWire(reward) : null;
  } else if (i.type === 'benefit') {
    const benefit = store.benefits.find((x) => x.id === i.id);
    attributes = benefit ? benefitWire(store, benefit) : null;
  }
  // Points and credits are kept as balances here, not as lots: Omneo's `type_attributes` may be null.
  return {
    id: i.itemId,
    type: i.type,
    value: dollars(i.valueCents),
    count: i.count,
    type_attributes: attributes,
    created_at: omneoTime(r.createdAt),
    updated_at: omneoTime(r.createdAt),
  };
}

/**
 * A redemption as GET /redemptions lists it (Omneo's `Redemption`): no top-level sale id,
 * strategies, balances or link to the redemption it undoes. The sale id shows only as
 * `transaction.external_id`, once a sale has been recorded for it.
 */
export function listedRedemptionWire(store: MockStore, r: MockRedemption): Wire {
  const p = store.profiles.get(r.profileId);
  const full = p ? [p.firstName, p.lastName].filter(Boolean).join(' ') : '';
  const sale = saleOf(store, r);
  return {
    id: r.id,
    type: r.type,
    total: dollars(r.totalCents),
    total_localised: dollars(r.totalCents),
    profile_id: r.profileId,
    profile: { first_name: p?.firstName ?? null, last_name: p?.lastName ?? null, full_name: full === '' ? null : full, email: p?.email ?? null },
    location_id: r.locationId,
    location: redemptionLocationWire(store, r.locationId),
    redeem_at: omneoTime(r.createdAt),
    meta: r.meta === null ? null : structuredClone(r.meta),
    transaction_id: sale ? sale.id : null,
    transaction: sale
      ? {
          external_id: sale.externalId,
          receipt_ref: sale.receiptRef,
          transacted_at: sale.transactedAt,
          total: dollars(sale.totalCents),
          location: redemptionLocationWire(store, sale.locationId),
        }
      : null,
    items: r.items.map((i) => redemptionItemWire(store, r, i)),
    created_at: omneoTime(r.createdAt),
    updated_at: omneoTime(r.createdAt),
  };
}

/**
 * The answer to a redeem, reversal or return POST (Omneo's `SuccessfulRedemption`): the
 * member's balances right after, the sale id the write carried, no items and no type.
 */
export function successfulRedemptionWire(store: MockStore, r: MockRedemption): Wire {
  return {
    id: r.id,
    profile_id: r.profileId,
    total: dollars(r.totalCents),
    total_localised: dollars(r.totalCents),
    balances: structuredClone(r.balancesAfter),
    currency: null,
    location_id: r.locationId,
    location: redemptionLocationWire(store, r.locationId),
    meta: r.meta === null ? null : structuredClone(r.meta),
    transaction_external_id: r.transactionExternalId,
    transaction_receipt_ref: r.transactionReceiptRef,
    created_at: omneoTime(r.createdAt),
    updated_at: omneoTime(r.createdAt),
  };
}

/** The item fields Omneo's TransactionItem has, taken from what was sent. */
const TRANSACTION_ITEM_FIELDS = ['name', 'sku', 'external_id', 'quantity', 'price_original', 'price_current', 'price_sell', 'discounts', 'meta'] as const;

function transactionItemWire(t: MockTransaction, item: unknown, index: number): Wire {
  const sent = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
  const out: Wire = { id: t.id * 100 + index + 1, transaction_id: t.id };
  for (const f of TRANSACTION_ITEM_FIELDS) if (sent[f] !== undefined) out[f] = structuredClone(sent[f]);
  for (const f of ['quantity', 'price_original', 'price_current', 'price_sell'] as const) {
    if (typeof out[f] === 'string') out[f] = Number(out[f]);
  }
  out['created_at'] = omneoTime(t.createdAt);
  out['updated_at'] = omneoTime(t.updatedAt);
  return out;
}

/** The staff member a sale names by profile id or staff number, as Omneo's TransactionStaff. */
function transactionStaffWire(store: MockStore, staffId: string | number | null): Wire | null {
  if (staffId === null) return null;
  const text = String(staffId);
  const profileId = store.profiles.has(text)
    ? text
    : store.identities.find((i) => i.handle === 'staff-number' && i.identifier === text)?.profileId;
  const p = profileId === undefined ? undefined : store.profiles.get(profileId);
  if (!p) return null;
  const full = [p.firstName, p.lastName].filter(Boolean).join(' ');
  return { id: p.id, full_name: full === '' ? null : full, email: p.email, identities: store.identitiesOf(p.id).map(identityWire) };
}

/**
 * A recorded sale (Omneo's `Transaction`): linked to its redemption by `redemption` (an
 * object), to its staff member by `staff`, to its store by `location`; no `*_id` echoes.
 */
export function transactionWire(store: MockStore, t: MockTransaction): Wire {
  const r = t.redemptionId === null ? undefined : store.redemptions.find((x) => x.id === t.redemptionId);
  const location = t.locationId === null ? undefined : store.location(t.locationId);
  return {
    id: t.id,
    external_id: t.externalId,
    profile_id: t.profileId,
    total: dollars(t.totalCents),
    total_original: t.totalOriginalCents === null ? null : dollars(t.totalOriginalCents),
    transacted_at: t.transactedAt,
    timezone: t.timezone,
    receipt_ref: t.receiptRef,
    items: t.items.map((item, i) => transactionItemWire(t, item, i)),
    payments: structuredClone(t.payments),
    meta: t.meta !== null && typeof t.meta === 'object' && !Array.isArray(t.meta) ? structuredClone(t.meta) : null,
    redemption: r
      ? {
          id: r.id,
          type: r.type,
          total: dollars(r.totalCents),
          total_localised: dollars(r.totalCents),
          location_id: r.locationId,
          location: redemptionLocationWire(store, r.locationId),
          items: r.items.map((i) => redemptionItemWire(store, r, i)),
        }
      : null,
    staff: transactionStaffWire(store, t.staffId),
    location: location ? locationWire(location) : null,
    created_at: omneoTime(t.createdAt),
    updated_at: omneoTime(t.updatedAt),
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
