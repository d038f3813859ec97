/**
 * Spreading a redeemed amount across the sale's lines, and giving the right part of it back
 * when items are returned. Pure functions on integer cents: no rounding of fractions of a
 * cent ever happens, every division is done on integers (BigInt where a product could pass
 * 2^53), so the same input always gives the same output on every engine.
 */
import { AllocationError } from './errors.js';

/** A sale line as the allocation sees it. */
export interface AllocationLine {
  /** Unique within the sale. */
  id: string;
  /** The line's total after the POS's own discounts, in integer cents; negative for an item coming back in an exchange. */
  amountCents: number;
  /** `false` for lines the reward may not pay for (a gift card, say). Defaults to eligible. */
  eligible?: boolean;
  /**
   * Units on the line, when the caller has them (a sale line does). Not used by the sum, only
   * checked: a quantity that is not a finite number is refused here, before any redemption,
   * rather than reaching the transaction as `null`.
   */
  quantity?: number;
}

/** One line of an allocation: how much of the reward it carries. */
export interface AllocatedLine {
  id: string;
  /** The line's amount, as given. */
  amountCents: number;
  /** The part of the reward this line carries: between 0 and `amountCents`. */
  shareCents: number;
  /** What the line costs after the reward: `amountCents - shareCents`. */
  netCents: number;
}

/** Items of one line coming back, for {@link refundForReturn}. */
export interface ReturnedLine {
  /** The id of an allocated line. */
  id: string;
  /** Units coming back, a positive integer. Omit to return the whole line, or all of it that is left. */
  quantity?: number;
  /** Units the line was sold with, a positive integer. Required with `quantity`; the same in every entry of a line. */
  ofQuantity?: number;
}

/** The reward to give back for a return. */
export interface ReturnRefund {
  /** Sum of the lines' refunds, in cents. */
  totalCents: number;
  /** One entry per returned line, in the order of `returned`. */
  lines: LineRefund[];
}

/** The reward to give back for one returned line. */
export interface LineRefund {
  id: string;
  refundCents: number;
}

/**
 * Spreads `amountCents` across `lines` in proportion to each line's amount, by the
 * largest-remainder method.
 *
 * Lines that are not eligible (`eligible: false`), zero or negative get nothing. Of the
 * others, with `T` their total, each line of amount `a` first gets `floor(amountCents * a / T)`
 * and its remainder `amountCents * a mod T` is noted. The cents still missing (always fewer
 * than the eligible lines) are given one each to the lines with the largest remainders; lines
 * with equal remainders are served in input order, so a tie goes to the earlier line.
 *
 * Hence: the shares sum exactly to `amountCents`; none is negative; each is within one cent
 * of its exact proportional value and never above its line; the result depends only on the
 * input. 5000 over 6500 / 11500 / 2500 / 4500 gives 1300 / 2300 / 500 / 900, and 100 over
 * three lines of 100 gives 34 / 33 / 33.
 *
 * @returns every line, in input order, with its share and net amount.
 * `-0` anywhere (the amount, a line amount) counts as 0, and no result is ever `-0`.
 *
 * @throws {AllocationError} `invalid_amount` unless `amountCents` is a non-negative safe
 * integer; `invalid_line_amount` unless `lines` is an array of objects and every line amount
 * is a safe integer; `invalid_quantity` when a line's `quantity` is given but is not a finite
 * number (NaN, Infinity); `duplicate_line_id` when two lines share an id;
 * `amount_exceeds_eligible` when `amountCents` is more than the eligible lines' total.
 */
