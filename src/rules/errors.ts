/**
 * Errors thrown by the pure rules. They are programming or data errors in the sale the host
 * passed (a fractional amount, a line returned twice), never network failures, so they stand
 * apart from the client's `OmneoError` taxonomy and carry no HTTP details.
 */

/** Stable, machine-readable codes of {@link AllocationError}. */
export type AllocationErrorCode =
  /** The amount to allocate is not a non-negative whole number of cents. */
  | 'invalid_amount'
  /** The amount to allocate is more than the eligible lines add up to. */
  | 'amount_exceeds_eligible'
  /** Redemptions of one sale together take more from a line than the line costs. */
  | 'share_exceeds_line'
  /** A line's amount is not a whole number of cents. */
  | 'invalid_line_amount'
  /** Two lines (or two entries of one return) have the same id. */
  | 'duplicate_line_id'
  /** A return names a line that is not in the allocation. */
  | 'unknown_line_id'
  /** A return's `quantity`, `ofQuantity` is not a positive whole number, or they disagree. */
  | 'invalid_quantity'
  /** A return brings back more units of a line than the line has left. */
  | 'return_exceeds_line';

/** An allocation or refund that cannot be computed from the input it was given. */
export class AllocationError extends Error {
  override name = 'AllocationError';
  /** A stable code: switch on this, never on the message. */
  readonly code: AllocationErrorCode;
  /** The id of the line at fault, when one line is. */
  readonly lineId: string | undefined;

  constructor(code: AllocationErrorCode, message: string, lineId?: string) {
    super(message);
    this.code = code;
    this.lineId = lineId;
  }
}
