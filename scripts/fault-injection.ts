/**
 * Runs N seeded checkouts with faults (default 10,000) and prints how often each fault was
 * injected, how each checkout ended, and every violation found. Exits 1 on any violation.
 *   node --import tsx scripts/fault-injection.ts [count] [firstSeed]
 */
import { FAULTS, runScenario } from '../test/support/checkout-scenarios.ts';

const count = Number(process.argv[2] ?? 10_000);
const first = Number(process.argv[3] ?? 1);
const faults = new Map(FAULTS.map((f) => [f, 0]));
const endings = new Map<string, number>();
const violations: string[] = [];
const started = performance.now();
for (let seed = first; seed < first + count; seed += 1) {
  const result = await runScenario(seed);
  for (const f of result.faults) faults.set(f, (faults.get(f) ?? 0) + 1);
  const key = `${result.payment} -> ${result.outcome}`;
  endings.set(key, (endings.get(key) ?? 0) + 1);
  for (const v of result.violations) violations.push(`seed ${seed}: ${v}`);
}
const seconds = (performance.now() - started) / 1000;
console.log(`${count} checkouts (seeds ${first}..${first + count - 1}) in ${seconds.toFixed(1)} s\n`);
console.log('faults injected');
for (const [f, n] of faults) console.log(`  ${f.padEnd(12)} ${n}`);
console.log('\npayment -> outcome');
for (const [k, n] of [...endings].sort()) console.log(`  ${k.padEnd(24)} ${n}`);
console.log(`\nviolations: ${violations.length}`);
for (const v of violations.slice(0, 50)) console.log(`  ${v}`);
process.exit(violations.length > 0 ? 1 : 0);
