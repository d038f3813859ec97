/**
 * What the kit sends: request inputs in the kit's terms (integer cents, camelCase), and their
 * one mapping to Omneo's wire form (dollars, snake_case). Responses are mapped the other way
 * in schemas.ts.
 */
import { OmneoInputError } from './errors.js';
import { centsToDollars } from './money.js';

/** Where the rewards for a redemption may come from, in priority order. */
export type RedemptionStrategy = 'rewards' | 'points' | 'benefits' | 'credits';

export interface RedeemRewardsInput {
  /** Integer cents, more than zero. */
  amountCents: number;
  /** Default `['rewards']`. */
  strategies?: RedemptionStrategy[];
  /** The POS sale id, sent as `transaction_external_id` so a lost answer can be found again. */
  saleId?: string;
  locationId?: number;
  receiptRef?: string;
  meta?: Record<string, unknown>;
}

export interface RedeemBenefitInput {
  /** Local date-time of the redemption, `YYYY-MM-DD HH:mm:ss`, in `timezone`. */
  issuedAt: string;
  /** IANA zone, e.g. `Australia/Melbourne`. */
  timezone: string;
  count?: number;
  saleId?: string;
}

/** A discount on a transaction line: the reward share lands here. */
export interface TransactionDiscountInput {
  amountCents: number;
  reason: string;
}

export interface TransactionItemInput {
  name: string;
  quantity: number;
  /** Unit price before any discount. */
  priceOriginalCents?: number;
  /** Unit price the item was on the shelf at (after the POS's own markdowns). */
  priceCurrentCents: number;
  /** What the line sold for in total, after every discount. */
  priceSellCents: number;
  sku?: string;
  externalId?: string;
  discounts?: TransactionDiscountInput[];
  meta?: Record<string, unknown>;
}

export interface TransactionInput {
  /** The POS sale id: Omneo's `external_id`, the key of the upsert. */
  externalId: string;
  /** What was paid. */
  totalCents: number;
  /** The sale total before the redemption. */
  totalOriginalCents?: number;
  /** Local date-time `YYYY-MM-DD HH:mm:ss` in `timezone`. */
  transactedAt: string;
  timezone: string;
  profileId?: string;
  receiptRef?: string;
  locationId?: number;
  staffId?: string;
  redemptionId?: number;
  /** Payment method names, e.g. `['card']`. */
  payments?: string[];
  items: TransactionItemInput[];
  meta?: Record<string, unknown>;
}

export interface StaffInput {
  firstName: string;
  lastName: string;
  email: string;
  /** The staff number (a string, e.g. `"1993"`): Omneo's `staff_id`. */
  staffNumber: string;
  /** Local date `YYYY-MM-DD` or date-time. */
  joinedAt: string;
}

/** Drops `undefined` values so the wire body carries only what was given. */
function defined(entries: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
}

function positiveCents(cents: number, what: string): number {
  if (!Number.isSafeInteger(cents) || cents <= 0) {
    throw new OmneoInputError(`${what} must be a positive whole number of cents, got ${String(cents)}.`);
  }
  return centsToDollars(cents);
}

export function redeemRewardsBody(input: RedeemRewardsInput): Record<string, unknown> {
  return defined({
    strategies: input.strategies ?? ['rewards'],
    amount: positiveCents(input.amountCents, 'A redemption amount'),
    transaction_external_id: input.saleId,
    location_id: input.locationId,
    transaction_receipt_ref: input.receiptRef,
    meta: input.meta,
  });
}

export function refundAmount(amountCents: number | undefined): number | undefined {
  return amountCents === undefined ? undefined : positiveCents(amountCents, 'A refund amount');
}

/**
 * A line quantity as the wire takes it: a finite number (JSON has no NaN or Infinity: they would
 * go out as `null`), never `-0`. Weighed goods have fractional quantities, so a fraction passes.
 */
function finiteQuantity(quantity: number, name: string): number {
  if (typeof quantity !== 'number' || !Number.isFinite(quantity)) {
    throw new OmneoInputError(`The quantity of "${name}" must be a finite number, got ${String(quantity)}.`);
  }
  return quantity === 0 ? 0 : quantity;
}

export function transactionBody(input: TransactionInput): Record<string, unknown> {
  if (!Array.isArray(input.items) || input.items.length === 0) throw new OmneoInputError('A transaction needs at least one item.');
  return defined({
    external_id: input.externalId,
    total: centsToDollars(input.totalCents),
    total_original: input.totalOriginalCents === undefined ? undefined : centsToDollars(input.totalOriginalCents),
    transacted_at: input.transactedAt,
    timezone: input.timezone,
    profile_id: input.profileId,
    receipt_ref: input.receiptRef,
    location_id: input.locationId,
    staff_id: input.staffId,
    redemption_id: input.redemptionId,
    payments: input.payments,
    meta: input.meta,
    items: input.items.map((item) =>
      defined({
        name: item.name,
        quantity: finiteQuantity(item.quantity, item.name),
        price_original: item.priceOriginalCents === undefined ? undefined : centsToDollars(item.priceOriginalCents),
        price_current: centsToDollars(item.priceCurrentCents),
        price_sell: centsToDollars(item.priceSellCents),
        sku: item.sku,
        external_id: item.externalId,
        discounts: item.discounts?.map((d) => ({ amount: centsToDollars(d.amountCents), reason_desc: d.reason })),
        meta: item.meta,
      }),
    ),
  });
}

export function staffBody(input: Partial<StaffInput>): Record<string, unknown> {
  return defined({
    first_name: input.firstName,
    last_name: input.lastName,
    email: input.email,
    staff_id: input.staffNumber,
    joined_at: input.joinedAt,
  });
}
