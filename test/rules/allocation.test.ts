import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { AllocationError, allocateReward, refundForReturn } from '../../src/rules/index.js';
import type { AllocatedLine, AllocationErrorCode, AllocationLine, ReturnedLine } from '../../src/rules/index.js';

const MAX = Number.MAX_SAFE_INTEGER;

// Mostly till-sized amounts, some returns (negative), and now and then amounts large enough
// that amount * line passes 2^53 and the total passes MAX_SAFE_INTEGER (the BigInt path).
const lineAmount = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -20_000, max: 200_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 9 }) },
  { weight: 1, arbitrary: fc.integer({ min: -(2 ** 40), max: MAX }) },
);

const linesArb: fc.Arbitrary<AllocationLine[]> = fc
  .array(
    fc.record({
      amountCents: lineAmount,
      eligible: fc.option(fc.boolean(), { nil: undefined, freq: 2 }),
    }),
    { maxLength: 25 },
  )
  .map((lines) => lines.map((line, i) => ({ id: `L${i}`, ...line })));

const isEligible = (line: AllocationLine) => line.eligible !== false && line.amountCents > 0;
const eligibleTotal = (lines: readonly AllocationLine[]) =>
  lines.filter(isEligible).reduce((sum, line) => sum + BigInt(line.amountCents), 0n);

/** A sale and an amount that can be allocated over it. */
const caseArb = linesArb.chain((lines) => {
  const total = eligibleTotal(lines);
  const max = total > BigInt(MAX) ? MAX : Number(total);
  return fc.tuple(fc.integer({ min: 0, max }), fc.constant(lines));
});

