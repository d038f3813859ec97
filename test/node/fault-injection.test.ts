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
import { CONDITIONS, loadTab, runCondition, type Condition, type ScenarioResult } from '../support/checkout-scenarios.ts';

const SCENARIOS = Number(process.env.FAULT_SCENARIOS ?? 200);

/** What each condition must reach, so its audit had something to check. */
const ENDINGS: Record<Condition, string[]> = {
  plain: ['recorded', 'reversed', 'refunded'],
  'two-tabs': ['recorded', 'reversed'],
  'late-landing': ['recorded', 'reversed', 'refunded'],
  'landing-after-settle': ['recorded', 'reversed'],
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
 * Bugs in src/rules that these conditions find, reported to its owner. Violations that match a
 * known bug are listed under a TODO test (it does not fail the suite) until the rules are fixed;
 * any other violation fails. Replay a seed with `npm run faults -- --condition NAME --trace SEED`.
 */
const BUGS = {
  refusedResend:
    'createOnce forgets a redeem whose answer was lost once the re-send fails for sure (422: the balance is already spent, or a 5xx): removeOwn drops the entry though the first write landed or may still land, so nothing ever settles it (late-landing seed 123, landing-after-settle seed 166)',
  reversalPairing:
    'settle pairs a reversal it did not link with the wrong redemption when a stray has the same total and second: its own reversal is read as the stray\'s, reversing and refunding its own redemption are refused forever (422, not quarantined), the entry stays settling and the stray stays live (late-landing seed 20, two-tabs seed 106)',
  returnResent:
    'refund() takes a lost return that its two look-ups did not see as not landed: the entry is dropped, the host\'s retry sends it again (returns seed 198: 111 c returned twice) or the host is told it failed when it landed (returns seed 59)',
  refusedPaid:
    'a paid entry whose transaction Omneo refuses (422) is retried on every recovery and never quarantined (corrupt-journal seed 14)',
};
const UNSETTLED = /^(live-unpaid|live-paid|balance|stuck):/;
const KNOWN: Partial<Record<Condition, { bugs: string[]; matches: RegExp }>> = {
  'late-landing': { bugs: [BUGS.refusedResend, BUGS.reversalPairing], matches: UNSETTLED },
  'two-tabs': { bugs: [BUGS.reversalPairing], matches: UNSETTLED },
  'real-omneo': { bugs: [BUGS.refusedResend], matches: /^(live-unpaid|balance):/ },
  returns: { bugs: [BUGS.returnResent], matches: /^(double-refund|untold-refund):/ },
  'landing-after-settle': { bugs: [BUGS.refusedResend], matches: UNSETTLED },
  'corrupt-journal': { bugs: [BUGS.refusedPaid], matches: /^stuck: junk-\d+-\d+#rewards left in the journal \(.*"stage":"paid"/ },
};

const describeFailure = (condition: Condition, r: ScenarioResult, v: string) =>
  `${condition} seed ${r.seed} (${r.ending}; faults ${r.faults.join(', ')}): ${v}`;

for (const condition of CONDITIONS) {
  const known = KNOWN[condition];
  let run: Promise<ScenarioResult[]> | undefined;
  const results = () => (run ??= runCondition(condition, SCENARIOS));
  test(`${condition}: ${SCENARIOS} seeded checkouts leave nothing live, doubled, drifted or stuck${known ? ' (but for the known bugs below)' : ''}`, async () => {
    const all = await results();
    const failures = all.flatMap((r) => r.violations.filter((v) => !known?.matches.test(v)).map((v) => describeFailure(condition, r, v)));
    assert.deepEqual(failures.slice(0, 10), []);
    for (const outcome of ENDINGS[condition]) {
      assert.ok(all.some((r) => r.ending.endsWith(`-> ${outcome}`)), `no checkout ended ${outcome}`);
    }
  });
  if (known) {
    test(`${condition}: no violation from a known rules bug`, { todo: known.bugs.join(' | ') }, async () => {
      const all = await results();
      const failures = all.flatMap((r) => r.violations.filter((v) => known.matches.test(v)).map((v) => describeFailure(condition, r, v)));
      assert.deepEqual(failures.slice(0, 5), [], `${failures.length} violations`);
    });
  }
}
