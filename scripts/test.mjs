// `npm test`: typecheck, then the Node tests (node:test through tsx), then every browser test
// in headless Chromium (@web/test-runner). Finds or installs Chromium first, so a fresh
// machine needs nothing but `npm ci`. Stops at the first stage that fails.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium } from './find-chromium.mjs';

const args = new Set(process.argv.slice(2));
const bin = (name) => join('node_modules', '.bin', name);

function run(label, command, commandArgs, env = {}) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, commandArgs, {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) {
    console.error(`\n✖ ${label} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
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
  run('typecheck (tsc --noEmit)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
  const nodeTests = filesUnder('test/node', '.test.ts');
  run('Node tests (node:test)', process.execPath, ['--import', 'tsx', '--test', ...nodeTests]);
}
if (!args.has('--node-only')) {
  run('msw service worker for browser tests', bin('msw'), ['init', '.wtr-public', '--no-save']);
  run('browser tests (@web/test-runner, headless Chromium)', bin('wtr'), [], {
    CHROME_PATH: chromium,
  });
}
console.log('\n✔ all stages passed');
