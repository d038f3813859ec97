/**
 * Watching settled sales for late landings. A redeem whose answer was lost may still reach Omneo
 * after the kit gave up on it and looked twice: it then makes a second live redemption that no
 * journal entry names. Every settle leaves a watch on its intent (see `withStrays`); whoever looks
 * next — the flow a while after settling, or recovery on the next page load — undoes what landed,
 * until the watch runs out.
 */
import type { WatchEntry } from './journal.js';
import { reconcileIntent, type SettleContext, type StrayOutcome } from './settle.js';
import type { JournalEntry } from './journal.js';

/** What one look at a watch found. */
export interface WatchReport {
  watch: WatchEntry;
  /** Late landings found live and undone. */
  strays: StrayOutcome[];
  /** Set when the look failed; the watch stays for the next one. */
  error?: Error;
}

/** The journal entry a watch stands for, as far as finding its intent's redemptions needs. */
function intentOf(watch: WatchEntry): JournalEntry {
  return {
    v: 1,
    key: watch.key,
    stage: 'held',
    profileId: watch.profileId,
    sale: { id: watch.saleId, currency: '', lines: [] },
    ...(watch.amountCents !== undefined ? { amountCents: watch.amountCents } : {}),
    ...(watch.benefitId !== undefined ? { benefitId: watch.benefitId } : {}),
    updatedAt: 0,
  };
}

/**
 * Looks at one watch (leased first, so two tabs never undo one landing twice): undoes any live
 * redemption of the intent but the one kept, records the undo, and ends the watch once its time
 * is up. Answers null when another tab holds the watch or it is gone.
 */
export async function checkWatch(ctx: SettleContext, key: string, owner: string): Promise<WatchReport | null> {
  // The intent is being redeemed again (a sale reversed, then redeemed anew): its live
  // redemption is that flow's, and its own settle will look for strays.
  if (await ctx.journal.get(key)) return null;
  const watch = await ctx.journal.leaseWatch(key, owner, ctx.now(), 60_000);
  if (!watch) return null;
  try {
    const links = new Map(watch.links);
    const strays = await reconcileIntent(ctx, intentOf(watch), watch.keep, links);
    for (const s of strays) if (s.undoId !== undefined) links.set(s.undoId, s.redemptionId);
    if (ctx.now() >= watch.until) await ctx.journal.unwatch(key);
    else await ctx.journal.watch({ key: watch.key, profileId: watch.profileId, saleId: watch.saleId, ...pick(watch), keep: watch.keep, links: [...links], until: watch.until });
    return { watch, strays };
  } catch (error) {
    return { watch, strays: [], error: error as Error };
  }
}

function pick(watch: WatchEntry): Pick<WatchEntry, 'amountCents' | 'benefitId'> {
  return {
    ...(watch.amountCents !== undefined ? { amountCents: watch.amountCents } : {}),
    ...(watch.benefitId !== undefined ? { benefitId: watch.benefitId } : {}),
  };
}

/** Looks at every watch in the journal; answers what each look found (nothing for a watch another tab holds). */
export async function checkWatches(ctx: SettleContext, owner: string): Promise<WatchReport[]> {
  const reports: WatchReport[] = [];
  for (const watch of await ctx.journal.watches()) {
    const report = await checkWatch(ctx, watch.key, owner);
    if (report) reports.push(report);
  }
  return reports;
}
