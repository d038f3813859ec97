/**
 * Drives the RedemptionFlows of one panel: one flow for the rewards (when an amount is
 * redeemed) and one per chosen benefit, all for the same sale. The flows own every rule
 * (one redemption per intent, the journal, reverse-or-refund); this controller only sequences
 * them and merges what they report for the view. The sale is recorded once for all of them,
 * by the rules' `completeSale`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Benefit, OmneoClient, Redemption, RedemptionStrategy, Transaction } from '../../client/index.js';
import {
  completeSale,
  RedemptionFlow,
  RedemptionFlowError,
  type AllocatedLine,
  type CompleteInput,
  type RedemptionJournal,
  type RedemptionState,
  type ReturnedLine,
  type Sale,
  type SettleOutcome,
} from '../../rules/index.js';
import type { SettledRedemption } from '../events.js';

/** One flow of the sale and the benefit it redeems (`null`: the rewards). */
export interface FlowPart {
  flow: RedemptionFlow;
  benefit: Benefit | null;
}

/** What to redeem for one sale. */
export interface RedeemPlan {
  profileId: string;
  sale: Sale;
  amountCents: number;
  benefits: readonly Benefit[];
  /** Where the amount comes from, in order. */
  strategies: readonly RedemptionStrategy[];
  locationId?: number;
  timezone: string;
}

/** What a settle or refund did: what settled, and the first failure, if any. */
export interface SettleResult {
  settled: SettledRedemption[];
  error: unknown;
}

export interface RedemptionControllerOptions {
  client: () => OmneoClient | undefined;
  journal: () => RedemptionJournal;
  now: () => number;
}

// While one flow is in one of these, the sale is in it: listed from the most pressing.
const WORKING: readonly RedemptionState[] = ['redeeming', 'recording', 'reversing', 'refunding', 'held'];

/** The states of a sale whose redemption is not settled yet: it owns its member, benefits and sale. */
export const UNSETTLED: readonly RedemptionState[] = WORKING;

