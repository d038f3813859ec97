/**
 * Recording the sale: once payment went through, every redemption made with the sale is
 * recorded with one transaction.
 */
import type { Transaction } from '../client/index.js';
import { RedemptionFlowError, type RedemptionFlow } from './redemption-flow.js';
import type { CompleteInput } from './sale.js';

/**
 * Records one sale for every redemption made with it (the rewards, and one per benefit), once.
 * Every flow journals the same transaction as paid before it is posted, so recovery after a
 * crash records the same sale whichever entry it reads first; the upsert on `external_id`
 * makes any repeat harmless. The transaction carries every flow's shares as line discounts
 * and the rewards redemption's id. Safe to call again after a failure.
 */
export async function completeSale(flows: readonly RedemptionFlow[], input: CompleteInput): Promise<Transaction> {
  const [first] = flows;
  if (!first) throw new RedemptionFlowError('invalid_input', 'There is no redemption to complete.');
  const done = flows.every((f) => f.state === 'completed') ? first.current.transaction : null;
  if (done) return done;
  const transaction = first.draftTransaction(input, flows);
  for (const flow of flows) await flow.markPaid(transaction);
  try {
    const recorded = await first.recordingClient.transactions.upsert(transaction);
    for (const flow of flows) await flow.markRecorded(recorded);
    return recorded;
  } catch (error) {
    for (const flow of flows) flow.recordingFailed(error as Error);
    throw error;
  }
}
