// `npm run manifest`: regenerates custom-elements.json (the Custom Elements Manifest, committed)
// from the elements' JSDoc with `cem analyze --litelement` and custom-elements-manifest.config.mjs,
// then the editor data made from it (scripts/editor-data.mjs): vscode.html-custom-data.json and
// web-types.json, committed and shipped beside it.
// `node scripts/manifest.mjs --check` regenerates into a temporary folder instead and exits 1
// when the committed files differ (test/node/manifest.test.ts runs it).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { editorData } from './editor-data.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const MANIFEST = join(root, 'custom-elements.json');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Runs the analyzer with the project's config, writing `custom-elements.json` into `outdir`. */
function analyze(outdir) {
  // The analyzer joins `--outdir` onto the working directory, so it must be relative.
  const args = ['analyze', '--litelement', '--config', 'custom-elements-manifest.config.mjs', '--outdir', relative(root, outdir) || '.', '--quiet'];
  const result = spawnSync(join(root, 'node_modules', '.bin', 'cem'), args, { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`cem analyze failed (exit ${result.status ?? result.signal})`);
  }
}

/** The first path (a.b[2].c) where two JSON values differ, for a readable failure. */
function firstDifference(a, b, path = '') {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || a === null || b === null || typeof a !== 'object') {
    return JSON.stringify(a) === JSON.stringify(b) ? null : `${path || '(root)'}: ${JSON.stringify(a)?.slice(0, 120)} != ${JSON.stringify(b)?.slice(0, 120)}`;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const at = Array.isArray(a) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    const found = firstDifference(a[key], b[key], at);
    if (found) return found;
  }
  return null;
}

if (process.argv.includes('--check')) {
  const dir = mkdtempSync(join(tmpdir(), 'omneo-cem-'));
  try {
    analyze(dir);
    const fresh = readFileSync(join(dir, 'custom-elements.json'), 'utf8');
    let committed = '';
    try {
      committed = readFileSync(MANIFEST, 'utf8');
    } catch {
      console.error('custom-elements.json is missing: run `npm run manifest`.');
      process.exit(1);
    }
    if (fresh !== committed) {
      const where = firstDifference(JSON.parse(committed), JSON.parse(fresh)) ?? 'formatting';
      console.error(`custom-elements.json is stale (first difference, committed != fresh: ${where}). Run \`npm run manifest\`.`);
      process.exit(1);
    }
    for (const [name, text] of Object.entries(editorData(JSON.parse(fresh), pkg))) {
      let committedData = '';
      try {
        committedData = readFileSync(join(root, name), 'utf8');
      } catch {
        // reported below as stale
      }
      if (committedData !== text) {
        console.error(`${name} is stale or missing. Run \`npm run manifest\`.`);
        process.exit(1);
      }
    }
    console.log('custom-elements.json and the editor data are up to date.');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else {
  analyze(root);
  const data = editorData(JSON.parse(readFileSync(MANIFEST, 'utf8')), pkg);
  for (const [name, text] of Object.entries(data)) writeFileSync(join(root, name), text);
  console.log(`Wrote custom-elements.json, ${Object.keys(data).join(', ')}.`);
}
