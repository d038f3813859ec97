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
import type { JournalEntry, RedemptionJournal, WatchEntry } from './journal.js';

/** Omneo allows a reversal for this long after a redemption is created. */
export const REVERSAL_WINDOW_MS = 10 * 60_000;
/**
 * How long a return whose answer was lost, and which does not show in Omneo's list, is still
 * taken as possibly made: until then it is looked for, never sent again.
 */
export const RETURN_DOUBT_MS = 60_000;

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
  /**
   * Other live redemptions of the same intent that the kit found and undid (a redeem that landed
   * after the kit gave up on it, or another tab's), each reversed or refunded.
   */
  strays?: StrayOutcome[];
}

/** A stray redemption the kit undid while settling. */
export interface StrayOutcome {
  redemptionId: number;
  outcome: 'reversed' | 'refunded';
  returnedCents: number;
  /** The reversal's or return's id, where Omneo's answer said. */
  undoId?: number;
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

/**
 * The cents a redemption moved: its `total`, or, where Omneo sent none (`total: null` is legal),
 * the sum of its items' values; `null` when neither says.
 */
export function redeemedCents(r: Redemption): number | null {
  if (r.totalCents !== null) return r.totalCents;
  const values = r.items.map((i) => i.valueCents).filter((v): v is number => v !== null);
  return values.length > 0 ? values.reduce((a, b) => a + b, 0) : null;
}

/** Omneo's creation time, or the latest time it can be, so a window counted from it stays safe. */
const createdMs = (r: Redemption): number => r.createdAtMs ?? Number.MAX_SAFE_INTEGER;


/**
 * Whether a redemption found by sale id is one this journal entry's intent made: a benefit
 * redemption whose item redeemed that benefit instance (`items[].type_attributes.id`, not the
 * item's own id), or a rewards redemption with no benefit in it. `exact` also asks for the amount
 * the entry asked for (how a lost answer is adopted); without it, any redemption of the intent
 * counts (how a late landing or another tab's redemption is found).
 */
export function matchesIntent(entry: Pick<JournalEntry, 'amountCents' | 'benefitId'>, r: Redemption, exact = true): boolean {
  if (r.type !== 'redeem' && r.type !== null) return false;
  // An item's `type` may be null: then what it points at decides.
  if (entry.benefitId !== undefined) return r.items.some((i) => i.instanceId === entry.benefitId && (i.type === 'benefit' || i.type === null));
  return !r.items.some((i) => i.type === 'benefit') && (!exact || redeemedCents(r) === null || redeemedCents(r) === entry.amountCents);
}

/** What happened to one redemption: reversed, how much returned, and by which undos. */
export interface Settlement {
  reversed: boolean;
  returnedCents: number;
  undoIds: number[];
}

/** Undo id -> the redemption it undid, where the kit knows it (it made the undo). */
export type Links = ReadonlyMap<number, number>;
const NO_LINKS: Links = new Map();

/**
 * What happened to each redemption of a sale: reversed, and how much was returned. Omneo's
 * listed redemptions do not say which redemption an undo undoes: an undo the kit made itself is
 * paired by what it knows (`links`); any other is paired with the latest redemption made before it (with the same total, for a reversal) that nothing else undid:
 * a sale redeemed, reversed and redeemed again keeps its second redemption live.
 */
function settlements(all: readonly Redemption[], links: Links = NO_LINKS, prefer?: number): Map<number, Settlement> {
  const order = (a: Redemption, b: Redemption) => createdMs(a) - createdMs(b) || a.id - b.id;
  const redeems = all.filter((r) => r.type === 'redeem' || r.type === null).sort(order);
  const state = new Map(redeems.map((r): [number, Settlement] => [r.id, { reversed: false, returnedCents: 0, undoIds: [] }]));
  const undos = all.filter((r) => r.type === 'reversal' || r.type === 'return').sort(order);
  /** The redemption an undo the kit did not link most likely undid. */
  const guess = (undo: Redemption): Redemption | undefined => {
    const undone = redeemedCents(undo);
    const candidates = redeems
      .filter((r) => (createdMs(r) < createdMs(undo) || (createdMs(r) === createdMs(undo) && r.id < undo.id)) && !state.get(r.id)!.reversed)
      .filter((r) =>
        undo.type === 'reversal'
          ? undone === null || redeemedCents(r) === null || redeemedCents(r) === undone
          : state.get(r.id)!.returnedCents < (redeemedCents(r) ?? Number.MAX_SAFE_INTEGER),
      );
    // A reversal whose answer was lost is the one the kit asked for when the redemption it is
    // settling could be its target: a stray of the same total, landed just before, must not take it.
    if (undo.type === 'reversal' && prefer !== undefined) {
      const preferred = candidates.find((r) => r.id === prefer);
      if (preferred) return preferred;
    }
    return candidates.at(-1);
  };
  for (const undo of undos) {
    const linked = links.get(undo.id);
    const redemption = linked !== undefined ? redeems.find((r) => r.id === linked) : guess(undo);
    const target = redemption ? state.get(redemption.id) : undefined;
    if (!target) continue;
    target.undoIds.push(undo.id);
    if (undo.type === 'reversal') target.reversed = true;
    else target.returnedCents += Math.abs(redeemedCents(undo) ?? 0);
  }
  return state;
}

/** What Omneo's list for a sale says happened to one redemption since it was made. */
function settlementOf(all: readonly Redemption[], target: { id: number }, links: Links = NO_LINKS, prefer?: number): Settlement {
  return settlements(all, links, prefer).get(target.id) ?? { reversed: false, returnedCents: 0, undoIds: [] };
}

/** Whether a redemption in a sale's list is still live: neither reversed nor wholly returned. */
function isLive(all: readonly Redemption[], r: Redemption, links: Links = NO_LINKS): boolean {
  const { reversed, returnedCents } = settlementOf(all, r, links);
  const total = redeemedCents(r);
  return !reversed && (total === null || total === 0 || returnedCents < total);
}

/**
 * The redemption this entry asked for, found by sale id, if Omneo made it and it has not been
 * undone since (a till that reversed a sale's first redemption may redeem for it again).
 */
export async function findLiveRedemption(client: OmneoClient, entry: JournalEntry): Promise<Redemption | null> {
  const all = await client.redemptions.findBySaleId(entry.profileId, entry.sale.id);
  return all.find((r) => matchesIntent(entry, r) && isLive(all, r)) ?? null;
}

/**
 * The live redemptions of the entry's intent other than `keep`: a redeem that landed after the
 * kit gave up on it, or one another tab made. Nothing the kit settles may leave one behind.
 */
export async function findStrayRedemptions(client: OmneoClient, entry: JournalEntry, keep: number | null, links: Links = NO_LINKS): Promise<Redemption[]> {
  const all = await client.redemptions.findBySaleId(entry.profileId, entry.sale.id);
  return all.filter((r) => r.id !== keep && matchesIntent(entry, r, false) && isLive(all, r, links));
}

/** What Omneo shows happened to the entry's redemption since: reversed, and how much was returned. */
export async function inspectSettlement(client: OmneoClient, entry: JournalEntry) {
  const all = await client.redemptions.findBySaleId(entry.profileId, entry.sale.id);
  const target = entry.redemption;
  return target ? settlementOf(all, target, NO_LINKS, target.id) : { reversed: false, returnedCents: 0, undoIds: [] };
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

async function refundHeld(ctx: SettleContext, entry: JournalEntry, why: string, links: Map<number, number>): Promise<SettleOutcome> {
  const redemption = entry.redemption!;
  await ctx.journal.put({ ...entry, stage: 'settling', settleAction: 'refund', updatedAt: ctx.now() });
  try {
    const call = { saleId: entry.sale.id };
    const made = entry.benefitId !== undefined
      ? await ctx.client.redemptions.refundBenefit(entry.profileId, redemption.id, 1, call)
      : await ctx.client.redemptions.refund(entry.profileId, redemption.id, undefined, call);
    links.set(made.id, redemption.id);
  } catch (error) {
    if (!isOutcomeUnknown(error) && !isRefusal(error)) throw error;
    // Lost, or refused (perhaps as already refunded or reversed): look at what Omneo holds.
    const seen = await inspectSettlement(ctx.client, entry);
    for (const id of seen.undoIds) links.set(id, redemption.id);
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
  // The undos made here, by id: the sale's list does not say which redemption an undo undid.
  const links = new Map<number, number>();
  if (entry.settleAction) {
    // A reversal or refund was started before (its answer lost, or the till reloaded): adopt
    // whatever Omneo shows happened, so nothing is undone twice.
    const seen = await inspectSettlement(ctx.client, entry);
    for (const id of seen.undoIds) links.set(id, redemption.id);
    if (seen.reversed) outcome = givenBack('reversed', entry, `${cause} The reversal had already been made.`);
    else if (seen.returnedCents >= redemption.totalCents) outcome = givenBack('refunded', entry, `${cause} The refund had already been made.`);
    if (outcome) {
      await ctx.journal.remove(entry.key);
      return withStrays(ctx, entry, redemption.id, outcome, links);
    }
  }
  if (entry.settleAction === 'refund' || !inWindow) {
    const why = entry.settleAction === 'refund'
      ? `${cause} A refund had been started; it was completed.`
      : `${cause} The 10-minute reversal window had passed, so the redemption was refunded as a new reward.`;
    outcome = await refundHeld(ctx, entry, why, links);
  } else {
    await ctx.journal.put({ ...entry, stage: 'settling', settleAction: 'reverse', updatedAt: ctx.now() });
    const reversed = givenBack('reversed', entry, `${cause} The redemption was reversed within the 10-minute window.`);
    try {
      const reversal = await ctx.client.redemptions.reverse(entry.profileId, redemption.id, { saleId: entry.sale.id });
      links.set(reversal.id, redemption.id);
      outcome = reversed;
    } catch (error) {
      const refused = isRefusal(error);
      if (!refused && !isOutcomeUnknown(error)) throw error;
      // Omneo refused, or the answer was lost: did a reversal happen after all?
      const seen = await inspectSettlement(ctx.client, entry);
      for (const id of seen.undoIds) links.set(id, redemption.id);
      if (seen.reversed) outcome = reversed;
      else if (!refused) throw error;
      else {
        const why = `${cause} Omneo refused the reversal (${describe(error)}), so the redemption was refunded instead.`;
        outcome = await refundHeld(ctx, { ...entry, settleAction: 'refund' }, why, links);
      }
    }
  }
  await ctx.journal.remove(entry.key);
  return withStrays(ctx, entry, redemption.id, outcome, links);
}

/**
 * Undoes every live redemption of the entry's intent but `keep`: reversed while Omneo's 10-minute
 * window (counted from Omneo's own `created_at`, less the margin) allows, refunded after, or when
 * the reversal is refused. Answers what it undid.
 */
export async function reconcileIntent(ctx: SettleContext, entry: JournalEntry, keep: number | null, links: Links = NO_LINKS): Promise<StrayOutcome[]> {
  const undone: StrayOutcome[] = [];
  for (const stray of await findStrayRedemptions(ctx.client, entry, keep, links)) {
    const cents = redeemedCents(stray) ?? 0;
    const call = { saleId: entry.sale.id };
    const inWindow = stray.createdAtMs !== null && ctx.now() < stray.createdAtMs + REVERSAL_WINDOW_MS - ctx.safetyMarginMs;
    let outcome: 'reversed' | 'refunded' = 'refunded';
    let undo: Redemption | undefined;
    if (inWindow) {
      try {
        undo = await ctx.client.redemptions.reverse(entry.profileId, stray.id, call);
        outcome = 'reversed';
      } catch (error) {
        if (!isRefusal(error)) throw error;
        // Refused: perhaps someone else undid it meanwhile. Never undo it a second time.
        const again = await findStrayRedemptions(ctx.client, entry, keep, links);
        if (!again.some((r) => r.id === stray.id)) continue;
      }
    }
    if (outcome === 'refunded') {
      undo = entry.benefitId !== undefined
        ? await ctx.client.redemptions.refundBenefit(entry.profileId, stray.id, 1, call)
        : await ctx.client.redemptions.refund(entry.profileId, stray.id, undefined, call);
    }
    undone.push({ redemptionId: stray.id, outcome, returnedCents: cents, ...(undo ? { undoId: undo.id } : {}) });
  }
  return undone;
}

/** How long a settled intent is watched for a redeem that lands late. */
export const WATCH_MS = 15 * 60_000;

/** What a settled intent's watch keeps: enough to find and undo a late landing. */
export function watchOf(entry: JournalEntry, keep: number | null, links: Links, now: number): WatchEntry {
  return {
    key: entry.key,
    profileId: entry.profileId,
    saleId: entry.sale.id,
    ...(entry.amountCents !== undefined ? { amountCents: entry.amountCents } : {}),
    ...(entry.benefitId !== undefined ? { benefitId: entry.benefitId } : {}),
    keep,
    links: [...links],
    until: now + WATCH_MS,
  };
}

/** The outcome, with the strays of its intent undone and named; a failure to look is said too. */
export async function withStrays(
  ctx: SettleContext,
  entry: JournalEntry,
  keep: number | null,
  outcome: SettleOutcome,
  links: Links = NO_LINKS,
): Promise<SettleOutcome> {
  // Watched a while: a redeem of this intent may still land after this moment.
  const watched = new Map(links);
  try {
    const strays = await reconcileIntent(ctx, entry, keep, links);
    for (const s of strays) if (s.undoId !== undefined) watched.set(s.undoId, s.redemptionId);
    await ctx.journal.watch(watchOf(entry, keep, watched, ctx.now()));
    return strays.length === 0 ? outcome : { ...outcome, strays, reason: `${outcome.reason} Another redemption of the same sale was found live and undone.` };
  } catch (error) {
    await ctx.journal.watch(watchOf(entry, keep, watched, ctx.now())).catch(() => undefined);
    return { ...outcome, reason: `${outcome.reason} Whether another redemption of this sale is live could not be checked (${describe(error)}): look the sale up before it is closed.` };
  }
}
