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
  type BenefitKind,
  type RedemptionStrategy,
  type OmneoClient,
  type Redemption,
  type Transaction,
  type TransactionInput,
} from '../client/index.js';
import { allocateReward, refundForReturn, type AllocatedLine, type ReturnedLine } from './allocation.js';
import { claimIntent, defaultOwner, intentKey, releaseIntent } from './intents.js';
import { completeSale } from './complete-sale.js';
import { RedemptionJournal, type JournalEntry } from './journal.js';
import { checkWatch } from './watch.js';
import { buildTransaction, eligibleTotalCents, formatLocalDateTime, type CompleteInput, type Sale } from './sale.js';
import {
  DEFAULT_SAFETY_MARGIN_MS,
  inspectSettlement,
  findLiveRedemption,
  redeemedCents,
  RETURN_DOUBT_MS,
  reversalDeadline,
  settleHeld,
  withStrays,
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
  /**
   * What the benefit is worth at the till (`Benefit.kind`): `'money'` (default) is spread over the
   * sale's lines as money off; `'apply'` (a discount, a gift, an event…) takes no money share and
   * is applied at the till by its code.
   */
  benefitKind?: BenefitKind;
  /** Where rewards come from, in order (`['rewards']` by default; `['rewards', 'points']` lets points pay the rest). */
  strategies?: RedemptionStrategy[];
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
  /** How long to wait before the second look for a lost answer. Default 1.5 s. */
  lookupDelayMs?: number;
  /** How often a held sale's lease is renewed while the flow lives. Default 20 s; 0 turns it off. */
  heartbeatMs?: number;
  /** When, after settling, to look again for a redeem that landed late. Default 30 s and 2 min; `[]` for never. */
  recheckAfterMs?: readonly number[];
}

/**
 * How long a lease holds off other tabs where Web Locks cannot tell a live page from a dead one:
 * a live flow renews it on every step and on a heartbeat, so only a page that died loses its sale.
 */
export const LEASE_TTL_MS = 90_000;

/** The journal's record of what Omneo made, with what the answer left out filled in safely. */
function heldRecord(r: Redemption, input: RedeemInput, receivedAt: number): NonNullable<JournalEntry['redemption']> {
  // `total: null` is legal: a rewards redemption moved what was asked; a benefit, its value.
  const totalCents = redeemedCents(r) ?? input.amountCents ?? 0;
  const createdAtMs = r.createdAtMs ?? receivedAt;
  return { id: r.id, totalCents, createdAt: r.createdAt ?? new Date(createdAtMs).toISOString(), createdAtMs };
}

/** The journal key of a return in flight for an intent. */
const returnKey = (key: string) => `${key}#return`;

/** Whether two returns name the same lines and quantities. */
function sameLines(a: readonly ReturnedLine[], b: readonly ReturnedLine[]): boolean {
  const text = (lines: readonly ReturnedLine[]) => JSON.stringify([...lines].map((l) => [l.id, l.quantity ?? null, l.ofQuantity ?? null]).sort());
  return text(a) === text(b);
}

/** The cents of a redemption spread over the sale: none for a benefit applied at the till. */
function moneyShare(totalCents: number, input: Pick<RedeemInput, 'benefitId' | 'benefitKind'>, sale: Sale): number {
  if (input.benefitId !== undefined && input.benefitKind === 'apply') return 0;
  return Math.max(0, Math.min(totalCents, eligibleTotalCents(sale.lines)));
}

