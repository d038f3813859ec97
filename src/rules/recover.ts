/**
 * Settling what a crash or a reload left behind in the journal. Each entry is leased first, so
 * running recovery twice, or in two tabs at once, settles each redemption exactly once.
 */
import type { OmneoClient } from '../client/index.js';
import { claimIntent, defaultOwner, releaseIntent } from './intents.js';
import type { CorruptEntry, JournalEntry, RedemptionJournal } from './journal.js';
import { buildTransaction, type CompleteInput } from './sale.js';
import { DEFAULT_SAFETY_MARGIN_MS, findLiveRedemption, settleHeld, type SettleOutcome } from './settle.js';

/** What recovery did with one journal entry. */
export type RecoveryReport =
  | (SettleOutcome & { status: 'settled'; entry: JournalEntry })
  | { status: 'nothing'; entry: JournalEntry; reason: string }
  | { status: 'skipped'; entry: JournalEntry; reason: string }
  | { status: 'failed'; entry: JournalEntry; error: Error };

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
  /** Entries that could not be read: moved aside, never dropped. */
  corrupt: CorruptEntry[];
}

async function recordPaid(client: OmneoClient, journal: RedemptionJournal, entry: JournalEntry, reason: string) {
  await client.transactions.upsert(entry.transaction!);
  await journal.remove(entry.key);
  const report: RecoveryReport = {
    status: 'settled',
    entry,
    outcome: 'recorded',
    redemptionId: entry.redemption!.id,
    saleId: entry.sale.id,
    reason,
    returnedCents: 0,
  };
  return report;
}

async function recoverOne(options: RecoverOptions, entry: JournalEntry, now: () => number): Promise<RecoveryReport> {
  const { client, journal } = options;
  let current = entry;
  if (current.stage === 'redeeming') {
    // The answer to the redeem request was never seen: did Omneo make the redemption?
    const found = await findLiveRedemption(client, current);
    if (!found) {
      await journal.remove(current.key);
      return { status: 'nothing', entry: current, reason: 'The redemption request never reached Omneo: nothing to settle.' };
    }
    current = {
      ...current,
      stage: 'held',
      redemption: { id: found.id, totalCents: found.totalCents, createdAt: found.createdAt, createdAtMs: found.createdAtMs },
      // Its answer never arrived: count the window from Omneo's own creation time, by the
      // latest local time we can vouch for (the entry's last write), to stay on the safe side.
      receivedAt: Math.min(current.updatedAt, now()),
    };
    await journal.put(current);
  }
  if (current.stage === 'paid') return recordPaid(client, journal, current, 'Payment had been taken: the sale was recorded.');
  if (current.stage === 'held' && options.claim) {
    const claimed = await options.claim(current);
    if (claimed) {
      const transaction = buildTransaction({
        ...claimed,
        sale: current.sale,
        profileId: current.profileId,
        allocations: [current.allocation ?? []],
        ...(current.benefitId === undefined ? { redemptionId: current.redemption!.id } : {}),
        now: now(),
      });
      current = { ...current, stage: 'paid', transaction, updatedAt: now() };
      await journal.put(current);
      return recordPaid(client, journal, current, 'The host confirmed the sale went through: it was recorded.');
    }
  }
  const ctx = { client, journal, now, safetyMarginMs: options.safetyMarginMs ?? DEFAULT_SAFETY_MARGIN_MS };
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
      reports.push(await recoverOne(options, leased, now));
    } catch (error) {
      reports.push({ status: 'failed', entry: listed, error: error as Error });
    } finally {
      releaseIntent(journal.prefix, listed.key, holder);
    }
  }
  return { reports, corrupt };
}
