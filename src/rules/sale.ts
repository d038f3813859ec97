/**
 * The POS sale as the kit sees it, and the transaction Omneo records for it. The transaction
 * is built from the sale and the allocation, never typed in twice: `total_original` is the
 * sale total, `total` what was paid, each item carries its reward share as a discount and
 * `redemption_id` links the redemption.
 */
import type { TransactionInput } from '../client/index.js';
import type { AllocatedLine } from './allocation.js';
import { AllocationError } from './errors.js';

/** One line of the POS sale. */
export interface SaleLine {
  /** Unique within the sale (the POS's line id). */
  id: string;
  name: string;
  quantity: number;
  /** The line total after the POS's own discounts, in integer cents (negative for an item coming back). */
  amountCents: number;
  /** `false` for lines a reward may not pay for (a gift card, say). */
  eligible?: boolean;
  sku?: string;
}

/** The sale a redemption belongs to. */
export interface Sale {
  /** The POS sale id: sent as `transaction_external_id` and `external_id`. Unique per sale. */
  id: string;
  /** ISO 4217 code, e.g. `AUD`. */
  currency: string;
  lines: SaleLine[];
}

/** What the host knows once payment went through. */
export interface CompleteInput {
  /** Payment method names, e.g. `['card']`. */
  payments?: string[];
  /** The staff number of whoever ran the sale. */
  staffId?: string;
  locationId?: number;
  /** IANA zone of the store, e.g. `Australia/Melbourne`. */
  timezone: string;
  receiptRef?: string;
  /** When the sale was paid: epoch ms, or local `YYYY-MM-DD HH:mm:ss` in `timezone`. Default now. */
  transactedAt?: number | string;
}

/** The sum of the sale's lines, in cents. */
export function saleTotalCents(lines: readonly Pick<SaleLine, 'amountCents'>[]): number {
  return lines.reduce((sum, line) => sum + line.amountCents, 0);
}

/** The total of the lines a reward may pay for (positive, eligible lines), in cents. */
export function eligibleTotalCents(lines: readonly Pick<SaleLine, 'amountCents' | 'eligible'>[]): number {
  return lines.reduce((sum, line) => (line.eligible !== false && line.amountCents > 0 ? sum + line.amountCents : sum), 0);
}

/** Omneo's local date-time text, `YYYY-MM-DD HH:mm:ss`, for an instant in a time zone. */
export function formatLocalDateTime(epochMs: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(epochMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

export interface BuildTransactionInput extends CompleteInput {
  sale: Sale;
  profileId: string;
  /** The allocation of every redemption in the sale, line by line (shares are added up). */
  allocations: readonly (readonly AllocatedLine[])[];
  /** The rewards redemption to link, if any. */
  redemptionId?: number;
  /** Wording of the discount on each line. Default `Omneo reward`. */
  discountReason?: string;
  /** Used when `transactedAt` is not given. */
  now?: number;
}

/**
 * The transaction to record for a completed sale. Item prices are line totals: `price_current`
 * is the line before the reward, `price_sell` after it, and the difference is the line's
 * discount, so the items add up to `total` exactly.
 */
export function buildTransaction(input: BuildTransactionInput): TransactionInput {
  const { sale, allocations } = input;
  const shareByLine = new Map<string, number>();
  for (const allocation of allocations) {
    for (const line of allocation) shareByLine.set(line.id, (shareByLine.get(line.id) ?? 0) + line.shareCents);
  }
  const totalOriginalCents = saleTotalCents(sale.lines);
  let discountCents = 0;
  const items = sale.lines.map((line) => {
    const share = shareByLine.get(line.id) ?? 0;
    // Never send a negative price: several redemptions may not take more than a line costs.
    if (share > Math.max(line.amountCents, 0)) {
      throw new AllocationError(
        'share_exceeds_line',
        `The redemptions take ${share} cents from line "${line.id}", which costs ${line.amountCents}.`,
        line.id,
      );
    }
    discountCents += share;
    return {
      name: line.name,
      quantity: line.quantity,
      priceCurrentCents: line.amountCents,
      priceSellCents: line.amountCents - share,
      externalId: line.id,
      ...(line.sku ? { sku: line.sku } : {}),
      ...(share > 0 ? { discounts: [{ amountCents: share, reason: input.discountReason ?? 'Omneo reward' }] } : {}),
    };
  });
  const when = input.transactedAt ?? input.now ?? Date.now();
  return {
    externalId: sale.id,
    totalOriginalCents,
    totalCents: totalOriginalCents - discountCents,
    transactedAt: typeof when === 'number' ? formatLocalDateTime(when, input.timezone) : when,
    timezone: input.timezone,
    profileId: input.profileId,
    items,
    ...(input.redemptionId !== undefined ? { redemptionId: input.redemptionId } : {}),
    ...(input.payments ? { payments: input.payments } : {}),
    ...(input.staffId !== undefined ? { staffId: input.staffId } : {}),
    ...(input.locationId !== undefined ? { locationId: input.locationId } : {}),
    ...(input.receiptRef !== undefined ? { receiptRef: input.receiptRef } : {}),
  };
}