export function allocateReward(amountCents: number, lines: readonly AllocationLine[]): AllocatedLine[] {
  if (!Number.isSafeInteger(amountCents) || amountCents < 0) {
    throw new AllocationError(
      'invalid_amount',
      `The amount to allocate must be a whole, non-negative number of cents, got ${String(amountCents)}.`,
    );
  }
  checkArrayOfLines(lines, 'lines', 'invalid_line_amount');
  const ids = new Set<string>();
  let total = 0;
  let largest = 0;
  for (const line of lines) {
    if (line.quantity !== undefined && !Number.isFinite(line.quantity)) {
      throw new AllocationError(
        'invalid_quantity',
        `Line "${line.id}" must have a finite quantity, got ${String(line.quantity)}.`,
        line.id,
      );
    }
    if (!Number.isSafeInteger(line.amountCents)) {
      throw new AllocationError(
        'invalid_line_amount',
        `Line "${line.id}" must have a whole number of cents, got ${String(line.amountCents)}.`,
        line.id,
      );
    }
    if (ids.has(line.id)) {
      throw new AllocationError('duplicate_line_id', `Line id "${line.id}" appears more than once.`, line.id);
    }
    ids.add(line.id);
    if (isEligible(line)) {
      total += line.amountCents;
      if (line.amountCents > largest) largest = line.amountCents;
    }
  }
  // Past 2^53 `total` may be rounded, but then it is at least 2^53 and still above any safe amount.
  if (amountCents > total) {
    throw new AllocationError(
      'amount_exceeds_eligible',
      `Cannot allocate ${amountCents} cents over eligible lines worth ${total} cents.`,
    );
  }

  const shares = new Float64Array(lines.length);
  // A float product above MAX_SAFE_INTEGER rounds to at least 2^53, so this test is exact.
  const fitsInDouble = Number.isSafeInteger(total) && amountCents * largest <= Number.MAX_SAFE_INTEGER;
  const floors = fitsInDouble
    ? floorShares(amountCents, total, lines, shares)
    : floorSharesBig(BigInt(amountCents), lines, shares);
  const leftover = amountCents - floors.sum;
  if (leftover > 0) {
    // The remainders add up to leftover * total and each is below total, so more than
    // `leftover` lines have one: the threshold below is positive, and floor + 1 <= line.
    const { remainders } = floors;
    // A Float64Array sorts numerically without a comparator (and much faster); a bigint[] needs one.
    const ascending = Array.isArray(remainders) ? remainders.slice().sort(compareAscending) : remainders.slice().sort();
    const threshold = ascending[ascending.length - leftover]!;
    let ties = leftover;
    for (const remainder of remainders) if (remainder > threshold) ties--;
    // Above the threshold: one cent each. At it: one each, earliest line first, while cents remain.
    remainders.forEach((remainder: number | bigint, i: number) => {
      if (remainder > threshold || (remainder === threshold && ties-- > 0)) shares[i]! += 1;
    });
  }

  return lines.map((line, i) => {
    const share = shares[i]!;
    // `+ 0` turns a -0 amount into 0, so equal inputs compare equal however they were written.
    return { id: line.id, amountCents: line.amountCents + 0, shareCents: share, netCents: line.amountCents - share + 0 };
  });
}

/**
 * The part of the reward to give back when items come back, so that returning every unit of
 * every line, in any number of steps, gives back exactly the amount that was allocated.
 *
 * Each line is taken as `ofQuantity` units (1 if never given). Of its share `S`, the first `k`
 * units returned carry `S * k / ofQuantity` rounded by the same largest-remainder rule as
 * {@link allocateReward}, splitting `S` between the units returned (listed first, so they win
 * a tie: a half cent goes to the customer) and the units kept:
 * `carried(k) = floor(S * k / n)`, plus one cent when `2 * (S * k mod n) >= n`.
 * A return of `quantity` units after `before` units were already returned gives back
 * `carried(before + quantity) - carried(before)`: the steps add up to exactly `S`, and every
 * running total is within half a cent of the proportional value.
 *
 * Pass the returns already refunded for this sale as `previous` (the `returned` arrays of the
 * earlier calls, concatenated): the refund depends on how many units came back before.
 * An entry without `quantity` returns all the units of its line not returned yet.
 *
 * @param allocation the result of {@link allocateReward} for the sale.
 * @param returned the lines coming back now, each id at most once.
 * @param previous the lines that came back in earlier returns of the same sale.
 * @throws {AllocationError} `unknown_line_id` for an id not in the allocation;
 * `duplicate_line_id` for an id twice in `returned` (or in the allocation);
 * `invalid_quantity` when `quantity` or `ofQuantity` is not a positive safe integer, when
 * `quantity` comes without `ofQuantity`, or when entries of a line disagree on `ofQuantity`;
 * `return_exceeds_line` when more units come back than the line has left;
 * `invalid_line_amount` when `allocation` is not an array of lines or an allocated share is
 * not a non-negative safe integer; `invalid_quantity` when `returned` or `previous` is not an
 * array of entries.
 */
