/**
 * Settling what a crash or a reload left behind in the journal. Each entry is leased first, so
 * running recovery twice, or in two tabs at once, settles each redemption exactly once.
 */
import type { OmneoClient, TransactionInput } from '../client/index.js';
import { allocateReward } from './allocation.js';
import { claimIntent, defaultOwner, releaseIntent } from './intents.js';
import type { CorruptEntry, JournalEntry, RedemptionJournal } from './journal.js';
import { buildTransaction, eligibleTotalCents, type CompleteInput } from './sale.js';
import { OmneoError } from '../client/index.js';
import { checkWatches, type WatchReport } from './watch.js';
import { AllocationError } from './errors.js';
import {
  DEFAULT_SAFETY_MARGIN_MS,
  findLiveRedemption,
  inspectSettlement,
  redeemedCents,
  RETURN_DOUBT_MS,
  settleHeld,
  watchOf,
  withStrays,
  type SettleContext,
  type SettleOutcome,
} from './settle.js';

/** What recovery did with one journal entry. */
export type RecoveryReport =
  | (SettleOutcome & { status: 'settled'; entry: JournalEntry })
  | { status: 'nothing'; entry: JournalEntry; reason: string }
  | { status: 'skipped'; entry: JournalEntry; reason: string }
  | { status: 'failed'; entry: JournalEntry; error: Error }
  /** It can never be settled: moved to the quarantine with `reason` (see `RedemptionJournal.quarantined`). */
  | { status: 'quarantined'; entry: JournalEntry; reason: string };

export interface RecoverOptions {
  client: OmneoClient;
  journal: RedemptionJournal;
  /**
   * Asked for each held redemption: answer the payment details when the host knows the sale
   * went through (the redemption is then recorded), or `false` to have it reversed or refunded.
   */
  claim?: (entry: JournalEntry) => CompleteInput | false | Promise<CompleteInput | false>;
  now?: () => number;
  safetyMarginMs?: number;
  owner?: string;
  /** How long a lease holds off other tabs. Default 60 s. */
  leaseMs?: number;
}

export interface RecoveryResult {
  reports: RecoveryReport[];
  /** What the watches on recently settled sales found: late landings undone, or a failed look. */
  watched: WatchReport[];
  /** Entries that could not be read: moved aside, never dropped. */
  corrupt: CorruptEntry[];
}

/**
 * A return whose answer was never seen: Omneo's list of the sale says whether it landed. Either
 * way the entry is done; the report says which, so a return that never landed is refunded again
 * by the host, knowingly.
 */
async function resolveReturn(options: RecoverOptions, entry: JournalEntry, now: number): Promise<RecoveryReport> {
  const { cents, before } = entry.refund ?? { cents: 0, before: 0 };
  const seen = await inspectSettlement(options.client, entry);
  if (seen.returnedCents >= before + cents) {
    await options.journal.remove(entry.key);
    return {
      status: 'settled',
      entry,
      outcome: 'refunded',
      redemptionId: entry.redemption!.id,
      saleId: entry.sale.id,
      reason: 'A return had been sent before the till stopped: Omneo made it.',
      returnedCents: cents,
    };
  }
  if (now - entry.updatedAt < RETURN_DOUBT_MS) {
    // Too soon to say it never landed: keep it for the next run rather than invite a second return.
    return { status: 'skipped', entry, reason: 'A return was sent moments ago and does not show yet: it is checked again on the next run.' };
  }
  await options.journal.remove(entry.key);
  return { status: 'nothing', entry, reason: 'A return had been sent before the till stopped, but it never reached Omneo: refund the returned items again.' };
}

async function recordPaid(ctx: SettleContext, entry: JournalEntry, reason: string): Promise<RecoveryReport> {
  await ctx.client.transactions.upsert(entry.transaction!);
  await ctx.journal.remove(entry.key);
  const outcome = await withStrays(ctx, entry, entry.redemption!.id, {
    outcome: 'recorded',
    redemptionId: entry.redemption!.id,
    saleId: entry.sale.id,
    reason,
    returnedCents: 0,
  });
  return { status: 'settled', entry, ...outcome };
}

/**
 * Whether recovery can never settle this entry, however often it tries: the rules refuse its sale
 * (an allocation or input error), or Omneo does not know the redemption. A network fault, a
 * timeout or a 5xx is worth another run; these are not.
 */
function cannotSettle(error: unknown): boolean {
  if (error instanceof AllocationError) return true;
  // 422: Omneo read the request and refuses it (a transaction it will not take, a refund of what
  // is gone); sending it again changes nothing. Network faults, timeouts and 5xx are retried.
  return error instanceof OmneoError && (error.code === 'not_found' || error.code === 'invalid_input' || error.code === 'validation');
}

/** What one recovery run shares across the entries of a sale. */
interface RecoveryRun {
  entries: readonly JournalEntry[];
  /** The host's answer for each sale, asked once per sale. */
  claims: Map<string, Promise<CompleteInput | false>>;
  /** The one transaction each claimed sale is recorded with. */
  transactions: Map<string, TransactionInput>;
}

/**
 * The transaction for a claimed sale: every redemption of the sale in the journal contributes
 * its shares, and the rewards redemption is linked, as `completeSale` would have done.
 */
