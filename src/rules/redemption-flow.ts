/**
 * The lifecycle of one redemption, owned by the kit:
 *
 * ```
 * idle -> redeeming -> held -> recording -> completed -> refunding -> completed | refunded
 *                        \-> reversing -> reversed
 *                        \-> refunding -> refunded        (past the reversal window)
 * ```
 *
 * Every transition is reported through one observer. The journal is written before each
 * write goes out, so a reload at any moment leaves enough behind to finish the job.
 */
import {
  isOutcomeUnknown,
  type OmneoClient,
  type Redemption,
  type Transaction,
  type TransactionInput,
} from '../client/index.js';
import { allocateReward, refundForReturn, type AllocatedLine, type ReturnedLine } from './allocation.js';
import { claimIntent, defaultOwner, intentKey, releaseIntent } from './intents.js';
import { completeSale } from './complete-sale.js';
import { RedemptionJournal, type JournalEntry } from './journal.js';
import { buildTransaction, eligibleTotalCents, formatLocalDateTime, type CompleteInput, type Sale } from './sale.js';
import {
  DEFAULT_SAFETY_MARGIN_MS,
  inspectSettlement,
  findLiveRedemption,
  REVERSAL_WINDOW_MS,
  reversalDeadline,
  settleHeld,
  type SettleOutcome,
} from './settle.js';

export type RedemptionState =
  | 'idle'
  | 'redeeming'
  | 'held'
  | 'recording'
  | 'completed'
  | 'reversing'
  | 'reversed'
  | 'refunding'
  | 'refunded';

/** What to redeem: `amountCents` of rewards, or one benefit. */
export interface RedeemInput {
  profileId: string;
  sale: Sale;
  amountCents?: number;
  benefitId?: number;
  locationId?: number;
  receiptRef?: string;
  /** The store's zone, for a benefit's `issued_at`. Default `UTC`. */
  timezone?: string;
}

/** Everything a view needs to show the flow, after each transition. */
export interface FlowSnapshot {
  state: RedemptionState;
  redemption: Redemption | null;
  allocation: AllocatedLine[] | null;
  transaction: Transaction | null;
  outcome: SettleOutcome | null;
  /** The last failure; cleared by the next transition that succeeds. */
  error: Error | null;
  /** Flow-clock ms after which a failed payment means a refund, not a reversal. */
  reversalDeadline: number | null;
  /** Cents refunded for returns so far. */
  refundedCents: number;
}

export type FlowObserver = (snapshot: FlowSnapshot, previous: RedemptionState) => void;

export interface RedemptionFlowOptions {
  client: OmneoClient;
  /** Default: a journal over localStorage. */
  journal?: RedemptionJournal;
  observer?: FlowObserver;
  /** The flow's clock. Default `Date.now`; tests pass the mock tenant's. */
  now?: () => number;
  safetyMarginMs?: number;
  /** Lease owner for the journal. Default: this tab. */
  owner?: string;
}

/** A call the flow cannot take in its current state, or an intent already being redeemed. */
export class RedemptionFlowError extends Error {
  override name = 'RedemptionFlowError';
  constructor(readonly code: 'invalid_state' | 'intent_in_progress' | 'invalid_input', message: string) {
    super(message);
  }
}

export class RedemptionFlow {
  private readonly client: OmneoClient;
  private readonly journal: RedemptionJournal;
  private readonly observer: FlowObserver | undefined;
  private readonly now: () => number;
  private readonly safetyMarginMs: number;
  private readonly owner: string;
  private snapshot: FlowSnapshot = {
    state: 'idle',
    redemption: null,
    allocation: null,
    transaction: null,
    outcome: null,
    error: null,
    reversalDeadline: null,
    refundedCents: 0,
  };
  private entry: JournalEntry | null = null;
  /** The intent this flow claimed on the page, from the first moment of `redeem`. */
  private intent: string | null = null;
  private redeeming: Promise<FlowSnapshot> | null = null;
  private settling: Promise<SettleOutcome> | null = null;
  private returns: ReturnedLine[] = [];
  /** The allocated cents of the items returned so far. */
  private sharesBack = 0;

  constructor(options: RedemptionFlowOptions) {
    this.client = options.client;
    this.journal = options.journal ?? new RedemptionJournal();
    this.observer = options.observer;
    this.now = options.now ?? Date.now;
    this.safetyMarginMs = options.safetyMarginMs ?? DEFAULT_SAFETY_MARGIN_MS;
    this.owner = options.owner ?? defaultOwner();
  }

  get state(): RedemptionState {
    return this.snapshot.state;
  }

  /** The flow as it stands. */
  get current(): FlowSnapshot {
    return this.snapshot;
  }