export class RedemptionController implements ReactiveController {
  /** The flows of the current sale, primary first. Empty before a redemption and after a failed one. */
  parts: FlowPart[] = [];
  private redeeming: Promise<void> | null = null;
  private completing: Promise<Transaction> | null = null;
  /** Re-renders the host each second while held, for the countdown of the reversal window. */
  private ticker: ReturnType<typeof setInterval> | undefined;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: RedemptionControllerOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    // Put back (a move in the DOM disconnects and reconnects in one task, before any
    // recovery can run): take the sale back, unless recovery settled it meanwhile.
    for (const part of this.parts) part.flow.resume();
    // Put back while held: the countdown starts again with the next update.
    if (this.state === 'held') this.host.requestUpdate();
  }

  /** The panel went away: what is held stays in the journal, for recovery to settle. */
  hostDisconnected(): void {
    this.connected = false;
    for (const part of this.parts) part.flow.dispose();
    this.stopTicker();
  }

  hostUpdated(): void {
    if (this.state !== 'held') this.stopTicker();
    else this.ticker ??= setInterval(() => this.host.requestUpdate(), 1000);
  }

  private stopTicker(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
  }

  /** The sale's state: the most pressing of its flows', `idle` before anything was redeemed. */
  get state(): RedemptionState {
    const states = this.parts.map((p) => p.flow.state);
    if (states.length === 0) return 'idle';
    const working = WORKING.find((s) => states.includes(s));
    if (working) return working;
    if (states.includes('completed')) return 'completed';
    return states.every((s) => s === 'reversed') ? 'reversed' : 'refunded';
  }

  /** Whether a write is under way (or about to be): no new one may start. */
  get busy(): boolean {
    return this.redeeming !== null || ['redeeming', 'recording', 'reversing', 'refunding'].includes(this.state);
  }

  get redemptions(): Redemption[] {
    return this.parts.flatMap((p) => (p.flow.current.redemption ? [p.flow.current.redemption] : []));
  }

  /** Each flow's allocation, in part order. */
  get allocations(): AllocatedLine[][] {
    return this.parts.map((p) => p.flow.current.allocation ?? []);
  }

  /** The earliest flow-clock ms after which a failed payment means a refund. */
  get reversalDeadline(): number | null {
    const deadlines = this.parts.flatMap((p) => (p.flow.reversalDeadline === null ? [] : [p.flow.reversalDeadline]));
    return deadlines.length ? Math.min(...deadlines) : null;
  }

  /**
   * Redeems the rewards, then each benefit, one flow at a time. If one fails, those already
   * held are abandoned (reversed) and the failure is thrown. A second call while one runs
   * gets the same promise.
   */
  redeem(plan: RedeemPlan): Promise<void> {
    if (this.redeeming) return this.redeeming;
    if (WORKING.includes(this.state)) {
      return Promise.reject(new RedemptionFlowError('invalid_state', `Cannot redeem again while the sale is ${this.state}.`));
    }
    this.redeeming = this.runRedeem(plan).finally(() => {
      this.redeeming = null;
      this.host.requestUpdate();
    });
    this.host.requestUpdate();
    return this.redeeming;
  }

  private async runRedeem(plan: RedeemPlan): Promise<void> {
    this.reset();
    const wanted: (Benefit | null)[] = [...(plan.amountCents > 0 ? [null] : []), ...plan.benefits];
    const parts = wanted.map((benefit) => ({ benefit, flow: this.createFlow() }));
    this.parts = parts;
    const { sale, profileId, locationId, timezone } = plan;
    try {
      for (const { flow, benefit } of parts) {
        await flow.redeem({
          profileId,
          sale,
          timezone,
          // A benefit applied at the till takes no money share; the rewards may let points pay the rest.
          ...(benefit ? { benefitId: benefit.id, benefitKind: benefit.kind } : { amountCents: plan.amountCents, strategies: [...plan.strategies] }),
          ...(locationId !== undefined ? { locationId } : {}),
        });
      }
      // Removed while redeeming: let go of the sale now that it is held (see hostDisconnected).
      if (!this.connected) for (const part of parts) part.flow.dispose();
    } catch (error) {
      // All or nothing: give back what was redeemed before the failure. A give-back that
      // fails too stays on screen, held, with its cancel button and its error, and in the
      // journal: never dropped from view.
      await Promise.allSettled(parts.filter((p) => p.flow.state === 'held').map((p) => p.flow.abandon()));
      const stuck = parts.filter((p) => p.flow.state === 'held');
      for (const part of parts) if (!stuck.includes(part)) part.flow.dispose();
      this.parts = stuck;
      throw error;
    }
  }

  private createFlow(): RedemptionFlow {
    const client = this.options.client()!;
    const observer = () => this.host.requestUpdate();
    return new RedemptionFlow({
      client,
      journal: this.options.journal(),
      now: this.options.now,
      observer,
    });
  }

  /** Records the sale once for every flow. A second call while one runs gets the same promise. */
  complete(input: CompleteInput): Promise<Transaction> {
    this.completing ??= completeSale(this.parts.map((p) => p.flow), input).finally(() => (this.completing = null));
    return this.completing;
  }

  /** Payment failed (`'paymentFailed'`) or the sale was dropped (`'abandon'`): every held flow is reversed or refunded. */
  async settle(cause: 'paymentFailed' | 'abandon'): Promise<SettleResult> {
    const held = this.parts.filter((p) => p.flow.state === 'held');
    const results = await Promise.allSettled(held.map((p) => (cause === 'paymentFailed' ? p.flow.paymentFailed() : p.flow.abandon())));
    return collect(held, results);
  }

  /** Gives back exactly the returned lines' share of every redemption of a completed sale. */
  async refund(returned: ReturnedLine[]): Promise<SettleResult> {
    const completed = this.parts.filter((p) => p.flow.state === 'completed');
    const results: PromiseSettledResult<SettleOutcome | null>[] = [];
    for (const part of completed) {
      try {
        const { refundCents } = await part.flow.refund({ returned });
        results.push({ status: 'fulfilled', value: refundCents > 0 ? part.flow.current.outcome : null });
      } catch (error) {
        results.push({ status: 'rejected', reason: error });
      }
    }
    return collect(completed, results);
  }

  /** Forgets the flows of a settled sale (or of none), ready for the next. Does nothing while one is working. */
  reset(): void {
    if (WORKING.includes(this.state)) return;
    for (const part of this.parts) part.flow.dispose();
    this.parts = [];
    this.host.requestUpdate();
  }
}

function collect(parts: FlowPart[], results: PromiseSettledResult<SettleOutcome | null>[]): SettleResult {
  const settled: SettledRedemption[] = [];
  let error: unknown = null;
  results.forEach((result, i) => {
    const redemption = parts[i]!.flow.current.redemption;
    if (result.status === 'rejected') error ??= result.reason;
    else if (result.value && redemption) {
      const { outcome, reason, returnedCents, strays } = result.value;
      settled.push({ redemption, outcome, reason, returnedCents, ...(strays && strays.length > 0 ? { strays } : {}) });
    }
  });
  return { settled, error };
}
