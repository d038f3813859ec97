/**
 * Redemptions, as Omneo keeps them: redeeming lowers the balance (rewards nearest expiry
 * first), a reversal within 10 minutes puts back exactly what was taken, and a refund (a
 * "return") issues something new instead. Reversals and returns are redemption records too,
 * of type `reversal` and `return`, pointing at the redemption they undo.
 */
import { FieldErrors, asObject, invalid, notFound, readCents, readDateTime, readInt, readText, readTimezone } from './errors.js';
import type { MockStore } from './store.js';
import type { MockRedemption, MockRedemptionItem } from './types.js';
import { balancesWire } from './wire.js';

/** How long after its creation a redemption can still be reversed. */
export const REVERSAL_WINDOW_MS = 10 * 60_000;
/** How long a reward issued by a refund lasts. */
export const REFUND_REWARD_LIFETIME_MS = 90 * 24 * 3_600_000;
/** How long a benefit re-issued by a return lasts, when the original has already expired. */
const RETURNED_BENEFIT_LIFETIME_MS = 30 * 24 * 3_600_000;

const STRATEGIES = ['rewards', 'points', 'credits', 'benefits'] as const;
type Strategy = (typeof STRATEGIES)[number];

function readStrategies(o: Record<string, unknown>, errors: FieldErrors, required: boolean): Strategy[] | null {
  const value = o['strategies'];
  if (value === undefined || value === null) {
    if (required) errors.add('strategies', 'The strategies field is required.');
    return null;
  }
  if (!Array.isArray(value) || value.length === 0) {
    errors.add('strategies', 'The strategies must be a non-empty array.');
    return null;
  }
  const known = value.filter((s): s is Strategy => (STRATEGIES as readonly unknown[]).includes(s));
  value.forEach((s, i) => {
    if (!known.includes(s as Strategy)) errors.add(`strategies.${i}`, `The selected strategies.${i} is invalid.`);
  });
  return known;
}

function readLocation(store: MockStore, o: Record<string, unknown>, errors: FieldErrors): number | null {
  const id = readInt(o, 'location_id', errors);
  if (id !== null && !store.location(id)) errors.add('location_id', 'The selected location id is invalid.');
  return id;
}

type NewItem = Omit<MockRedemptionItem, 'itemId'>;
type NewRedemption = Omit<MockRedemption, 'id' | 'createdAt' | 'balancesAfter' | 'reversedBy' | 'returnedCents' | 'returnedCount' | 'items'> & {
  items: NewItem[];
};

/** `meta`: a JSON object, or null when absent. */
function readMeta(o: Record<string, unknown>, errors: FieldErrors): Record<string, unknown> | null {
  const meta = o['meta'];
  if (meta === undefined || meta === null) return null;
  if (typeof meta !== 'object' || Array.isArray(meta)) {
    errors.add('meta', 'The meta must be an object.');
    return null;
  }
  return structuredClone(meta as Record<string, unknown>);
}

function record(store: MockStore, fields: NewRedemption): MockRedemption {
  store.touch(fields.profileId);
  const id = store.intId();
  const r: MockRedemption = {
    ...fields,
    id,
    // Each item has its own id (Omneo's items[].id); what it took keeps its own in `id`.
    items: fields.items.map((i) => ({ ...i, itemId: store.intId() })),
    createdAt: store.now(),
    reversedBy: null,
    returnedCents: 0,
    returnedCount: 0,
    balancesAfter: balancesWire(store, fields.profileId),
  };
  store.redemptions.push(r);
  return r;
}

/** POST /profiles/{id}/redemptions `{strategies, amount, transaction_external_id?, location_id?, ...}`. */
export function redeemBalance(store: MockStore, profileId: string, body: unknown): MockRedemption {
  const profile = store.profile(profileId);
  const o = asObject(body);
  const errors = new FieldErrors();
  const strategies = readStrategies(o, errors, true);
  const amount = readCents(o, 'amount', errors, { required: true, positive: true });
  const locationId = readLocation(store, o, errors);
  const externalId = readText(o, 'transaction_external_id', errors);
  const receiptRef = readText(o, 'transaction_receipt_ref', errors);
  const meta = readMeta(o, errors);
  errors.throwIfAny();
  if (strategies === null || amount === undefined) throw new Error('unreachable: validated above');

  const rewards = store.spendableRewards(profileId);
  const available = (s: Strategy) =>
    s === 'rewards' ? rewards.reduce((n, r) => n + r.remainingCents, 0) : s === 'points' ? profile.points : s === 'credits' ? profile.creditCents : 0;
  const total = [...new Set(strategies)].reduce((n, s) => n + available(s), 0);
  if (amount > total) throw invalid('amount', 'The amount exceeds the available balance.');

  let left = amount;
  const items: NewItem[] = [];
  for (const s of new Set(strategies)) {
    if (s === 'rewards') {
      for (const reward of rewards) {
        const take = Math.min(left, reward.remainingCents);
        if (take === 0) break;
        reward.remainingCents -= take;
        left -= take;
        items.push({ id: reward.id, type: 'reward', valueCents: take, count: 1 });
      }
    } else if (s === 'points' && left > 0 && profile.points > 0) {
      const take = Math.min(left, profile.points);
      profile.points -= take;
      left -= take;
      items.push({ id: null, type: 'point', valueCents: take, count: take });
    } else if (s === 'credits' && left > 0 && profile.creditCents > 0) {
      const take = Math.min(left, profile.creditCents);
      profile.creditCents -= take;
      left -= take;
      items.push({ id: null, type: 'credit', valueCents: take, count: 1 });
    }
  }
  return record(store, {
    profileId,
    type: 'redeem',
    kind: 'balance',
    totalCents: amount,
    items,
    strategies: [...strategies],
    transactionExternalId: externalId,
    transactionReceiptRef: receiptRef,
    locationId,
    meta,
    redemptionId: null,
  });
}

