/**
 * The fault-injection suite: seeded random checkouts per condition of issues 11 and 15 (two tabs,
 * late landings, returns retried, no Web Locks, corrupt journals, real Omneo's answers, ignored
 * pages), each audited against the mock tenant after a final recovery (see
 * test/support/checkout-world.ts for the invariants). A failure names its condition and seed, so
 * `runScenario(condition, seed)` replays it. `npm run faults` runs 10,000 of each and prints counts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as rules from '../../src/rules/index.js';
import { CONDITIONS, loadTab, runCondition, type Condition } from '../support/checkout-scenarios.ts';

const SCENARIOS = Number(process.env.FAULT_SCENARIOS ?? 200);

/** What each condition must reach, so its audit had something to check. */
const ENDINGS: Record<Condition, string[]> = {
  plain: ['recorded', 'reversed', 'refunded'],
  'two-tabs': ['recorded', 'reversed'],
  'late-landing': ['recorded', 'reversed', 'refunded'],
  'landing-after-settle': ['recorded', 'reversed', 'refunded'],
  returns: ['recorded+returned'],
  'no-web-locks': ['recorded', 'refunded'],
  'corrupt-journal': ['recorded', 'reversed'],
  'real-omneo': ['recorded', 'reversed'],
  'ignored-pages': ['recorded', 'reversed'],
};

test('each tab runs its own copy of the kit\'s modules', async () => {
  const [a, b] = await Promise.all([loadTab('A'), loadTab('B')]);
  assert.notEqual(a.rules.RedemptionFlow, b.rules.RedemptionFlow);
  assert.notEqual(a.rules.RedemptionFlow, rules.RedemptionFlow);
  assert.notEqual(a.client.OmneoError, b.client.OmneoError);
});

/**
 * Conditions that find bugs in src/rules, reported to its owner: they run, and their failures
 * are listed as TODO (not failing the suite) until the rules are fixed. Replay a seed with
 * `npm run faults -- --condition NAME --trace SEED`.
 */
const KNOWN: Partial<Record<Condition, string>> = {
  'late-landing':
    'rules: live-unpaid/balance/stuck. (1) createOnce forgets a redeem whose first answer was lost once the re-send is refused (seed 123: the held redeem lands, the re-send gets 422, removeOwn drops the entry, the landed redemption stays live); (2) settle pairs an unlinked reversal with the wrong redemption when a late landing has the same total and second (seed 20: reversal of 10001 read as reversing the stray 10003; reversing/refunding 10001 is refused forever, the entry stays settling, 10003 stays live)',
  'two-tabs': 'rules: live-unpaid/balance/stuck, the reversal pairing of late-landing seed 20 (seed 106)',
  returns:
    'rules: double-refund/untold-refund. A return whose answer is lost and that lands after the two look-ups is dropped from the journal as "not landed", so the host\'s retry sends it again (seed 198: 111 c returned twice) or the host is never told it landed (seed 59)',
  'landing-after-settle':
    'rules: live-unpaid/live-paid/balance. A redeem that lands after the sale was settled is never looked for: the journal is empty, so no recovery reconciles the sale (seed 4: recorded 10001, the first redeem lands after the upsert as 10004 and stays live)',
};

for (const condition of CONDITIONS) {
  const todo = KNOWN[condition];
  test(`${condition}: ${SCENARIOS} seeded checkouts leave nothing live, doubled, drifted or stuck`, todo ? { todo } : {}, async () => {
    const results = await runCondition(condition, SCENARIOS);
    const failures = results.flatMap((r) => r.violations.map((v) => `${condition} seed ${r.seed} (${r.ending}; faults ${r.faults.join(', ')}): ${v}`));
    assert.deepEqual(failures.slice(0, 10), []);
    for (const outcome of ENDINGS[condition]) {
      assert.ok(results.some((r) => r.ending.endsWith(`-> ${outcome}`)), `no checkout ended ${outcome}`);
    }
  });
}
