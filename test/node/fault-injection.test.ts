/**
 * The fault-injection suite: seeded random checkouts with faults at every step, each audited
 * against the mock tenant (see test/support/checkout-scenarios.ts). A failure names its seed,
 * so `runScenario(seed)` replays it exactly. `npm run faults` runs 10,000 and prints counts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runScenario } from '../support/checkout-scenarios.ts';

const SCENARIOS = Number(process.env.FAULT_SCENARIOS ?? 500);

test(`${SCENARIOS} seeded checkouts with faults leave no redemption unsettled, doubled or miscounted`, async () => {
  const failures: string[] = [];
  const outcomes = new Map<string, number>();
  for (let seed = 1; seed <= SCENARIOS; seed += 1) {
    const result = await runScenario(seed);
    outcomes.set(result.outcome, (outcomes.get(result.outcome) ?? 0) + 1);
    if (result.violations.length > 0) {
      failures.push(`seed ${seed} (${result.payment}; faults ${result.faults.join(', ')}): ${result.violations.join('; ')}`);
    }
  }
  assert.deepEqual(failures.slice(0, 10), []);
  // Every kind of ending was reached, so the audit had something to check.
  for (const outcome of ['recorded', 'reversed', 'refunded']) assert.ok((outcomes.get(outcome) ?? 0) > 0, `no ${outcome} checkout`);
});
