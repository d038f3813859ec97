/**
 * Settling a held redemption: reverse it while Omneo still allows (10 minutes from its
 * creation, less a safety margin), refund it after. Shared by the live flow and by recovery
 * after a reload, so both follow the same rules.
 *
 * Nothing here repeats a write blindly. When a reversal or refund fails in a way that leaves
 * its outcome unknown, or Omneo refuses it, the sale's redemptions are read back first: a
 * reversal or return that already happened is adopted, never done twice.
 */
import {
  isOutcomeUnknown,
  OmneoError,
  type OmneoClient,
  type Redemption,
} from '../client/index.js';
import type { JournalEntry, RedemptionJournal } from './journal.js';

/** Omneo allows a reversal for this long after a redemption is created. */
export const REVERSAL_WINDOW_MS = 10 * 60_000;
/** The kit stops trying to reverse this long before the window closes. */
export const DEFAULT_SAFETY_MARGIN_MS = 60_000;

/** How a redemption ended. */
export type SettleOutcomeKind = 'recorded' | 'reversed' | 'refunded';

export interface SettleOutcome {
  outcome: SettleOutcomeKind;
  /** The redemption that was settled. */
  redemptionId: number;
  saleId: string;
  /** Why this outcome and not another, in words a supervisor can read. */
  reason: string;
  /** Cents given back (reversed or refunded), 0 when recorded. */
  returnedCents: number;
}

export interface SettleContext {
  client: OmneoClient;
  journal: RedemptionJournal;
  /** The flow's clock: epoch ms. */
  now: () => number;
  safetyMarginMs: number;
}

/** The last moment (by the flow's clock) at which the kit will still try a reversal. */
export function reversalDeadline(entry: Pick<JournalEntry, 'receivedAt'>, safetyMarginMs: number): number | null {
  return entry.receivedAt === undefined ? null : entry.receivedAt + REVERSAL_WINDOW_MS - safetyMarginMs;
}

/** Whether a redemption found by sale id is the one this journal entry asked for. */
export function matchesIntent(entry: Pick<JournalEntry, 'amountCents' | 'benefitId'>, r: Redemption): boolean {
  if (r.type !== 'redeem') return false;
  const benefitItems = r.items.filter((i) => i.type === 'benefit');
  if (entry.benefitId !== undefined) return benefitItems.some((i) => i.id === entry.benefitId);
  return benefitItems.length === 0 && r.totalCents === entry.amountCents;
}

/**
 * What happened to each redemption of a sale: reversed, and how much was returned. Omneo links
 * an undo to its redemption by `redemption_id` where it sends one. Where it does not, an undo
 * is paired with the latest redemption made before it (with the same total, for a reversal)
 * that nothing else undid: a sale redeemed, reversed and redeemed again keeps its second
 * redemption live.
 */
function settlements(all: readonly Redemption[]): Map<number, { reversed: boolean; returnedCents: number }> {
  const redeems = all.filter((r) => r.type === 'redeem').sort((a, b) => a.createdAtMs - b.createdAtMs || a.id - b.id);
  const state = new Map(redeems.map((r) => [r.id, { reversed: false, returnedCents: 0 }]));
  const undos = all.filter((r) => r.type !== 'redeem').sort((a, b) => a.createdAtMs - b.createdAtMs || a.id - b.id);
  for (const undo of undos) {
    let target = undo.undoesRedemptionId !== null ? state.get(undo.undoesRedemptionId) : undefined;
    if (undo.undoesRedemptionId === null) {
      const candidate = redeems
        .filter((r) => (r.createdAtMs < undo.createdAtMs || (r.createdAtMs === undo.createdAtMs && r.id < undo.id)) && !state.get(r.id)!.reversed)
        .filter((r) => (undo.type === 'reversal' ? r.totalCents === undo.totalCents : state.get(r.id)!.returnedCents < r.totalCents))
        .at(-1);
      target = candidate ? state.get(candidate.id) : undefined;
    }
    if (!target) continue;
    if (undo.type === 'reversal') target.reversed = true;
    else target.returnedCents += undo.totalCents;
  }
  return state;
}

/** What Omneo's list for a sale says happened to one redemption since it was made. */
function settlementOf(all: readonly Redemption[], target: { id: number }) {
  return settlements(all).get(target.id) ?? { reversed: false, returnedCents: 0 };
}

/**
 * The redemption this entry asked for, found by sale id, if Omneo made it and it has not been
 * undone since (a till that reversed a sale's first redemption may redeem for it again).
 */