export function refundForReturn(
  allocation: readonly AllocatedLine[],
  returned: readonly ReturnedLine[],
  previous: readonly ReturnedLine[] = [],
): ReturnRefund {
  checkArrayOfLines(allocation, 'allocation', 'invalid_line_amount');
  checkArrayOfLines(returned, 'returned', 'invalid_quantity');
  checkArrayOfLines(previous, 'previous', 'invalid_quantity');
  const indexById = new Map<string, number>();
  allocation.forEach((line, i) => {
    if (indexById.has(line.id)) {
      throw new AllocationError('duplicate_line_id', `Line id "${line.id}" appears more than once in the allocation.`, line.id);
    }
    indexById.set(line.id, i);
  });
  // Per allocated line: its unit count (0 until an entry gives one) and the units returned so far.
  const units = new Float64Array(allocation.length);
  const unitsBack = new Float64Array(allocation.length);
  // First pass: validate every entry and settle each line's unit count before counting any return.
  const indexOf = (entry: ReturnedLine): number => {
    const index = indexById.get(entry.id);
    if (index === undefined) {
      throw new AllocationError('unknown_line_id', `Line "${entry.id}" is not in the allocation.`, entry.id);
    }
    const share = allocation[index]!.shareCents;
    if (!Number.isSafeInteger(share) || share < 0) {
      throw new AllocationError(
        'invalid_line_amount',
        `Line "${entry.id}" has an allocated share of ${String(share)}, not a whole, non-negative number of cents.`,
        entry.id,
      );
    }
    if (entry.quantity !== undefined) {
      checkCount(entry, 'quantity', entry.quantity);
      if (entry.ofQuantity === undefined) {
        throw new AllocationError('invalid_quantity', `Line "${entry.id}": give ofQuantity with quantity.`, entry.id);
      }
    }
    if (entry.ofQuantity !== undefined) {
      checkCount(entry, 'ofQuantity', entry.ofQuantity);
      const known = units[index]!;
      if (known !== 0 && known !== entry.ofQuantity) {
        throw new AllocationError(
          'invalid_quantity',
          `Line "${entry.id}" is said to have ${known} units and ${entry.ofQuantity} units.`,
          entry.id,
        );
      }
      units[index] = entry.ofQuantity;
    }
    return index;
  };
  const previousIndexes = previous.map(indexOf);
  const returnedIndexes = returned.map(indexOf);
  for (let i = 0; i < units.length; i++) if (units[i] === 0) units[i] = 1;

  /** Counts the entry's units as returned; gives the line's units returned before it. */
  const take = (entry: ReturnedLine, index: number): number => {
    const before = unitsBack[index]!;
    const of = units[index]!;
    const after = before + (entry.quantity ?? of - before);
    if (after > of || after === before) {
      throw new AllocationError(
        'return_exceeds_line',
        `Line "${entry.id}" has ${of - before} of ${of} units left to return, not ${entry.quantity ?? 'more'}.`,
        entry.id,
      );
    }
    unitsBack[index] = after;
    return before;
  };
  previous.forEach((entry, i) => take(entry, previousIndexes[i]!));

  const inThisReturn = new Uint8Array(allocation.length);
  const lines: LineRefund[] = [];
  let totalCents = 0;
  returned.forEach((entry, i) => {
    const index = returnedIndexes[i]!;
    if (inThisReturn[index]) {
      throw new AllocationError('duplicate_line_id', `Line "${entry.id}" appears more than once in one return.`, entry.id);
    }
    inThisReturn[index] = 1;
    const before = take(entry, index);
    const share = allocation[index]!.shareCents;
    const refundCents = carried(share, unitsBack[index]!, units[index]!) - carried(share, before, units[index]!);
    // `+ 0`: a share given as -0 still refunds 0, never -0.
    lines.push({ id: entry.id, refundCents: refundCents + 0 });
    totalCents += refundCents;
  });
  return { totalCents, lines };
}

