/**
 * The details of the panel's `omneo-redemption-created` and `omneo-redemption-settled` events,
 * built from what the flows report. Money is integer cents throughout.
 */
import type { Benefit, Transaction } from '../../client/index.js';
import { buildTransaction, type CompleteInput, type Sale } from '../../rules/index.js';
import type { AppliedBenefit, OmneoRedemptionCreatedDetail, OmneoRedemptionSettledDetail, SettledRedemption } from '../events.js';
import type { RedemptionPanelMessages } from '../i18n.js';
import { combineAllocations } from './allocation-preview.js';
import type { RedemptionController, SettleResult } from './redemption-controller.js';

/** Every redemption held for `sale`, their allocation, and the transaction that will record it once paid. */
export function createdDetail(
  controller: RedemptionController,
  sale: Sale,
  profileId: string,
  defaults: Omit<CompleteInput, 'payments' | 'receiptRef' | 'transactedAt'>,
  now: number,
): OmneoRedemptionCreatedDetail {
  const redemptions = controller.redemptions;
  const allocations = controller.allocations;
  const rewards = controller.parts[0]?.benefit === null ? redemptions[0] : undefined;
  const transaction = buildTransaction({
    ...defaults,
    sale,
    profileId,
    allocations,
    ...(rewards ? { redemptionId: rewards.id } : {}),
    now,
  });
  // Benefits with no money share: the host applies them at the till by their POS code.
  const applyAtTill: AppliedBenefit[] = controller.parts.flatMap(({ benefit, flow }) =>
    benefit?.kind === 'apply' && flow.current.redemption ? [appliedBenefit(benefit, flow.current.redemption)] : [],
  );
  return { redemption: redemptions[0]!, redemptions, allocation: combineAllocations(sale.lines, allocations), transaction, applyAtTill };
}

function appliedBenefit(benefit: Benefit, redemption: AppliedBenefit['redemption']): AppliedBenefit {
  return { benefit, redemption, posCode: benefit.posCode, storeInstructions: benefit.storeInstructions };
}

/** What a completed sale settled: every redemption, recorded. */
export function recordedResult(controller: RedemptionController): SettleResult {
  const settled: SettledRedemption[] = controller.parts.flatMap(({ flow }) => {
    const { redemption, outcome } = flow.current;
    return redemption && outcome ? [{ redemption, outcome: 'recorded' as const, reason: outcome.reason, returnedCents: 0 }] : [];
  });
  return { settled, error: null };
}

/**
 * The settled event's detail, or `null` when nothing settled. When the redemptions of a sale
 * ended differently (one reversed, one refunded), the outcome is `refunded`: something was
 * given back as new rewards, and `redemptions` says which.
 */
export function settledDetail(
  result: SettleResult,
  m: RedemptionPanelMessages,
  money: (cents: number) => string,
  /** A return of items of the recorded sale. */
  forReturn: boolean,
  transaction?: Transaction,
): OmneoRedemptionSettledDetail | null {
  const [first] = result.settled;
  if (!first) return null;
  const kinds = new Set(result.settled.map((s) => s.outcome));
  const outcome = kinds.size === 1 ? first.outcome : 'refunded';
  const returnedCents = result.settled.reduce((sum, s) => sum + s.returnedCents, 0);
  // The cashier's words, from the catalogue: a return given back after the sale was recorded is `returned`.
  const said = outcome === 'recorded' ? m.recorded : forReturn ? m.returned(money(returnedCents)) : m[outcome];
  const strays = result.settled.some((s) => s.strays && s.strays.length > 0);
  return {
    outcome,
    message: strays ? `${said} ${m.strayGivenBack}` : said,
    redemption: first.redemption,
    ...(transaction ? { transaction } : {}),
    reason: first.reason,
    returnedCents,
    redemptions: result.settled,
  };
}