export async function findLiveRedemption(client: OmneoClient, entry: JournalEntry): Promise<Redemption | null> {
  const all = await client.redemptions.findBySaleId(entry.profileId, entry.sale.id);
  const live = all.filter((r) => {
    if (!matchesIntent(entry, r)) return false;
    const { reversed, returnedCents } = settlementOf(all, r);
    return !reversed && returnedCents < r.totalCents;
  });
  return live[0] ?? null;
}

/** What Omneo shows happened to the entry's redemption since: reversed, and how much was returned. */
export async function inspectSettlement(client: OmneoClient, entry: JournalEntry) {
  const all = await client.redemptions.findBySaleId(entry.profileId, entry.sale.id);
  const target = entry.redemption;
  return target ? settlementOf(all, target) : { reversed: false, returnedCents: 0 };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** 422 (or another plain 4xx): Omneo read the request and said no. 401/404 are not a refusal. */
function isRefusal(error: unknown): boolean {
  return error instanceof OmneoError && (error.code === 'validation' || error.code === 'http');
}

/** The whole redemption given back, reversed or refunded, and why. */
function givenBack(outcome: 'reversed' | 'refunded', entry: JournalEntry, reason: string): SettleOutcome {
  const redemption = entry.redemption!;
  return { outcome, redemptionId: redemption.id, saleId: entry.sale.id, reason, returnedCents: redemption.totalCents };
}

async function refundHeld(ctx: SettleContext, entry: JournalEntry, why: string): Promise<SettleOutcome> {
  const redemption = entry.redemption!;
  await ctx.journal.put({ ...entry, stage: 'settling', settleAction: 'refund', updatedAt: ctx.now() });
  try {
    if (entry.benefitId !== undefined) await ctx.client.redemptions.refundBenefit(entry.profileId, redemption.id);
    else await ctx.client.redemptions.refund(entry.profileId, redemption.id);
  } catch (error) {
    if (!isOutcomeUnknown(error) && !isRefusal(error)) throw error;
    // Lost, or refused (perhaps as already refunded or reversed): look at what Omneo holds.
    const seen = await inspectSettlement(ctx.client, entry);
    if (seen.reversed) return givenBack('reversed', entry, `${why} It had been reversed already.`);
    if (seen.returnedCents < redemption.totalCents) throw error;
  }
  return givenBack('refunded', entry, why);
}

/**
 * Reverses or refunds a held redemption, and removes it from the journal once Omneo confirms.
 * Throws (leaving the journal entry in place for a later try) when neither can be confirmed.
 */
export async function settleHeld(ctx: SettleContext, entry: JournalEntry, cause: string): Promise<SettleOutcome> {
  const redemption = entry.redemption;
  if (!redemption) throw new Error(`Sale ${entry.sale.id}: there is no redemption to settle.`);
  const deadline = reversalDeadline(entry, ctx.safetyMarginMs);
  const inWindow = deadline !== null && ctx.now() < deadline;
  let outcome: SettleOutcome | undefined;
  if (entry.settleAction) {
    // A reversal or refund was started before (its answer lost, or the till reloaded): adopt
    // whatever Omneo shows happened, so nothing is undone twice.
    const seen = await inspectSettlement(ctx.client, entry);
    if (seen.reversed) outcome = givenBack('reversed', entry, `${cause} The reversal had already been made.`);
    else if (seen.returnedCents >= redemption.totalCents) outcome = givenBack('refunded', entry, `${cause} The refund had already been made.`);
    if (outcome) {
      await ctx.journal.remove(entry.key);
      return outcome;
    }
  }
  if (entry.settleAction === 'refund' || !inWindow) {
    const why = entry.settleAction === 'refund'
      ? `${cause} A refund had been started; it was completed.`
      : `${cause} The 10-minute reversal window had passed, so the redemption was refunded as a new reward.`;
    outcome = await refundHeld(ctx, entry, why);
  } else {
    await ctx.journal.put({ ...entry, stage: 'settling', settleAction: 'reverse', updatedAt: ctx.now() });
    const reversed = givenBack('reversed', entry, `${cause} The redemption was reversed within the 10-minute window.`);
    try {
      await ctx.client.redemptions.reverse(entry.profileId, redemption.id);
      outcome = reversed;
    } catch (error) {
      const refused = isRefusal(error);
      if (!refused && !isOutcomeUnknown(error)) throw error;
      // Omneo refused, or the answer was lost: did a reversal happen after all?
      if ((await inspectSettlement(ctx.client, entry)).reversed) outcome = reversed;
      else if (!refused) throw error;
      else {
        const why = `${cause} Omneo refused the reversal (${describe(error)}), so the redemption was refunded instead.`;
        outcome = await refundHeld(ctx, { ...entry, settleAction: 'refund' }, why);
      }
    }
  }
  await ctx.journal.remove(entry.key);
  return outcome;
}