/** Floors and remainders of every line, with `remainders[i]` -1 for lines that get nothing. */
interface FloorShares<R> {
  sum: number;
  remainders: R;
}

/** `floor(amount * line / total)` into `shares` when every product fits in a double. */
function floorShares(
  amount: number,
  total: number,
  lines: readonly AllocationLine[],
  shares: Float64Array,
): FloorShares<Float64Array> {
  const remainders = new Float64Array(lines.length).fill(-1);
  let sum = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!isEligible(line)) continue;
    const product = amount * line.amountCents;
    const remainder = product % total;
    // (product - remainder) is a multiple of total: the division is exact, no float rounding.
    const share = (product - remainder) / total;
    shares[i] = share;
    remainders[i] = remainder;
    sum += share;
  }
  return { sum, remainders };
}

/** The same in BigInt, for sales where a product or the total passes 2^53. */
function floorSharesBig(amount: bigint, lines: readonly AllocationLine[], shares: Float64Array): FloorShares<bigint[]> {
  let total = 0n;
  for (const line of lines) if (isEligible(line)) total += BigInt(line.amountCents);
  const remainders = new Array<bigint>(lines.length).fill(-1n);
  let sum = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!isEligible(line)) continue;
    const product = amount * BigInt(line.amountCents);
    const share = Number(product / total);
    shares[i] = share;
    remainders[i] = product % total;
    sum += share;
  }
  return { sum, remainders };
}

function compareAscending(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Refuses what is not an array of objects with an `AllocationError` (a host passing `null`,
 * or JSON that lost its shape, would otherwise meet a bare `TypeError` deep inside the loop).
 */
function checkArrayOfLines(value: unknown, name: string, code: 'invalid_line_amount' | 'invalid_quantity'): void {
  if (!Array.isArray(value)) {
    throw new AllocationError(code, `${name} must be an array of lines, got ${value === null ? 'null' : typeof value}.`);
  }
  value.forEach((line: unknown, i) => {
    if (typeof line !== 'object' || line === null) {
      throw new AllocationError(code, `${name}[${i}] must be a line, got ${line === null ? 'null' : typeof line}.`);
    }
  });
}

function isEligible(line: AllocationLine): boolean {
  return line.eligible !== false && line.amountCents > 0;
}

function checkCount(entry: ReturnedLine, field: 'quantity' | 'ofQuantity', value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new AllocationError(
      'invalid_quantity',
      `Line "${entry.id}": ${field} must be a positive whole number, got ${String(value)}.`,
      entry.id,
    );
  }
}

/** The cents of a share `share` carried by `k` of its `n` units (see {@link refundForReturn}). */
function carried(share: number, k: number, n: number): number {
  // With n >= 1, `remainder >= n - remainder` is `2 * remainder >= n` without overflow, and false for 0.
  if (share * k <= Number.MAX_SAFE_INTEGER) {
    const product = share * k;
    const remainder = product % n;
    return (product - remainder) / n + (remainder >= n - remainder ? 1 : 0);
  }
  const product = BigInt(share) * BigInt(k);
  const bigN = BigInt(n);
  const remainder = product % bigN;
  return Number(product / bigN) + (remainder >= bigN - remainder ? 1 : 0);
}
