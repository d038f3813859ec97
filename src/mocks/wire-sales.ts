/**
 * Omneo's wire form of redemptions and recorded sales: what a write answers (a
 * SuccessfulRedemption), what GET /redemptions lists (a Redemption, whose items carry what
 * they took as `type_attributes`), and a Transaction linked to its redemption, staff member
 * and store by objects, never by echoed ids.
 */
import type { MockStore } from './store.js';
import type { MockRedemption, MockRedemptionItem, MockReward, MockTransaction } from './types.js';
import { benefitWire, dollars, identityWire, locationWire, omneoTime, time, type Wire } from './wire.js';

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
