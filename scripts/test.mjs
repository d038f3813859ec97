// `npm test`: typecheck, size budgets, the Storybook build, the package checks and the consumer
// apps, then the Node tests (node:test through tsx), then every browser test in headless
// Chromium (@web/test-runner). Finds or installs Chromium first, so a fresh machine needs
// nothing but `npm ci`. Stops at the first stage that fails.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium } from './find-chromium.mjs';

const args = new Set(process.argv.slice(2));
const bin = (name) => join('node_modules', '.bin', name);

const totals = { passed: 0, failed: 0 };

/** Runs one stage, echoing its output and counting the tests it reports. */
function run(label, command, commandArgs, { env = {}, count } = {}) {
  console.log(`\n▶ ${label}`);
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
    });
    child.on('close', (code, signal) => {
      if (count) count(output);
      if (code !== 0) {
        console.error(`\n✖ ${label} failed (exit ${code ?? signal})`);
        summary();
        process.exit(code || 1);
      }
      resolve();
    });
  });
}

function summary() {
  // One plain line a CI reader can count: "tests: N passed, N failed".
  console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed`);
}

/** node:test's TAP totals. */
function countNode(output) {
  totals.passed += Number(/^# pass (\d+)/m.exec(output)?.[1] ?? 0);
  totals.failed += Number(/^# fail (\d+)/m.exec(output)?.[1] ?? 0);
}

/** @web/test-runner's last progress line. */
function countBrowser(output) {
  const all = [...output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').matchAll(/(\d+) passed, (\d+) failed/g)];
  const last = all.at(-1);
  if (last) {
    totals.passed += Number(last[1]);
    totals.failed += Number(last[2]);
  }
}

function filesUnder(dir, suffix) {
  let out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(filesUnder(path, suffix));
    else if (name.endsWith(suffix)) out.push(path);
  }
  return out.sort();
}

const chromium = findChromium();

if (!args.has('--browser-only')) {
  await run('typecheck (tsc --noEmit)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
  await run('size budgets (minified + gzipped)', process.execPath, ['scripts/budgets.mjs']);
  // What designers open (the stories themselves are rendered with axe in the browser tests).
  await run('Storybook build', bin('storybook'), ['build', '--output-dir', 'storybook-static', '--quiet'], { env: { STORYBOOK_DISABLE_TELEMETRY: '1' } });
  // The built, packed package as a consumer gets it: publint, attw, every entry imported in
  // Node, and the drop-in bundle in Chromium.
  await run('package checks (build, npm pack, publint, attw)', process.execPath, ['test/package/check-package.mjs'], { env: { CHROME_PATH: chromium } });
  // The packed kit installed into six apps integrators build (README quick start, React, Vue,
  // webpack, esbuild, drop-in): typechecked strictly, built for production, Ava scanned in
  // Chromium. dist/ was just built by the package checks.
  await run('consumer apps (npm pack, install, tsc, build, scan in Chromium)', process.execPath, ['test/package/check-consumers.mjs', '--no-build'], { env: { CHROME_PATH: chromium } });
  const nodeTests = filesUnder('test/node', '.test.ts');
  await run('Node tests (node:test)', process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', ...nodeTests], { count: countNode });
}
if (!args.has('--node-only')) {
  await run('msw service worker for browser tests', bin('msw'), ['init', '.wtr-public', '--no-save']);
  await run('browser tests (@web/test-runner, headless Chromium)', bin('wtr'), [], { env: { CHROME_PATH: chromium }, count: countBrowser });
}
console.log('\n✔ all stages passed');
summary();
