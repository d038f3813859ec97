/**
 * Runs the member lookup benchmark (bench/lookup.bench.ts) in headless Chromium and lets it
 * print its figures. The elements need a real browser, so the benchmark itself is a
 * @web/test-runner file; this is only a shortcut: `npx tsx scripts/bench-lookup.ts`.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const wtr = join('node_modules', '.bin', 'wtr');
const result = spawnSync(wtr, ['--files', 'bench/lookup.bench.ts'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