function expectAllocationError(run: () => unknown, code: AllocationErrorCode, lineId?: string): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected an AllocationError '${code}'`).to.be.instanceOf(AllocationError);
  const error = caught as AllocationError;
  expect(error).to.be.instanceOf(Error);
  expect(error.name).to.equal('AllocationError');
  expect(error.code).to.equal(code);
  expect(error.message).to.be.a('string').that.is.not.empty;
  if (lineId !== undefined) expect(error.lineId).to.equal(lineId);
}

describe('allocateReward', () => {
  it("gives the guide's example: 5000 over 6500 / 11500 / 2500 / 4500 is 1300 / 2300 / 500 / 900", () => {
    const lines = [6500, 11500, 2500, 4500].map((amountCents, i) => ({ id: `item-${i}`, amountCents }));
    expect(allocateReward(5000, lines)).to.deep.equal([
      { id: 'item-0', amountCents: 6500, shareCents: 1300, netCents: 5200 },
      { id: 'item-1', amountCents: 11500, shareCents: 2300, netCents: 9200 },
      { id: 'item-2', amountCents: 2500, shareCents: 500, netCents: 2000 },
      { id: 'item-3', amountCents: 4500, shareCents: 900, netCents: 3600 },
    ]);
  });

  it('gives a tie to the earlier line and skips gift cards and returned items', () => {
    const result = allocateReward(100, [
      { id: 'gift-card', amountCents: 5000, eligible: false },
      { id: 'a', amountCents: 100 },
      { id: 'returned', amountCents: -100 },
      { id: 'b', amountCents: 100 },
      { id: 'free', amountCents: 0 },
      { id: 'c', amountCents: 100 },
    ]);
    expect(result.map((line) => line.shareCents)).to.deep.equal([0, 34, 0, 33, 0, 33]);
    expect(result.map((line) => line.netCents)).to.deep.equal([5000, 66, -100, 67, 0, 67]);
  });

  it('allocates nothing over no lines', () => {
    expect(allocateReward(0, [])).to.deep.equal([]);
    expect(allocateReward(0, [{ id: 'x', amountCents: 0 }])).to.deep.equal([
      { id: 'x', amountCents: 0, shareCents: 0, netCents: 0 },
    ]);
  });

  it('stays exact past 2^53', () => {
    const result = allocateReward(MAX, [
      { id: 'a', amountCents: MAX },
      { id: 'b', amountCents: 3 },
    ]);
    // MAX * MAX / (MAX + 3) = MAX - 3 remainder 9; MAX * 3 / (MAX + 3) = 2 remainder MAX - 6 (larger).
    expect(result.map((line) => line.shareCents)).to.deep.equal([MAX - 3, 3]);
  });

  it('returns every line in input order, with net = amount - share', () => {
    fc.assert(
      fc.property(caseArb, ([amount, lines]) => {
        const result = allocateReward(amount, lines);
        expect(result.map((line) => line.id)).to.deep.equal(lines.map((line) => line.id));
        result.forEach((line, i) => {
          expect(line.amountCents).to.equal(lines[i]!.amountCents);
          expect(line.netCents).to.equal(line.amountCents - line.shareCents);
        });
      }),
    );
  });

  it('shares sum exactly to the amount', () => {
    fc.assert(
      fc.property(caseArb, ([amount, lines]) => {
        const sum = allocateReward(amount, lines).reduce((total, line) => total + BigInt(line.shareCents), 0n);
        expect(sum).to.equal(BigInt(amount));
      }),
    );
  });

  it('no share is negative, fractional, or above its line', () => {
    fc.assert(
      fc.property(caseArb, ([amount, lines]) => {
        for (const line of allocateReward(amount, lines)) {
          expect(Number.isSafeInteger(line.shareCents)).to.equal(true);
          expect(line.shareCents).to.be.at.least(0);
          expect(line.shareCents).to.be.at.most(Math.max(line.amountCents, 0));
        }
      }),
    );
  });

  it('gives nothing to lines that are not eligible, zero or negative', () => {
    fc.assert(
      fc.property(caseArb, ([amount, lines]) => {
        allocateReward(amount, lines).forEach((line, i) => {
          if (!isEligible(lines[i]!)) expect(line.shareCents).to.equal(0);
        });
      }),
    );
  });

  it('a line that is not eligible changes no other share', () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), lineAmount, fc.boolean(), ([amount, lines], at, amountCents, giftCard) => {
        const extra = giftCard
          ? { id: 'extra', amountCents, eligible: false }
          : { id: 'extra', amountCents: -Math.abs(amountCents) };
        const position = at % (lines.length + 1);
        const withExtra = [...lines.slice(0, position), extra, ...lines.slice(position)];
        const shares = allocateReward(amount, withExtra).filter((line) => line.id !== 'extra');
        expect(shares).to.deep.equal(allocateReward(amount, lines));
      }),
    );
  });

  it('is deterministic: the same input always gives the same output', () => {
    fc.assert(
      fc.property(caseArb, ([amount, lines]) => {
        const copy = lines.map((line) => ({ ...line }));
        expect(allocateReward(amount, copy)).to.deep.equal(allocateReward(amount, lines));
      }),
    );
  });

  it('each share is within one cent of its exact proportional value', () => {
    fc.assert(
      fc.property(caseArb, ([amount, lines]) => {
        const total = eligibleTotal(lines);
        allocateReward(amount, lines).forEach((line, i) => {
          if (!isEligible(lines[i]!)) return;
          // |share - amount * line / total| < 1, multiplied through by total.
          const error = BigInt(line.shareCents) * total - BigInt(amount) * BigInt(line.amountCents);
          expect(error < total && -error < total, `share of ${line.id}`).to.equal(true);
        });
      }),
    );
  });

  it('gives the leftover cents to the largest remainders, ties to the earlier line', () => {
    fc.assert(
      fc.property(caseArb, ([amount, lines]) => {
        const total = eligibleTotal(lines);
        const result = allocateReward(amount, lines);
        const ranked = lines.flatMap((line, i) => {
          if (!isEligible(line)) return [];
          const product = BigInt(amount) * BigInt(line.amountCents);
          const floor = total === 0n ? 0n : product / total;
          const remainder = total === 0n ? 0n : product % total;
          return [{ i, remainder, extra: BigInt(result[i]!.shareCents) - floor }];
        });
        for (const a of ranked) {
          expect(a.extra === 0n || a.extra === 1n).to.equal(true);
          for (const b of ranked) {
            // If a got a leftover cent and b did not, a ranks before b.
            if (a.extra === 1n && b.extra === 0n) {
              expect(a.remainder > b.remainder || (a.remainder === b.remainder && a.i < b.i)).to.equal(true);
            }
          }
        }
      }),
    );
  });

  it('over equal lines, the odd cents go to the earliest lines', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 10_000 }), fc.nat(), (n, each, pick) => {
        const amount = pick % (n * each + 1);
        const lines = Array.from({ length: n }, (_, i) => ({ id: `L${i}`, amountCents: each }));
        const shares = allocateReward(amount, lines).map((line) => line.shareCents);
        const base = Math.floor(amount / n);
        expect(shares).to.deep.equal(shares.map((_, i) => base + (i < amount % n ? 1 : 0)));
      }),
    );
  });

  it("throws 'invalid_amount' for an amount that is not a non-negative whole number of cents", () => {
    const lines = [{ id: 'a', amountCents: 1000 }];
    for (const amount of [-1, 1.5, Number.NaN, Infinity, MAX + 1, '10' as unknown as number]) {
      expectAllocationError(() => allocateReward(amount, lines), 'invalid_amount');
    }
  });

  it("throws 'amount_exceeds_eligible' for an amount above the eligible total", () => {
    const lines = [
      { id: 'a', amountCents: 1000 },
      { id: 'gift', amountCents: 5000, eligible: false },
      { id: 'back', amountCents: -500 },
    ];
    expectAllocationError(() => allocateReward(1001, lines), 'amount_exceeds_eligible');
    expectAllocationError(() => allocateReward(1, []), 'amount_exceeds_eligible');
    expect(allocateReward(1000, lines).map((line) => line.shareCents)).to.deep.equal([1000, 0, 0]);
  });

  it("throws 'invalid_line_amount' for a line amount that is not a whole number of cents", () => {
    for (const amountCents of [10.5, Number.NaN, -Infinity, MAX + 1]) {
      expectAllocationError(
        () => allocateReward(0, [{ id: 'ok', amountCents: 100 }, { id: 'bad', amountCents }]),
        'invalid_line_amount',
        'bad',
      );
    }
  });

  it("throws 'duplicate_line_id' when two lines share an id", () => {
    const lines = [
      { id: 'a', amountCents: 100 },
      { id: 'b', amountCents: 100 },
      { id: 'a', amountCents: 0, eligible: false },
    ];
    expectAllocationError(() => allocateReward(50, lines), 'duplicate_line_id', 'a');
  });

  it("throws an AllocationError, not a TypeError, for lines that are null or not an array", () => {
    for (const lines of [null, undefined, 'a,b', 42, { length: 1, 0: { id: 'a', amountCents: 100 } }]) {
      expectAllocationError(() => allocateReward(0, lines as unknown as AllocationLine[]), 'invalid_line_amount');
    }
    for (const line of [null, undefined, 7, 'line']) {
      expectAllocationError(
        () => allocateReward(0, [{ id: 'a', amountCents: 100 }, line as unknown as AllocationLine]),
        'invalid_line_amount',
      );
    }
  });

  it("throws 'invalid_quantity' for a sale line whose quantity is NaN or Infinity, so it never reaches the wire as null", () => {
    for (const quantity of [Number.NaN, Infinity, -Infinity]) {
      expectAllocationError(
        () => allocateReward(100, [{ id: 'ok', amountCents: 100, quantity: 1 }, { id: 'bad', amountCents: 100, quantity }]),
        'invalid_quantity',
        'bad',
      );
      // Refused even when nothing is redeemed against the line.
      expectAllocationError(() => allocateReward(0, [{ id: 'gift', amountCents: 100, eligible: false, quantity }]), 'invalid_quantity', 'gift');
    }
    const sale = [{ id: 'coffee', amountCents: 450, quantity: 0.25 }, { id: 'mug', amountCents: 1550, quantity: 1 }];
    expect(allocateReward(400, sale).map((line) => line.shareCents)).to.deep.equal([90, 310]);
  });

  it('treats -0 as 0 and never answers -0', () => {
    const result = allocateReward(-0, [{ id: 'a', amountCents: -0 }, { id: 'b', amountCents: 300 }]);
    expect(result).to.deep.equal([
      { id: 'a', amountCents: 0, shareCents: 0, netCents: 0 },
      { id: 'b', amountCents: 300, shareCents: 0, netCents: 300 },
    ]);
    for (const line of result) {
      for (const value of [line.amountCents, line.shareCents, line.netCents]) expect(Object.is(value, -0)).to.equal(false);
    }
    const full = allocateReward(300, [{ id: 'a', amountCents: -0 }, { id: 'b', amountCents: 300 }]);
    expect(full.map((line) => line.shareCents)).to.deep.equal([0, 300]);
    expect(Object.is(full[1]!.netCents, -0)).to.equal(false);
  });
});

/** Splits `units` into random positive steps. */
const stepsArb = (units: number) =>
  fc
    .uniqueArray(fc.integer({ min: 1, max: Math.max(1, units - 1) }), { maxLength: units - 1 })
    .map((cuts) => {
      const points = [0, ...cuts.filter((cut) => cut < units).sort((a, b) => a - b), units];
      return points.slice(1).map((point, i) => point - points[i]!);
    });

interface LinePlan {
  units: number;
  steps: number[];
  /** Send the last step without quantity ("the rest of the line"). */
  lastWhole: boolean;
}

const planArb = caseArb.chain(([amount, lines]) =>
  fc.tuple(
    fc.constant(amount),
    fc.constant(lines),
    fc.tuple(
      ...lines.map(() =>
        fc.integer({ min: 1, max: 12 }).chain((units) =>
          fc.record({ units: fc.constant(units), steps: stepsArb(units), lastWhole: fc.boolean() }),
        ),
      ),
    ) as fc.Arbitrary<LinePlan[]>,
  ),
);

/** Round r returns the r-th step of every line that has one, in alternating order. */
function returnsOf(lines: readonly AllocatedLine[], plans: readonly LinePlan[]): ReturnedLine[][] {
  const rounds = Math.max(0, ...plans.map((plan) => plan.steps.length));
  return Array.from({ length: rounds }, (_, r) => {
    const entries = lines.flatMap((line, i): ReturnedLine[] => {
      const plan = plans[i]!;
      const quantity = plan.steps[r];
      if (quantity === undefined) return [];
      if (plan.lastWhole && r === plan.steps.length - 1) return [{ id: line.id }];
      return [{ id: line.id, quantity, ofQuantity: plan.units }];
    });
    return r % 2 === 0 ? entries : entries.reverse();
  });
}

describe('refundForReturn', () => {
  const sale = allocateReward(5000, [
    { id: 'shirt', amountCents: 6500 },
    { id: 'jeans', amountCents: 11500 },
    { id: 'socks', amountCents: 2500 },
    { id: 'gift', amountCents: 4500, eligible: false },
  ]);
  // Shares: shirt 1585, jeans 2805, socks 610, gift 0.

  it('gives back exactly the share of a whole line', () => {
    const refund = refundForReturn(sale, [{ id: 'jeans' }, { id: 'gift' }]);
    const jeans = sale.find((line) => line.id === 'jeans')!;
    expect(refund).to.deep.equal({
      totalCents: jeans.shareCents,
      lines: [
        { id: 'jeans', refundCents: jeans.shareCents },
        { id: 'gift', refundCents: 0 },
      ],
    });
  });

  it('splits a share across units by the remainder rule, a half cent to the customer', () => {
    const [three] = allocateReward(100, [{ id: 'three', amountCents: 300 }]);
    const step = (previous: ReturnedLine[]) =>
      refundForReturn([three!], [{ id: 'three', quantity: 1, ofQuantity: 3 }], previous).totalCents;
    const one = { id: 'three', quantity: 1, ofQuantity: 3 };
    // carried(1) = 33 (33.3), carried(2) = 67 (66.7), carried(3) = 100.
    expect([step([]), step([one]), step([one, one])]).to.deep.equal([33, 34, 33]);

    const [two] = allocateReward(5, [{ id: 'two', amountCents: 10 }]);
    expect(refundForReturn([two!], [{ id: 'two', quantity: 1, ofQuantity: 2 }]).totalCents).to.equal(3);
    expect(
      refundForReturn([two!], [{ id: 'two' }], [{ id: 'two', quantity: 1, ofQuantity: 2 }]).totalCents,
    ).to.equal(2);
  });

  it('returning every line whole gives back exactly the redeemed amount', () => {
    fc.assert(
      fc.property(caseArb, ([amount, lines]) => {
        const allocation = allocateReward(amount, lines);
        const refund = refundForReturn(allocation, allocation.map((line) => ({ id: line.id })));
        expect(refund.totalCents).to.equal(amount);
        expect(refund.lines.map((line) => line.refundCents)).to.deep.equal(allocation.map((line) => line.shareCents));
      }),
    );
  });

  it('returning every unit in any number of steps gives back exactly each share, and the amount', () => {
    fc.assert(
      fc.property(planArb, ([amount, lines, plans]) => {
        const allocation = allocateReward(amount, lines);
        const refunded = new Map<string, number>();
        const unitsBack = new Map<string, number>();
        const previous: ReturnedLine[] = [];
        let total = 0;
        for (const returned of returnsOf(allocation, plans)) {
          const refund = refundForReturn(allocation, returned, previous);
          expect(refund.lines.map((line) => line.id)).to.deep.equal(returned.map((entry) => entry.id));
          expect(refund.totalCents).to.equal(refund.lines.reduce((sum, line) => sum + line.refundCents, 0));
          for (const { id, refundCents } of refund.lines) {
            expect(refundCents).to.be.at.least(0);
            refunded.set(id, (refunded.get(id) ?? 0) + refundCents);
          }
          // Every running total is within half a cent of the proportional value.
          returned.forEach((entry) => {
            const i = allocation.findIndex((line) => line.id === entry.id);
            const { units, steps } = plans[i]!;
            const k = (unitsBack.get(entry.id) ?? 0) + (entry.quantity ?? steps[steps.length - 1]!);
            unitsBack.set(entry.id, k);
            const share = BigInt(allocation[i]!.shareCents);
            const error = 2n * BigInt(units) * BigInt(refunded.get(entry.id)!) - 2n * share * BigInt(k);
            expect(error <= BigInt(units) && -error <= BigInt(units), `running refund of ${entry.id}`).to.equal(true);
          });
          total += refund.totalCents;
          previous.push(...returned);
        }
        for (const line of allocation) expect(refunded.get(line.id) ?? 0).to.equal(line.shareCents);
        expect(total).to.equal(amount);
      }),
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(planArb, ([amount, lines, plans]) => {
        const allocation = allocateReward(amount, lines);
        const [first = []] = returnsOf(allocation, plans);
        expect(refundForReturn(allocation, first)).to.deep.equal(refundForReturn(allocation, first));
      }),
    );
  });

  it('gives back nothing for nothing returned', () => {
    expect(refundForReturn(sale, [])).to.deep.equal({ totalCents: 0, lines: [] });
  });

  it("throws 'unknown_line_id' for a line not in the allocation", () => {
    expectAllocationError(() => refundForReturn(sale, [{ id: 'hat' }]), 'unknown_line_id', 'hat');
    expectAllocationError(() => refundForReturn(sale, [{ id: 'shirt' }], [{ id: 'hat' }]), 'unknown_line_id', 'hat');
  });

  it("throws 'invalid_quantity' for quantities that are not positive whole numbers, or that disagree", () => {
    for (const quantity of [0, -1, 1.5, Number.NaN, Infinity]) {
      expectAllocationError(
        () => refundForReturn(sale, [{ id: 'shirt', quantity, ofQuantity: 3 }]),
        'invalid_quantity',
        'shirt',
      );
    }
    for (const ofQuantity of [0, -2, 2.5]) {
      expectAllocationError(() => refundForReturn(sale, [{ id: 'shirt', quantity: 1, ofQuantity }]), 'invalid_quantity');
    }
    expectAllocationError(() => refundForReturn(sale, [{ id: 'shirt', quantity: 1 }]), 'invalid_quantity', 'shirt');
    expectAllocationError(
      () =>
        refundForReturn(sale, [{ id: 'shirt', quantity: 1, ofQuantity: 4 }], [{ id: 'shirt', quantity: 1, ofQuantity: 3 }]),
      'invalid_quantity',
      'shirt',
    );
  });

  it("throws 'return_exceeds_line' for more units than the line has left", () => {
    expectAllocationError(
      () => refundForReturn(sale, [{ id: 'shirt', quantity: 4, ofQuantity: 3 }]),
      'return_exceeds_line',
      'shirt',
    );
    expectAllocationError(
      () =>
        refundForReturn(sale, [{ id: 'shirt', quantity: 2, ofQuantity: 3 }], [{ id: 'shirt', quantity: 2, ofQuantity: 3 }]),
      'return_exceeds_line',
      'shirt',
    );
    expectAllocationError(() => refundForReturn(sale, [{ id: 'socks' }], [{ id: 'socks' }]), 'return_exceeds_line', 'socks');
    expectAllocationError(
      () => refundForReturn(sale, [{ id: 'shirt', quantity: 1, ofQuantity: 3 }], [{ id: 'shirt' }]),
      'return_exceeds_line',
      'shirt',
    );
  });

  it('throws an AllocationError, not a TypeError, for an allocation or a return that is null or not an array', () => {
    for (const bad of [null, undefined, 'shirt', 3, { id: 'shirt' }]) {
      expectAllocationError(() => refundForReturn(bad as unknown as AllocatedLine[], [{ id: 'shirt' }]), 'invalid_line_amount');
      if (bad !== undefined) {
        expectAllocationError(() => refundForReturn(sale, bad as unknown as ReturnedLine[]), 'invalid_quantity');
        expectAllocationError(() => refundForReturn(sale, [], bad as unknown as ReturnedLine[]), 'invalid_quantity');
      }
    }
    expectAllocationError(() => refundForReturn(sale, undefined as unknown as ReturnedLine[]), 'invalid_quantity');
    expectAllocationError(() => refundForReturn([...sale, null as unknown as AllocatedLine], []), 'invalid_line_amount');
    expectAllocationError(() => refundForReturn(sale, [{ id: 'shirt' }, null as unknown as ReturnedLine]), 'invalid_quantity');
  });

  it('treats a share or refund of -0 as 0', () => {
    const zero = [{ id: 'a', amountCents: 100, shareCents: -0, netCents: 100 }];
    const refund = refundForReturn(zero, [{ id: 'a', quantity: 1, ofQuantity: 3 }]);
    expect(refund).to.deep.equal({ totalCents: 0, lines: [{ id: 'a', refundCents: 0 }] });
    expect(Object.is(refund.totalCents, -0) || Object.is(refund.lines[0]!.refundCents, -0)).to.equal(false);
    // A quantity of -0 is a quantity of 0: refused like it.
    expectAllocationError(() => refundForReturn(sale, [{ id: 'shirt', quantity: -0, ofQuantity: 3 }]), 'invalid_quantity', 'shirt');
  });

  it("throws 'duplicate_line_id' for a line named twice in one return", () => {
    expectAllocationError(
      () =>
        refundForReturn(sale, [
          { id: 'shirt', quantity: 1, ofQuantity: 3 },
          { id: 'shirt', quantity: 1, ofQuantity: 3 },
        ]),
      'duplicate_line_id',
      'shirt',
    );
  });
});