/** A call the flow cannot take in its current state, or an intent already being redeemed. */
export class RedemptionFlowError extends Error {
  override name = 'RedemptionFlowError';
  constructor(
    readonly code: 'invalid_state' | 'intent_in_progress' | 'invalid_input' | 'outcome_unknown',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
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
  /** A return whose answer was lost and whose look-up failed: resolved before any other is sent. */
  private pendingReturn: { returned: ReturnedLine[]; share: number; cents: number; before: number; sentAt: number } | null = null;
  private readonly lookupDelayMs: number;
  private readonly heartbeatMs: number;
  private readonly recheckAfterMs: readonly number[];
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  /** The allocated cents of the items returned so far. */
  private sharesBack = 0;

  constructor(options: RedemptionFlowOptions) {
    this.client = options.client;
    this.journal = options.journal ?? new RedemptionJournal();
    this.observer = options.observer;
    this.now = options.now ?? Date.now;
    this.safetyMarginMs = options.safetyMarginMs ?? DEFAULT_SAFETY_MARGIN_MS;
    this.owner = options.owner ?? defaultOwner();
    this.lookupDelayMs = options.lookupDelayMs ?? 1_500;
    this.heartbeatMs = options.heartbeatMs ?? 20_000;
    this.recheckAfterMs = options.recheckAfterMs ?? [30_000, 120_000];
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
    const ctx = { client: this.client, journal: this.journal, now: this.now, safetyMarginMs: this.safetyMarginMs };
    // The recorded redemption is the sale's one live redemption of this intent: any other (a
    // redeem that landed late, another tab's) is undone now and named in the outcome.
    const outcome = await withStrays(ctx, entry, entry.redemption!.id, {
      outcome: 'recorded',
      redemptionId: entry.redemption!.id,
      saleId: entry.sale.id,
      reason: 'The sale was paid and recorded with its redemption.',
      returnedCents: 0,
    });
    this.transition({ state: 'completed', transaction: recorded, outcome });
    this.watchLateLandings(entry.key);
  }

  /**
   * Looks again, a while after settling, for a redeem of this intent that landed late, and undoes
   * it; what it undid is added to the outcome's `strays` (the observer sees it). Recovery looks
   * too, on the next page load, until the watch runs out.
   */
  private watchLateLandings(key: string): void {
    const ctx = { client: this.client, journal: this.journal, now: this.now, safetyMarginMs: this.safetyMarginMs };
    for (const delay of this.recheckAfterMs) {
      const timer = setTimeout(() => {
        void checkWatch(ctx, key, this.owner).then((report) => {
          if (!report || report.strays.length === 0 || !this.snapshot.outcome) return;
          const outcome = this.snapshot.outcome;
          this.transition({ outcome: { ...outcome, strays: [...(outcome.strays ?? []), ...report.strays] } });
        });
      }, delay);
      (timer as { unref?: () => void }).unref?.();
    }
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

  /**
   * Gives back exactly the returned lines' share of a completed sale's redemption. The return is
   * journaled before it is sent and sent with the sale id, so a lost answer is looked up (twice,
   * a short wait apart) rather than sent again: a host that calls again after an error gets the
   * return that landed, never a second one.
   */
  async refund({ returned }: { returned: ReturnedLine[] }): Promise<{ refundCents: number }> {
    if (this.snapshot.state !== 'completed') {
      throw new RedemptionFlowError('invalid_state', `Cannot refund a return in state ${this.snapshot.state}.`);
    }
    if (this.pendingReturn) {
      const pending = this.pendingReturn;
      this.transition({ state: 'refunding', error: null });
      const landed = await this.returnLanded(pending.before + pending.cents).catch((error: unknown) => {
        this.transition({ state: 'completed', error: error as Error });
        throw error;
      });
      if (landed) {
        this.pendingReturn = null;
        await this.journal.remove(returnKey(this.entry!.key));
        this.adoptReturn(pending.returned, pending.share, pending.cents);
        // The host asked again for the return that landed: it is done, once.
        if (sameLines(pending.returned, returned)) return { refundCents: pending.cents };
      } else if (this.now() - pending.sentAt < RETURN_DOUBT_MS) {
        // Not seen yet, but it may still show (Omneo's list can lag a write): never send it again
        // while it might have landed.
        const error = new RedemptionFlowError(
          'outcome_unknown',
          `Sale ${this.entry!.sale.id}: a return of ${pending.cents} cents was sent and its answer lost; it is not known yet whether Omneo made it. Try again in a minute.`,
        );
        this.transition({ state: 'completed', error });
        throw error;
      } else {
        // Long enough: it never landed. It may be sent anew.
        this.pendingReturn = null;
        await this.journal.remove(returnKey(this.entry!.key));
        this.transition({ state: 'completed' });
      }
    }
    const redemption = this.snapshot.redemption!;
    const allocation = this.snapshot.allocation ?? [];
    const share = refundForReturn(allocation, returned, this.returns).totalCents;
    const isBenefit = this.entry?.benefitId !== undefined;
    const redeemed = redemption.totalCents ?? 0;
    // A benefit (a free coffee, a voucher) comes back whole or not at all: only once every item
    // it paid for has come back. Until then the returns are noted and nothing is refunded.
    const allBack = this.sharesBack + share === allocation.reduce((sum, line) => sum + line.shareCents, 0);
    const totalCents = isBenefit ? (allBack ? redeemed - this.snapshot.refundedCents : 0) : share;
    if (totalCents === 0) {
      this.returns = [...this.returns, ...returned];
      this.sharesBack += share;
      return { refundCents: 0 };
    }
    const before = this.snapshot.refundedCents;
    const entry = this.entry!;
    this.transition({ state: 'refunding', error: null });
    await this.journal.put({ ...entry, key: returnKey(entry.key), stage: 'returning', refund: { cents: totalCents, before }, updatedAt: this.now() });
    const call = { saleId: entry.sale.id };
    try {
      if (isBenefit) await this.client.redemptions.refundBenefit(entry.profileId, redemption.id, 1, call);
      else await this.client.redemptions.refund(entry.profileId, redemption.id, totalCents, call);
    } catch (error) {
      if (!isOutcomeUnknown(error)) {
        await this.journal.remove(returnKey(entry.key));
        this.transition({ state: 'completed', error: error as Error });
        throw error;
      }
      const landed = await this.returnLanded(before + totalCents).catch(() => false);
      if (!landed) {
        // Not seen (or not looked at): the return stays journaled as pending. The next call, or
        // recovery, looks again before anything is sent; only once it has had time to show and
        // has not is it taken as never made.
        this.pendingReturn = { returned, share, cents: totalCents, before, sentAt: this.now() };
        const unknown = new RedemptionFlowError(
          'outcome_unknown',
          `Sale ${entry.sale.id}: the return's answer was lost and it does not show yet. It is kept; try again in a minute and it will be confirmed, never sent twice.`,
          { cause: error },
        );
        this.transition({ state: 'completed', error: unknown });
        throw unknown;
      }
    }
    await this.journal.remove(returnKey(entry.key));
    this.adoptReturn(returned, share, totalCents);
    return { refundCents: totalCents };
  }

  /** Whether Omneo shows `expected` cents returned on this sale's redemption, looking twice. */
  private async returnLanded(expected: number): Promise<boolean> {
    for (let look = 0; look < 2; look += 1) {
      if (look > 0) await this.wait(this.lookupDelayMs);
      if ((await inspectSettlement(this.client, this.entry!)).returnedCents >= expected) return true;
    }
    return false;
  }

  /** Books a return that Omneo made. */
  private adoptReturn(returned: ReturnedLine[], share: number, cents: number): void {
    const redemption = this.snapshot.redemption!;
    this.returns = [...this.returns, ...returned];
    this.sharesBack += share;
    const refundedCents = this.snapshot.refundedCents + cents;
    const all = refundedCents >= (redemption.totalCents ?? 0);
    this.transition({
      state: all ? 'refunded' : 'completed',
      error: null,
      refundedCents,
      outcome: {
        outcome: 'refunded',
        redemptionId: redemption.id,
        saleId: this.entry!.sale.id,
        reason: all ? 'Every item came back: the whole redemption was refunded.' : 'Returned items: their share was refunded.',
        returnedCents: cents,
      },
    });
  }

  private async runRedeem(input: RedeemInput): Promise<FlowSnapshot> {
    const { sale, benefitId } = input;
    if ((input.amountCents === undefined) === (benefitId === undefined)) {
      throw new RedemptionFlowError('invalid_input', 'Give either amountCents or benefitId.');
    }
    // Checks the sale (and the amount) before anything is written: a sale the kit cannot
    // allocate over must fail here, not after Omneo made a redemption (throws AllocationError).
    allocateReward(input.amountCents ?? 0, sale.lines);
    const key = intentKey(sale.id, benefitId);
    if (!claimIntent(this.journal.prefix, key, this)) {
      throw new RedemptionFlowError('intent_in_progress', `Sale ${sale.id} is already being redeemed on this page.`);
    }
    this.intent = key;
    this.transition({ state: 'redeeming', error: null });
    try {
      const redemption = await this.createOnce(input, key);
      const deadlineStart = this.entry?.receivedAt ?? this.now();
      const held = heldRecord(redemption, input, deadlineStart);
      const allocation = allocateReward(moneyShare(held.totalCents, input, sale), sale.lines);
      this.entry = {
        ...this.entry!,
        stage: 'held',
        redemption: held,
        receivedAt: deadlineStart,
        allocation,
        lease: { owner: this.owner, until: this.now() + LEASE_TTL_MS },
        updatedAt: this.now(),
      };
      await this.journal.put(this.entry);
      this.startHeartbeat();
      return this.transition({
        state: 'held',
        // What Omneo's answer left out (a null total, no echo of the member or sale) is filled in
        // from what was asked, so every view and event reads whole figures.
        redemption: { ...redemption, totalCents: held.totalCents, profileId: redemption.profileId ?? input.profileId, saleId: redemption.saleId ?? sale.id },
        allocation,
        reversalDeadline: reversalDeadline(this.entry, this.safetyMarginMs),
      });
    } catch (error) {
      this.release();
      this.transition({ state: 'idle', error: error as Error });
      throw error;
    }
  }

  /**
   * Sends the redeem request, never twice for one intent without first looking for the first:
   * the intent is claimed in the journal (compare-and-set, so another tab cannot claim it too),
   * and a lost answer is looked up by the sale id, twice with a short wait between, before the
   * request goes out again. A look-up that fails leaves the entry in the journal as unknown.
   */
  private async createOnce(input: RedeemInput, key: string): Promise<Redemption> {
    const fresh: JournalEntry = {
      v: 1,
      key,
      stage: 'redeeming',
      profileId: input.profileId,
      sale: input.sale,
      ...(input.amountCents !== undefined ? { amountCents: input.amountCents } : {}),
      ...(input.benefitId !== undefined ? { benefitId: input.benefitId } : {}),
      ...(input.benefitKind !== undefined ? { benefitKind: input.benefitKind } : {}),
      lease: { owner: this.owner, until: this.now() + LEASE_TTL_MS },
      updatedAt: this.now(),
    };
    let existing: JournalEntry | null = null;
    if (await this.journal.claim(fresh)) {
      this.entry = fresh;
      // A watch left by this intent's last settle guards nothing now: this flow owns the intent.
      await this.journal.unwatch(key);
    } else {
      existing = await this.journal.get(key);
      if (existing && (existing.stage === 'paid' || existing.stage === 'settling')) {
        // Paid, or being undone: only recovery may finish it, never a new redemption.
        throw new RedemptionFlowError('intent_in_progress', `Sale ${input.sale.id} has a redemption waiting to be settled.`);
      }
      // An earlier try of this intent (its answer lost, the page reloaded): take it over, unless
      // a live page holds it.
      const leased = existing ? await this.journal.lease(key, this.owner, this.now(), LEASE_TTL_MS) : null;
      if (!leased) throw new RedemptionFlowError('intent_in_progress', `Sale ${input.sale.id} is being redeemed in another tab.`);
      this.entry = leased;
      // It may stand for a redemption Omneo already made: look before posting.
      const found = await this.lookTwice(this.entry);
      if (found) return found;
      // Nothing was made: this try's amount is the one to post, and to look for if it is lost.
      if (input.amountCents !== undefined && this.entry.amountCents !== input.amountCents) {
        this.entry = { ...this.entry, amountCents: input.amountCents, updatedAt: this.now() };
        await this.journal.put(this.entry);
      }
    }
    // Whether an earlier try's outcome is unknown: its write may have landed, or may still land.
    // An entry taken over from an earlier try (a lost answer, a reload) is such a doubt.
    let doubt = existing !== null;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        const created = await this.send(input);
        this.entry = { ...this.entry!, receivedAt: this.now() };
        return created;
      } catch (error) {
        if (!isOutcomeUnknown(error) && doubt) {
          // A sure refusal of the re-send (the balance is spent: by the first try, which landed
          // after all?) does not make the first try's doubt go away: adopt it if it shows now,
          // else keep the entry journaled for the next try or recovery.
          const found = await this.lookTwice(this.entry!).catch(() => null);
          if (found) return found;
          throw new RedemptionFlowError(
            'outcome_unknown',
            `Sale ${input.sale.id}: the first redemption request's answer was lost and the second was refused (${error instanceof Error ? error.message : String(error)}). It stays in the journal until it is known whether the first reached Omneo.`,
            { cause: error },
          );
        }
        if (!isOutcomeUnknown(error)) {
          await this.journal.removeOwn(key, this.owner);
          throw error;
        }
        doubt = true;
        let found: Redemption | null;
        try {
          found = await this.lookTwice(this.entry!);
        } catch (lookup) {
          // Neither the answer nor a look-up: whether Omneo made it is unknown. The entry stays
          // journaled; a retry looks again first, and recovery settles whatever was made.
          throw new RedemptionFlowError(
            'outcome_unknown',
            `Sale ${input.sale.id}: the redemption's answer was lost and it could not be looked up (${lookup instanceof Error ? lookup.message : String(lookup)}). It stays in the journal; try again to look for it.`,
            { cause: error },
          );
        }
        if (found) return found;
        if (attempt === 1) throw error;
      }
    }
    throw new Error('unreachable');
  }

