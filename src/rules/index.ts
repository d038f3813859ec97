/**
 * `omneo-pos-kit/rules`: the kit's business rules on integer cents. No DOM, no fetch of its
 * own: exact allocation, the redemption lifecycle, the journal and recovery.
 */
export { allocateReward, refundForReturn } from './allocation.js';
export { AllocationError } from './errors.js';
export { RedemptionFlow, RedemptionFlowError } from './redemption-flow.js';
export { completeSale } from './complete-sale.js';
export { RedemptionJournal, memoryStore, webStorageStore, JOURNAL_VERSION } from './journal.js';
export { recoverRedemptions } from './recover.js';
export { buildTransaction, saleTotalCents, eligibleTotalCents, formatLocalDateTime } from './sale.js';
export { REVERSAL_WINDOW_MS, DEFAULT_SAFETY_MARGIN_MS, RETURN_DOUBT_MS, WATCH_MS, reversalDeadline } from './settle.js';
export { intentKey } from './intents.js';
export { checkWatches, checkWatch } from './watch.js';

export type { AllocatedLine, AllocationLine, LineRefund, ReturnedLine, ReturnRefund } from './allocation.js';
export type { AllocationErrorCode } from './errors.js';
export type { RedemptionState, RedeemInput, FlowSnapshot, FlowObserver, RedemptionFlowOptions } from './redemption-flow.js';
export type { KeyValueStore, JournalEntry, JournalStage, CorruptEntry, WatchEntry } from './journal.js';
export type { RecoverOptions, RecoveryReport, RecoveryResult } from './recover.js';
export type { Sale, SaleLine, CompleteInput, BuildTransactionInput } from './sale.js';
export type { SettleOutcome, SettleOutcomeKind, StrayOutcome } from './settle.js';
export type { WatchReport } from './watch.js';