  /** Flow-clock ms after which `paymentFailed()` refunds instead of reversing. */
  get reversalDeadline(): number | null {
    return this.snapshot.reversalDeadline;
  }

  /**
   * Redeems, once. While a redemption is in flight or held, every further call returns the
   * same promise: a double click, a held Enter key or a retry by the host is one redemption.
   */
  redeem(input: RedeemInput): Promise<FlowSnapshot> {
    if (this.redeeming) return this.redeeming;
    if (this.snapshot.state !== 'idle') {
      return Promise.reject(new RedemptionFlowError('invalid_state', `Cannot redeem in state ${this.snapshot.state}.`));
    }
    this.redeeming = this.runRedeem(input).catch((error: unknown) => {
      this.redeeming = null;
      throw error;
    });
    return this.redeeming;
  }

  /** Records the sale once payment went through. Safe to call again after a failure. */
  complete(input: CompleteInput): Promise<Transaction> {
    return completeSale([this], input);
  }

  /**
   * The transaction this flow's sale would be recorded with, given every flow of the sale: the
   * one it journaled when paid, else one built from the sale and all their allocations.
   * @internal for {@link completeSale}
   */
  draftTransaction(input: CompleteInput, flows: readonly RedemptionFlow[]): TransactionInput {
    const entry = this.requirePayable();
    if (entry.transaction) return entry.transaction;
    const rewards = flows.find((f) => f.entry?.benefitId === undefined)?.entry?.redemption;
    return buildTransaction({
      ...input,
      sale: entry.sale,
      profileId: entry.profileId,
      allocations: flows.map((f) => f.entry?.allocation ?? []),
      ...(rewards ? { redemptionId: rewards.id } : {}),
      now: this.now(),
    });
  }

  /**
   * Journals that payment was taken, with the transaction to record: from here on the
   * redemption is the customer's, recorded (now or by recovery), never reversed.
   * @internal for {@link completeSale}
   */
  async markPaid(transaction: TransactionInput): Promise<void> {
    const entry = this.requirePayable();
    if (this.snapshot.state === 'completed') return;
    if (this.settling) throw new RedemptionFlowError('invalid_state', 'The redemption is being reversed or refunded.');
    // Leave `held` at once, before any await: from this moment a reversal is refused.
    this.transition({ state: 'recording', error: null });
    await this.assertLease(entry);
    this.entry = { ...entry, stage: 'paid', transaction, updatedAt: this.now() };
    await this.journal.put(this.entry);
  }

  /** @internal for {@link completeSale} */
  async markRecorded(recorded: Transaction): Promise<void> {
    const entry = this.entry!;
    if (this.snapshot.state === 'completed') return;
    await this.journal.remove(entry.key);
    this.release();
    this.transition({
      state: 'completed',
      transaction: recorded,
      outcome: {
        outcome: 'recorded',
        redemptionId: entry.redemption!.id,
        saleId: entry.sale.id,
        reason: 'The sale was paid and recorded with its redemption.',
        returnedCents: 0,
      },
    });
  }

  /** @internal for {@link completeSale} */
  recordingFailed(error: Error): void {
    if (this.snapshot.state === 'recording') this.transition({ state: 'recording', error });
  }

  /** @internal for {@link completeSale} */
  get recordingClient(): OmneoClient {
    return this.client;
  }

  private requirePayable(): JournalEntry {
    const { state } = this.snapshot;
    if (state !== 'held' && state !== 'recording' && state !== 'completed') {
      throw new RedemptionFlowError('invalid_state', `Cannot complete in state ${state}.`);
    }
    return this.entry!;
  }

  /** Payment failed: reverse within the window, refund after. */
  paymentFailed(): Promise<SettleOutcome> {
    return this.settle('The payment failed.');
  }

  /** The sale was abandoned: reverse within the window, refund after. */
  abandon(): Promise<SettleOutcome> {
    return this.settle('The sale was abandoned.');
  }

  /**
   * Lets go of the sale on this page (the panel went away, the page is unloading). What is
   * held stays in the journal, for `recoverRedemptions` to settle.
   */
  dispose(): void {
    this.release();
  }

  /**
   * Takes the sale back on this page after `dispose()` (a panel put back in the DOM), unless
   * something else on the page has taken it meanwhile. Answers whether the flow holds it.
   */
  resume(): boolean {
    if (!this.intent || this.state === 'idle' || this.state === 'reversed' || this.state === 'refunded') return false;
    return claimIntent(this.journal.prefix, this.intent, this);
  }