  /**
   * Looks for the entry's redemption, and once more after a short wait (Omneo's list may lag a
   * moment behind a write). A look-up that fails throws: the entry stays as it is, unknown.
   */
  private async lookTwice(entry: JournalEntry): Promise<Redemption | null> {
    const first = await this.findExisting(entry);
    if (first) return first;
    await this.wait(this.lookupDelayMs);
    return this.findExisting(entry);
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** Renews the lease while the sale is held here, so no other tab takes a live page's sale. */
  private startHeartbeat(): void {
    if (this.heartbeatMs <= 0 || this.heartbeat !== undefined) return;
    this.heartbeat = setInterval(() => {
      const entry = this.entry;
      if (!entry || !['held', 'recording'].includes(this.state)) return;
      void this.journal.lease(entry.key, this.owner, this.now(), LEASE_TTL_MS).then(
        (leased) => {
          if (leased && this.entry?.key === leased.key) this.entry = { ...this.entry, lease: leased.lease! };
        },
        // A failed renewal is retried on the next beat; the flow's own writes re-check the lease.
        () => undefined,
      );
    }, this.heartbeatMs);
    (this.heartbeat as { unref?: () => void }).unref?.();
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
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
      ...(input.strategies !== undefined ? { strategies: input.strategies } : {}),
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
        this.watchLateLandings(entry.key);
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
    const leased = await this.journal.lease(entry.key, this.owner, this.now(), LEASE_TTL_MS);
    if (!leased) {
      throw new RedemptionFlowError('intent_in_progress', `Sale ${entry.sale.id} was taken over by another tab.`);
    }
    this.entry = { ...entry, lease: leased.lease! };
  }

  private release(): void {
    this.stopHeartbeat();
    if (this.intent) releaseIntent(this.journal.prefix, this.intent, this);
  }

  private transition(patch: Partial<FlowSnapshot>): FlowSnapshot {
    const previous = this.snapshot.state;
    this.snapshot = { ...this.snapshot, ...patch };
    this.observer?.(this.snapshot, previous);
    return this.snapshot;
  }
}

