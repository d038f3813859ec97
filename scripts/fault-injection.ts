/**
 * Runs seeded checkouts with faults, per condition of issues 11 and 15 (default: every condition,
 * 10,000 each), and prints, per condition, how often each fault was injected, how each checkout
 * ended, and every violation found by invariant. Exits 1 on any violation.
 *   node --import tsx scripts/fault-injection.ts [count] [firstSeed] [--condition NAME]... [--concurrency N] [--max N]
 * (`--max N` prints only the first N violations of each condition; all are counted.)
 * Replay one checkout with every request, recovery and the tenant's redemptions printed:
 *   node --import tsx scripts/fault-injection.ts --condition NAME --trace SEED
 */
import { CONDITIONS, runCondition, runScenario, type Condition } from '../test/support/checkout-scenarios.ts';

const args = process.argv.slice(2);
const named: Condition[] = [];
const positional: string[] = [];
let concurrency = 8;
let traceSeed: number | undefined;
let max = Number.POSITIVE_INFINITY;
for (let i = 0; i < args.length; i += 1) {
  const arg = args[i]!;
  if (arg === '--condition' || arg === '-c') named.push(...(args[++i] ?? '').split(',') as Condition[]);
  else if (arg.startsWith('--condition=')) named.push(...(arg.slice(12).split(',') as Condition[]));
  else if (arg === '--concurrency') concurrency = Number(args[++i]);
  else if (arg === '--trace') traceSeed = Number(args[++i]);
  else if (arg === '--max') max = Number(args[++i]);
  else positional.push(arg);
}
for (const c of named) {
  if (!CONDITIONS.includes(c)) {
    console.error(`Unknown condition "${c}". Conditions: ${CONDITIONS.join(', ')}.`);
    process.exit(2);
  }
}
if (traceSeed !== undefined) {
  const condition = named[0] ?? 'plain';
  let tenant: import('../src/mocks/index.js').MockTenant | undefined;
  const result = await runScenario(condition, traceSeed, (world) => {
    tenant = world.tenant;
    world.trace = (line) => console.log(`  ${line.replace(/\?filter.*$/, '')}`);
  });
  console.log(`\n${condition} seed ${traceSeed}: ${result.ending}\nfaults: ${result.faults.join(', ')}\nredemptions of the tenant:`);
  for (const r of tenant!.redemptions()) {
    console.log(`  ${r.id} ${r.type} ${r.totalCents} c sale ${r.transactionExternalId}${r.redemptionId ? ` undoes ${r.redemptionId}` : ''}${r.reversedBy ? ` reversed by ${r.reversedBy}` : ''}${r.returnedCents ? ` returned ${r.returnedCents} c` : ''}`);
  }
  console.log(`violations: ${result.violations.length}\n${result.violations.map((v) => `  ${v}`).join('\n')}`);
  process.exit(result.violations.length > 0 ? 1 : 0);
}
const count = Number(positional[0] ?? 10_000);
const first = Number(positional[1] ?? 1);
if (!Number.isSafeInteger(count) || count < 1 || !Number.isSafeInteger(first)) {
  console.error('Usage: scripts/fault-injection.ts [count] [firstSeed] [--condition NAME] [--concurrency N]');
  process.exit(2);
}

const table = (rows: Map<string, number>, indent = '    ') =>
  [...rows].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${indent}${k.padEnd(28)} ${n}`).join('\n');

let total = 0;
const summary: string[] = [];
for (const condition of named.length > 0 ? named : CONDITIONS) {
  const started = performance.now();
  const faults = new Map<string, number>();
  const endings = new Map<string, number>();
  const byInvariant = new Map<string, number>();
  const violations: string[] = [];
  const results = await runCondition(condition, count, first, concurrency);
  for (const result of results) {
    for (const f of result.faults) faults.set(f, (faults.get(f) ?? 0) + 1);
    endings.set(result.ending, (endings.get(result.ending) ?? 0) + 1);
    for (const v of result.violations) {
      const invariant = v.slice(0, v.indexOf(':'));
      byInvariant.set(invariant, (byInvariant.get(invariant) ?? 0) + 1);
      violations.push(`seed ${result.seed}: ${v}`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`\n== ${condition}: ${count} checkouts (seeds ${first}..${first + count - 1}) in ${seconds.toFixed(1)} s`);
  console.log('  faults injected\n' + table(faults));
  console.log('  payment -> outcome\n' + table(endings));
  console.log(`  violations: ${violations.length}` + (byInvariant.size > 0 ? '\n' + table(byInvariant) : ''));
  for (const v of violations.slice(0, max)) console.log(`    ${v.split('\n')[0]}`);
  if (violations.length > max) console.log(`    … ${violations.length - max} more`);
  summary.push(`  ${condition.padEnd(16)} ${String(violations.length).padStart(6)} violations in ${count}`);
  total += violations.length;
}
console.log(`\nsummary\n${summary.join('\n')}\n  total violations: ${total}`);
process.exit(total > 0 ? 1 : 0);