  /** Gives back exactly the returned lines' share of a completed sale's redemption. */
  async refund({ returned }: { returned: ReturnedLine[] }): Promise<{ refundCents: number }> {
    if (this.snapshot.state !== 'completed') {
      throw new RedemptionFlowError('invalid_state', `Cannot refund a return in state ${this.snapshot.state}.`);
    }
    const redemption = this.snapshot.redemption!;
    const allocation = this.snapshot.allocation ?? [];
    const share = refundForReturn(allocation, returned, this.returns).totalCents;
    const isBenefit = this.entry?.benefitId !== undefined;
    // A benefit (a free coffee, a voucher) comes back whole or not at all: only once every item
    // it paid for has come back. Until then the returns are noted and nothing is refunded.
    const allBack = this.sharesBack + share === allocation.reduce((sum, line) => sum + line.shareCents, 0);
    const totalCents = isBenefit ? (allBack ? redemption.totalCents - this.snapshot.refundedCents : 0) : share;
    if (totalCents === 0) {
      this.returns = [...this.returns, ...returned];
      this.sharesBack += share;
      return { refundCents: 0 };
    }
    const before = this.snapshot.refundedCents;
    this.transition({ state: 'refunding', error: null });
    try {
      if (this.entry?.benefitId !== undefined) await this.client.redemptions.refundBenefit(redemption.profileId, redemption.id);
      else await this.client.redemptions.refund(redemption.profileId, redemption.id, totalCents);
    } catch (error) {
      const applied =
        isOutcomeUnknown(error) &&
        (await inspectSettlement(this.client, this.entry!).catch(() => null))?.returnedCents === before + totalCents;
      if (!applied) {
        this.transition({ state: 'completed', error: error as Error });
        throw error;
      }
    }
    this.returns = [...this.returns, ...returned];
    this.sharesBack += share;
    const refundedCents = before + totalCents;
    const all = refundedCents >= redemption.totalCents;
    this.transition({
      state: all ? 'refunded' : 'completed',
      refundedCents,
      outcome: {
        outcome: 'refunded',
        redemptionId: redemption.id,
        saleId: redemption.saleId ?? this.entry!.sale.id,
        reason: all ? 'Every item came back: the whole redemption was refunded.' : 'Returned items: their share was refunded.',
        returnedCents: totalCents,
      },
    });
    return { refundCents: totalCents };
  }

  private async runRedeem(input: RedeemInput): Promise<FlowSnapshot> {
    const { sale, profileId, benefitId } = input;
    if ((input.amountCents === undefined) === (benefitId === undefined)) {
      throw new RedemptionFlowError('invalid_input', 'Give either amountCents or benefitId.');
    }
    // Checks the amount against the sale before anything is written (throws AllocationError).
    if (input.amountCents !== undefined) allocateReward(input.amountCents, sale.lines);
    const key = intentKey(sale.id, benefitId);
    if (!claimIntent(this.journal.prefix, key, this)) {
      throw new RedemptionFlowError('intent_in_progress', `Sale ${sale.id} is already being redeemed on this page.`);
    }
    this.intent = key;
    this.transition({ state: 'redeeming', error: null });
    try {
      const redemption = await this.createOnce(input, key);
      const deadlineStart = this.entry?.receivedAt ?? this.now();
      const eligible = eligibleTotalCents(sale.lines);
      const allocation = allocateReward(Math.min(redemption.totalCents, eligible), sale.lines);
      this.entry = {
        ...this.entry!,
        stage: 'held',
        redemption: { id: redemption.id, totalCents: redemption.totalCents, createdAt: redemption.createdAt, createdAtMs: redemption.createdAtMs },
        receivedAt: deadlineStart,
        allocation,
        lease: { owner: this.owner, until: this.now() + REVERSAL_WINDOW_MS },
        updatedAt: this.now(),
      };
      await this.journal.put(this.entry);
      return this.transition({
        state: 'held',
        redemption,
        allocation,
        reversalDeadline: reversalDeadline(this.entry, this.safetyMarginMs),
      });
    } catch (error) {
      this.release();
      this.transition({ state: 'idle', error: error as Error });
      throw error;
    }
  }