function saleTransaction(run: RecoveryRun, entry: JournalEntry, claimed: CompleteInput, now: number): TransactionInput {
  const siblings = run.entries.filter((e) => e.sale.id === entry.sale.id && e.profileId === entry.profileId);
  const rewards = [entry, ...siblings].find((e) => e.benefitId === undefined && e.redemption)?.redemption;
  return buildTransaction({
    ...claimed,
    sale: entry.sale,
    profileId: entry.profileId,
    allocations: siblings.map((e) => (e.key === entry.key ? entry.allocation : e.allocation) ?? []),
    ...(rewards ? { redemptionId: rewards.id } : {}),
    now,
  });
}

async function recoverOne(options: RecoverOptions, entry: JournalEntry, now: () => number, run: RecoveryRun): Promise<RecoveryReport> {
  const { client, journal } = options;
  let current = entry;
  if (current.stage === 'redeeming') {
    // The answer to the redeem request was never seen: did Omneo make the redemption?
    const found = await findLiveRedemption(client, current);
    if (!found) {
      await journal.remove(current.key);
      // Not there now; it may still land. The intent stays watched, so a late one is undone.
      await journal.watch(watchOf(current, null, new Map(), now()));
      return { status: 'nothing', entry: current, reason: 'The redemption request never reached Omneo: nothing to settle.' };
    }
    const totalCents = redeemedCents(found) ?? current.amountCents ?? 0;
    const createdAtMs = found.createdAtMs ?? current.updatedAt;
    const share = current.benefitKind === 'apply' ? 0 : Math.max(0, Math.min(totalCents, eligibleTotalCents(current.sale.lines)));
    current = {
      ...current,
      stage: 'held',
      redemption: { id: found.id, totalCents, createdAt: found.createdAt ?? new Date(createdAtMs).toISOString(), createdAtMs },
      allocation: allocateReward(share, current.sale.lines),
      // Its answer never arrived: count the window from Omneo's own creation time, by the
      // latest local time we can vouch for (the entry's last write), to stay on the safe side.
      receivedAt: Math.min(current.updatedAt, now()),
    };
    await journal.put(current);
  }
  if (current.stage === 'returning') return resolveReturn(options, current, now());
  const ctx: SettleContext = { client, journal, now, safetyMarginMs: options.safetyMarginMs ?? DEFAULT_SAFETY_MARGIN_MS };
  if (current.stage === 'paid') return recordPaid(ctx, current, 'Payment had been taken: the sale was recorded.');
  if (current.stage === 'held' && options.claim) {
    const ask = options.claim;
    const held = current;
    let claim = run.claims.get(held.sale.id);
    if (!claim) run.claims.set(held.sale.id, (claim = Promise.resolve(ask(held))));
    const claimed = await claim;
    if (claimed) {
      const transaction = run.transactions.get(held.sale.id) ?? saleTransaction(run, held, claimed, now());
      run.transactions.set(held.sale.id, transaction);
      current = { ...current, stage: 'paid', transaction, updatedAt: now() };
      await journal.put(current);
      return recordPaid(ctx, current, 'The host confirmed the sale went through: it was recorded.');
    }
  }
  const outcome = await settleHeld(ctx, current, 'The till stopped before the sale was settled.');
  return { status: 'settled', entry: current, ...outcome };
}

/**
 * Settles every redemption the journal holds: a claimed or paid sale is recorded; the rest
 * are reversed inside the 10-minute window and refunded after it. Each outcome is reported.
 * An entry that fails stays in the journal for the next run.
 */
export async function recoverRedemptions(options: RecoverOptions): Promise<RecoveryResult> {
  const { journal } = options;
  const now = options.now ?? Date.now;
  const owner = options.owner ?? defaultOwner();
  const { entries, corrupt } = await journal.list();
  const reports: RecoveryReport[] = [];
  const holder = {};
  const run: RecoveryRun = { entries, claims: new Map(), transactions: new Map() };
  for (const listed of entries) {
    if (!claimIntent(journal.prefix, listed.key, holder)) {
      reports.push({ status: 'skipped', entry: listed, reason: 'A panel on this page is working on it.' });
      continue;
    }
    try {
      const leased = await journal.lease(listed.key, owner, now(), options.leaseMs);
      if (!leased) {
        reports.push({ status: 'skipped', entry: listed, reason: 'Another tab is settling it, or it is gone.' });
        continue;
      }
      reports.push(await recoverOne(options, leased, now, run));
    } catch (error) {
      if (cannotSettle(error)) {
        // Moved aside with the reason and reported once, never retried on every run.
        const reason = error instanceof Error ? error.message : String(error);
        corrupt.push(await journal.quarantine(listed.key, reason));
        reports.push({ status: 'quarantined', entry: listed, reason });
      } else {
        reports.push({ status: 'failed', entry: listed, error: error as Error });
      }
    } finally {
      releaseIntent(journal.prefix, listed.key, holder);
    }
  }
  const ctx: SettleContext = { client: options.client, journal, now, safetyMarginMs: options.safetyMarginMs ?? DEFAULT_SAFETY_MARGIN_MS };
  const watched = (await checkWatches(ctx, owner)).filter((w) => w.strays.length > 0 || w.error);
  return { reports, corrupt, watched };
}
