// Times allocateReward and refundForReturn on a 10,000-line sale: the median of several runs
// after a warm-up. Prints figures only (the target is under 5 ms per allocation).
// Run: node --import tsx scripts/bench-allocation.ts
import { performance } from 'node:perf_hooks';
import { allocateReward, refundForReturn } from '../src/rules/index.js';
import type { AllocationLine, ReturnedLine } from '../src/rules/index.js';

const LINES = 10_000;
const WARMUP = 20;
const RUNS = 31;

// A deterministic pseudo-random sale (mulberry32), so runs are comparable.
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sale(count: number, maxCents: number): AllocationLine[] {
  const next = random(42);
  return Array.from({ length: count }, (_, i) => ({
    id: `line-${i}`,
    amountCents: i % 50 === 7 ? -Math.floor(next() * maxCents) : Math.floor(next() * maxCents) + 1,
    eligible: i % 100 !== 3,
  }));
}

function eligibleTotal(lines: readonly AllocationLine[]): number {
  return lines.reduce((sum, line) => (line.eligible !== false && line.amountCents > 0 ? sum + line.amountCents : sum), 0);
}

function median(run: () => unknown): number {
  for (let i = 0; i < WARMUP; i++) run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const report = (label: string, ms: number) => console.log(`${label.padEnd(62)} ${ms.toFixed(3).padStart(8)} ms`);

console.log(`${LINES} lines, median of ${RUNS} runs after ${WARMUP} warm-up runs (target: allocation under 5 ms)\n`);

// Till-sized lines (up to $2,000): every product fits in a double.
const small = sale(LINES, 200_000);
const smallAmount = Math.floor(eligibleTotal(small) * 0.37) + 1;
report('allocateReward, lines up to $2,000', median(() => allocateReward(smallAmount, small)));

// Lines up to $10M: amount * line passes 2^53, so the BigInt path runs.
const large = sale(LINES, 1_000_000_000);
const largeAmount = Math.floor(eligibleTotal(large) * 0.37) + 1;
report('allocateReward, lines up to $10M (BigInt path)', median(() => allocateReward(largeAmount, large)));

const allocation = allocateReward(smallAmount, small);
const whole: ReturnedLine[] = allocation.map((line) => ({ id: line.id }));
report('refundForReturn, every line whole in one return', median(() => refundForReturn(allocation, whole)));

// Every line sold as 7 units: 3 came back before, 2 come back now.
const before: ReturnedLine[] = allocation.map((line) => ({ id: line.id, quantity: 3, ofQuantity: 7 }));
const partial: ReturnedLine[] = allocation.map((line) => ({ id: line.id, quantity: 2, ofQuantity: 7 }));
report('refundForReturn, 2 of 7 units of every line, 3 returned before', median(() => refundForReturn(allocation, partial, before)));
