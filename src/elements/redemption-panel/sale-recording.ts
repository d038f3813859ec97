/**
 * Recording one sale for several redemption flows (the rewards, and one per benefit), once.
 *
 * Each flow must complete, so that each leaves `held` and its journal entry goes. The first
 * flow (the rewards, else the first benefit) is the primary: its `complete()` posts the
 * transaction, carrying the other flows' allocations as extra discounts and the rewards
 * `redemption_id`. The other flows complete at the same moment, so each journals the payment
 * before anything is posted, but their client answers the upsert with the primary's recorded
 * transaction instead of posting the sale again.
 */
import type { OmneoClient, Transaction, TransactionInput } from '../../client/index.js';
import type { AllocatedLine, CompleteInput, RedemptionFlow } from '../../rules/index.js';

export class SaleRecording {
  /** The primary's recording under way, which the other flows' upserts answer with. */
  private recording: Promise<Transaction> | null = null;

  /** The client for a flow: the primary's posts; the others' upsert waits for the primary's. */
  clientFor(client: OmneoClient, primary: boolean): OmneoClient {
    if (primary) return client;
    const upsert = (input: TransactionInput) => this.recording ?? client.transactions.upsert(input);
    const transactions = Object.assign(Object.create(client.transactions) as OmneoClient['transactions'], { upsert });
    return Object.assign(Object.create(client) as OmneoClient, { transactions });
  }

  /**
   * Completes every flow, the primary (`flows[0]`) posting the one transaction. Safe to call
   * again after a failure: a flow already completed answers with its transaction.
   */
  async complete(flows: readonly RedemptionFlow[], input: CompleteInput): Promise<Transaction> {
    const [primary, ...others] = flows;
    if (!primary) throw new Error('There is no redemption to complete.');
    const extras = (flow: RedemptionFlow): AllocatedLine[][] => flows.filter((f) => f !== flow).map((f) => f.current.allocation ?? []);
    let recorded!: (transaction: Promise<Transaction>) => void;
    this.recording = new Promise<Transaction>((resolve) => (recorded = resolve));
    this.recording.catch(() => undefined);
    try {
      const secondaries = others.map((flow) => flow.complete(input, extras(flow)));
      const transaction = primary.complete(input, extras(primary));
      recorded(transaction);
      const results = await Promise.allSettled([transaction, ...secondaries]);
      const failed = results.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
      return await transaction;
    } finally {
      this.recording = null;
    }
  }
}