/**
 * POST /profiles/{id}/benefits/{benefitId}/redemptions `{issued_at, timezone}` (guide) or
 * .../redeem `{count?}` (reference).
 */
export function redeemBenefit(store: MockStore, profileId: string, benefitId: number, body: unknown, form: 'guide' | 'reference'): MockRedemption {
  store.profile(profileId);
  const benefit = store.benefits.find((b) => b.id === benefitId && b.profileId === profileId);
  if (!benefit) throw notFound('Benefit not found.');
  const o = asObject(body);
  const errors = new FieldErrors();
  if (form === 'guide') {
    readDateTime(o, 'issued_at', errors);
    readTimezone(o, 'timezone', errors);
  }
  const count = readInt(o, 'count', errors) ?? 1;
  const locationId = readLocation(store, o, errors);
  const externalId = readText(o, 'transaction_external_id', errors);
  const receiptRef = readText(o, 'transaction_receipt_ref', errors);
  const meta = readMeta(o, errors);
  errors.throwIfAny();

  const status = store.benefitStatus(benefit);
  if (status === 'expired') throw invalid('benefit', 'The benefit has expired.');
  if (status === 'redeemed') throw invalid('benefit', 'The benefit has already been redeemed.');
  if (count > benefit.redemptionsRemaining) {
    throw invalid('count', `The count may not be greater than ${benefit.redemptionsRemaining}.`);
  }
  benefit.redemptionsRemaining -= count;
  const value = benefit.valueCents ?? benefit.definition.valueCents ?? 0;
  return record(store, {
    profileId,
    type: 'redeem',
    kind: 'benefit',
    totalCents: value * count,
    items: [{ id: benefit.id, type: 'benefit', valueCents: value, count }],
    strategies: ['benefits'],
    transactionExternalId: externalId,
    transactionReceiptRef: receiptRef,
    locationId,
    meta,
    redemptionId: null,
  });
}

/** The redemption to reverse or refund: a `redeem` record, of this profile when one is named. */
function original(store: MockStore, redemptionId: number, profileId: string | undefined): MockRedemption {
  if (profileId !== undefined) store.profile(profileId);
  const r = store.redemption(redemptionId);
  if (profileId !== undefined && r.profileId !== profileId) throw notFound('Redemption not found.');
  if (r.type !== 'redeem') throw invalid('redemption', `A ${r.type} cannot be reversed or returned.`);
  if (r.reversedBy !== null) throw invalid('redemption', 'The redemption has already been reversed.');
  return r;
}

/**
 * What a reversal or return may say about the sale it belongs to: `transaction_external_id`
 * (so the undo can be found by the same filter as the redeem; default: the original's),
 * `transaction_receipt_ref`, `location_id` and `meta` (defaults: the original's, none).
 */
function readSale(store: MockStore, r: MockRedemption, o: Record<string, unknown>, errors: FieldErrors) {
  return {
    transactionExternalId: readText(o, 'transaction_external_id', errors) ?? r.transactionExternalId,
    transactionReceiptRef: readText(o, 'transaction_receipt_ref', errors) ?? r.transactionReceiptRef,
    locationId: readLocation(store, o, errors) ?? r.locationId,
    meta: readMeta(o, errors),
  };
}

/** POST /profiles/{pid}/redemptions/{rid}/reverse (guide) or /redemptions/{id}/reversal `{transaction_external_id?}`. */
export function reverseRedemption(store: MockStore, redemptionId: number, body: unknown = undefined, profileId?: string): MockRedemption {
  const r = original(store, redemptionId, profileId);
  const errors = new FieldErrors();
  const sale = readSale(store, r, body === undefined || body === null ? {} : asObject(body), errors);
  errors.throwIfAny();
  if (r.returnedCents > 0 || r.returnedCount > 0) {
    throw invalid('redemption', 'The redemption has been returned and can no longer be reversed.');
  }
  // Measured from created_at as Omneo writes it (whole seconds), so a client that reads the
  // timestamp computes the same deadline as the server.
  const created = Math.floor(r.createdAt / 1000) * 1000;
  if (store.now() - created > REVERSAL_WINDOW_MS) {
    throw invalid('redemption', 'The redemption can no longer be reversed.');
  }
  const profile = store.profile(r.profileId);
  for (const item of r.items) {
    if (item.type === 'reward') {
      const reward = store.rewards.find((x) => x.id === item.id);
      if (reward) reward.remainingCents += item.valueCents;
    } else if (item.type === 'point') {
      profile.points += item.count;
    } else if (item.type === 'credit') {
      profile.creditCents += item.valueCents;
    } else {
      const benefit = store.benefits.find((x) => x.id === item.id);
      if (benefit) benefit.redemptionsRemaining += item.count;
    }
  }
  const reversal = record(store, {
    profileId: r.profileId,
    type: 'reversal',
    kind: r.kind,
    totalCents: r.totalCents,
    items: r.items.map(({ itemId: _, ...i }) => i),
    strategies: [...r.strategies],
    ...sale,
    redemptionId: r.id,
  });
  r.reversedBy = reversal.id;
  return reversal;
}