  /** Sends the redeem request at most twice, never without first looking for the first one. */
  private async createOnce(input: RedeemInput, key: string): Promise<Redemption> {
    const existing = await this.journal.get(key);
    if (existing?.lease && existing.lease.owner !== this.owner && existing.lease.until > this.now()) {
      throw new RedemptionFlowError('intent_in_progress', `Sale ${input.sale.id} is being redeemed in another tab.`);
    }
    if (existing && (existing.stage === 'paid' || existing.stage === 'settling')) {
      // Paid, or being reversed: only recovery may finish it, never a new redemption.
      throw new RedemptionFlowError('intent_in_progress', `Sale ${input.sale.id} has a redemption waiting to be settled.`);
    }
    this.entry = existing ?? {
      v: 1,
      key,
      stage: 'redeeming',
      profileId: input.profileId,
      sale: input.sale,
      ...(input.amountCents !== undefined ? { amountCents: input.amountCents } : {}),
      ...(input.benefitId !== undefined ? { benefitId: input.benefitId } : {}),
      lease: { owner: this.owner, until: this.now() + REVERSAL_WINDOW_MS },
      updatedAt: this.now(),
    };
    await this.journal.put(this.entry);
    // A journal entry from an earlier try (a lost answer, a reload) may stand for a redemption
    // Omneo already made: look before posting.
    if (existing) {
      const found = await this.findExisting(this.entry);
      if (found) return found;
      // Nothing was made: this try's amount is the one to post, and to look for if it is lost.
      if (input.amountCents !== undefined && this.entry.amountCents !== input.amountCents) {
        this.entry = { ...this.entry, amountCents: input.amountCents, updatedAt: this.now() };
        await this.journal.put(this.entry);
      }
    }
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        const created = await this.send(input);
        this.entry = { ...this.entry, receivedAt: this.now() };
        return created;
      } catch (error) {
        if (!isOutcomeUnknown(error)) {
          await this.journal.remove(key);
          throw error;
        }
        const found = await this.findExisting(this.entry);
        if (found) return found;
        if (attempt === 1) throw error;
      }
    }
    throw new Error('unreachable');
  }

  private async findExisting(entry: JournalEntry): Promise<Redemption | null> {
    const found = await findLiveRedemption(this.client, entry);
    if (found) this.entry = { ...entry, receivedAt: entry.receivedAt ?? this.now() };
    return found ?? null;
  }

  private send(input: RedeemInput): Promise<Redemption> {
    const { profileId, sale } = input;
    if (input.benefitId !== undefined) {
      const timezone = input.timezone ?? 'UTC';
      return this.client.redemptions.redeemBenefit(profileId, input.benefitId, {
        issuedAt: formatLocalDateTime(this.now(), timezone),
        timezone,
        saleId: sale.id,
      });
    }
    return this.client.redemptions.redeemRewards(profileId, {
      amountCents: input.amountCents!,
      saleId: sale.id,
      ...(input.locationId !== undefined ? { locationId: input.locationId } : {}),
      ...(input.receiptRef !== undefined ? { receiptRef: input.receiptRef } : {}),
    });
  }

  private settle(cause: string): Promise<SettleOutcome> {
    if (this.settling) return this.settling;
    if (this.snapshot.state !== 'held' || this.entry?.stage === 'paid') {
      // Paid (or being recorded): the redemption is the customer's and is never undone.
      return Promise.reject(new RedemptionFlowError('invalid_state', `Cannot reverse or refund in state ${this.snapshot.state}.`));
    }
    const deadline = this.snapshot.reversalDeadline;
    this.transition({ state: deadline !== null && this.now() < deadline ? 'reversing' : 'refunding', error: null });
    const ctx = { client: this.client, journal: this.journal, now: this.now, safetyMarginMs: this.safetyMarginMs };
    const entry = this.entry!;
    this.settling = this.assertLease(entry).then(() => settleHeld(ctx, this.entry!, cause)).then(
      (outcome) => {
        this.settling = null;
        this.release();
        this.transition({ state: outcome.outcome === 'reversed' ? 'reversed' : 'refunded', outcome });
        return outcome;
      },
      async (error: unknown) => {
        this.settling = null;
        // Still held: the journal keeps it (with what was attempted) for a retry or recovery.
        this.entry = (await this.journal.get(this.entry!.key)) ?? this.entry;
        this.transition({ state: 'held', error: error as Error });
        throw error;
      },
    );
    return this.settling;
  }

  /**
   * Confirms this flow still holds its sale's lease (renewing it) before a write that
   * settles it: another tab's recovery may have taken a sale held too long by a dead page.
   */
  private async assertLease(entry: JournalEntry): Promise<void> {
    const leased = await this.journal.lease(entry.key, this.owner, this.now(), REVERSAL_WINDOW_MS);
    if (!leased) {
      throw new RedemptionFlowError('intent_in_progress', `Sale ${entry.sale.id} was taken over by another tab.`);
    }
    this.entry = { ...entry, lease: leased.lease! };
  }

  private release(): void {
    if (this.intent) releaseIntent(this.journal.prefix, this.intent, this);
  }

  private transition(patch: Partial<FlowSnapshot>): FlowSnapshot {
    const previous = this.snapshot.state;
    this.snapshot = { ...this.snapshot, ...patch };
    this.observer?.(this.snapshot, previous);
    return this.snapshot;
  }
}