/**
 * Refunds a redemption (guide: /profiles/{pid}/redemptions/{rid}/refund `{amount?}`;
 * reference: /redemptions/{id}/return `{amount?, strategies?, transaction_external_id?,
 * transaction_receipt_ref?, location_id?, meta?}` and /redemptions/{id}/benefit/return
 * `{count?}`). Money comes back as a NEW reward (or points or credits, when `strategies` says
 * so), a benefit as a new benefit instance. By default, all that is left to refund.
 */
export function refundRedemption(store: MockStore, redemptionId: number, body: unknown, opts: { profileId?: string; benefitOnly?: boolean } = {}): MockRedemption {
  const r = original(store, redemptionId, opts.profileId);
  const o = body === undefined || body === null ? {} : asObject(body);
  const errors = new FieldErrors();
  // The benefit return takes only `count`; the sale it belongs to stays the original's.
  const sale = opts.benefitOnly ? readSale(store, r, {}, errors) : readSale(store, r, o, errors);
  if (r.kind === 'benefit') return returnBenefit(store, r, o, errors, sale);
  if (opts.benefitOnly) throw invalid('redemption', 'The redemption has no benefits to return.');

  const amountSent = readCents(o, 'amount', errors, { positive: true });
  const strategies = readStrategies(o, errors, false) ?? ['rewards'];
  errors.throwIfAny();
  const left = r.totalCents - r.returnedCents;
  if (left === 0) throw invalid('amount', 'The redemption has already been refunded in full.');
  const amount = amountSent ?? left;
  if (amount > left) throw invalid('amount', `The amount may not be greater than ${(left / 100).toFixed(2)}.`);

  const profile = store.profile(r.profileId);
  const now = store.now();
  let item: NewItem;
  if (strategies[0] === 'points') {
    profile.points += amount;
    item = { id: null, type: 'point', valueCents: amount, count: amount };
  } else if (strategies[0] === 'credits') {
    profile.creditCents += amount;
    item = { id: null, type: 'credit', valueCents: amount, count: 1 };
  } else {
    const id = store.intId();
    store.rewards.push({
      id,
      profileId: r.profileId,
      valueCents: amount,
      remainingCents: amount,
      issuedAt: now,
      expiresAt: now + REFUND_REWARD_LIFETIME_MS,
      sourceRedemptionId: r.id,
    });
    item = { id, type: 'reward', valueCents: amount, count: 1 };
  }
  r.returnedCents += amount;
  return record(store, {
    profileId: r.profileId,
    type: 'return',
    kind: 'balance',
    totalCents: amount,
    items: [item],
    strategies: [...strategies],
    ...sale,
    redemptionId: r.id,
  });
}

function returnBenefit(
  store: MockStore,
  r: MockRedemption,
  o: Record<string, unknown>,
  errors: FieldErrors,
  sale: ReturnType<typeof readSale>,
): MockRedemption {
  const sent = readInt(o, 'count', errors);
  errors.throwIfAny();
  const redeemed = r.items.reduce((n, i) => n + i.count, 0);
  const left = redeemed - r.returnedCount;
  if (left === 0) throw invalid('count', 'The redemption has already been returned in full.');
  const count = sent ?? left;
  if (count > left) throw invalid('count', `The count may not be greater than ${left}.`);

  const source = store.benefits.find((b) => b.id === r.items[0]?.id);
  if (!source) throw notFound('Benefit not found.');
  const now = store.now();
  const id = store.intId();
  store.benefits.push({
    ...source,
    id,
    issuedAt: now,
    expiresAt: source.expiresAt !== null && source.expiresAt > now ? source.expiresAt : now + RETURNED_BENEFIT_LIFETIME_MS,
    redemptionsAllowed: count,
    redemptionsRemaining: count,
  });
  r.returnedCount += count;
  const value = source.valueCents ?? source.definition.valueCents ?? 0;
  return record(store, {
    profileId: r.profileId,
    type: 'return',
    kind: 'benefit',
    totalCents: value * count,
    items: [{ id, type: 'benefit', valueCents: value, count }],
    strategies: ['benefits'],
    ...sale,
    redemptionId: r.id,
  });
}
