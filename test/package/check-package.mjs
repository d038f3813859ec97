// `npm run check-package`: the package as npm would publish it. Builds, packs into a temporary
// folder, then:
//   1. publint on the tarball (errors fail; warnings and suggestions are shown);
//   2. attw (@arethetypeswrong/cli) on the tarball, ESM-only profile (the package has no CJS);
//   3. installs the tarball's contents as `omneo-pos-kit` and imports every JavaScript entry of
//      its `exports` by name in plain Node: nothing may throw, nor need window or document;
//   4. loads the tarball's dist/omneo-pos-kit.bundle.js with `<script type="module">` alone in
//      headless Chromium: the four tags are defined, the API is exported, an element renders.
// Prints one line per check and exits 1 if any failed.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from '../../scripts/find-chromium.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const results = [];

function run(label, command, args, options = {}) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', ...options });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  process.stdout.write(output);
  return { ok: result.status === 0, output };
}

function record(label, ok, detail = '') {
  results.push({ label, ok, detail });
}

const build = run('npm run build', 'npm', ['run', 'build', '--silent']);
record('build', build.ok);
if (!build.ok) finish();

const work = mkdtempSync(join(tmpdir(), 'omneo-pack-'));
console.log('\n▶ npm pack');
const pack = spawnSync('npm', ['pack', '--pack-destination', work, '--json', '--silent'], { cwd: root, encoding: 'utf8' });
pack.output = pack.stdout ?? '';
let tarball = '';
try {
  const [info] = JSON.parse(pack.output.slice(pack.output.indexOf('[')));
  tarball = join(work, info.filename);
  const kb = (statSync(tarball).size / 1024).toFixed(1);
  record('npm pack', true, `${info.filename}, ${info.entryCount} files, ${kb} KB`);
} catch (error) {
  record('npm pack', false, String(error));
  finish();
}

const publint = run('publint', bin('publint'), ['run', tarball, '--pack', 'false']);
record('publint', publint.ok, publint.ok ? (/All good!/.test(publint.output) ? 'all good' : 'no errors (see messages above)') : 'errors');

run('attw (esm-only profile)', bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'table-flipped', '--no-color']);
// attw's exit code counts problems the profile ignores when they are reported by resolution
// *option* (InternalResolutionError under node10), so the verdict is read from its JSON.
const IGNORED = ['node10', 'node16-cjs'];
// Into a file: piped, attw's long JSON is cut short when it exits.
const attwFile = join(work, 'attw.json');
const attwFd = openSync(attwFile, 'w');
spawnSync(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'json'], { cwd: root, stdio: ['ignore', attwFd, 'inherit'] });
closeSync(attwFd);
try {
  const grouped = JSON.parse(readFileSync(attwFile, 'utf8')).problems ?? {};
  const problems = Array.isArray(grouped) ? grouped : Object.values(grouped).flat();
  const counted = problems.filter((p) => !IGNORED.includes(p.resolutionKind ?? p.resolutionOption));
  for (const p of counted) console.log(`✖ attw: ${p.kind} ${p.entrypoint ?? p.fileName ?? ''} (${p.resolutionKind ?? p.resolutionOption ?? ''})`);
  record('attw', counted.length === 0, counted.length === 0 ? `no problems for node16 (ESM) and bundlers (${problems.length} under ignored node10/node16-cjs)` : `${counted.length} problems`);
} catch (error) {
  record('attw', false, `unreadable output: ${String(error)}`);
}

// A consumer of our own in the temporary folder: the unpacked package, and its dependencies
// linked from the repository's node_modules (which this check never writes to), so two runs
// or two checkouts sharing node_modules cannot trip over each other.
const consumer = join(work, 'consumer');
const installed = join(consumer, 'node_modules', 'omneo-pos-kit');
mkdirSync(installed, { recursive: true });
for (const name of readdirSync(join(root, 'node_modules'))) {
  if (name === 'omneo-pos-kit' || name.startsWith('.')) continue;
  symlinkSync(join(root, 'node_modules', name), join(consumer, 'node_modules', name));
}
const untar = run('unpack', 'tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
if (untar.ok) {
  const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  const entries = Object.entries(pkg.exports)
    .filter(([, target]) => typeof target === 'object' && typeof target.default === 'string' && target.default.endsWith('.js'))
    .map(([key]) => `omneo-pos-kit${key.slice(1)}`);
  // One fresh Node per entry: what one entry leaves on globalThis cannot hide another's failure.
  const script = `
    const name = process.argv[1];
    await import(name);
    for (const g of ['window', 'document']) if (g in globalThis) throw new Error(name + ' left a ' + g + ' global behind');
    console.log('ok ' + name);`;
  const failed = [];
  for (const entry of entries) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, entry], { cwd: consumer, encoding: 'utf8' });
    if (r.status !== 0) failed.push(`${entry}: ${(r.stderr || r.stdout).trim().split('\n').slice(0, 6).join('\n    ')}`);
  }
  console.log(`\n▶ import every entry in Node (${entries.length})\n${entries.join('\n')}`);
  for (const f of failed) console.log(`✖ ${f}`);
  record('Node import of every entry', failed.length === 0, `${entries.length - failed.length}/${entries.length} imported`);
} else {
  record('Node import of every entry', false, 'could not unpack');
}
if (untar.ok) await checkTagsSurviveBundling(consumer);
if (untar.ok) await checkDropIn(join(installed, 'dist', 'omneo-pos-kit.bundle.js'));
rmSync(work, { recursive: true, force: true });
finish();

/**
 * What a consumer's bundler keeps of each tag-registering entry: esbuild over the installed
 * package honours `sideEffects` as Vite, webpack and Rollup do, so an entry whose define calls sit
 * in a module the list leaves out bundles to nothing (a blank page, no error).
 */
async function checkTagsSurviveBundling(cwd) {
  console.log('\n▶ tags survive a bundler (esbuild, sideEffects honoured)');
  const { build } = await import('esbuild');
  const all = ['omneo-member-lookup', 'omneo-balance', 'omneo-benefit-picker', 'omneo-redemption-panel'];
  const expected = {
    'omneo-pos-kit': all,
    'omneo-pos-kit/member-lookup': ['omneo-member-lookup'],
    'omneo-pos-kit/balance': ['omneo-balance'],
    'omneo-pos-kit/benefit-picker': ['omneo-benefit-picker'],
    'omneo-pos-kit/redemption-panel': ['omneo-redemption-panel'],
    'omneo-pos-kit/react': all,
    'omneo-pos-kit/react/member-lookup': ['omneo-member-lookup'],
    'omneo-pos-kit/react/balance': ['omneo-balance'],
    'omneo-pos-kit/react/benefit-picker': ['omneo-benefit-picker'],
    'omneo-pos-kit/react/redemption-panel': ['omneo-redemption-panel'],
  };
  const lost = [];
  for (const [entry, tags] of Object.entries(expected)) {
    const result = await build({
      stdin: { contents: `import '${entry}';`, resolveDir: cwd },
      bundle: true, write: false, format: 'esm', platform: 'browser', logLevel: 'silent', external: ['react', 'react-dom'],
    });
    const code = result.outputFiles[0].text;
    const missing = tags.filter((tag) => !new RegExp(`define\\w*\\(\\s*["']${tag}["']`).test(code));
    if (missing.length) lost.push(`${entry}: ${missing.join(', ')}`);
  }
  for (const l of lost) console.log(`✖ dropped by the bundler: ${l}`);
  record('tags survive bundling', lost.length === 0, lost.length ? `${lost.length} entries lose tags` : `${Object.keys(expected).length} entries keep their define calls`);
}

/** The bundle as a page would use it: one module script, nothing else on the page. */
async function checkDropIn(bundlePath) {
  console.log('\n▶ drop-in bundle in Chromium');
  if (!existsSync(bundlePath)) return record('drop-in bundle', false, 'dist/omneo-pos-kit.bundle.js is not in the package');
  const code = readFileSync(bundlePath);
  const page = `<!doctype html><html lang="en"><body><omneo-balance></omneo-balance>
    <script type="module">
      import * as kit from './omneo-pos-kit.bundle.js';
      const tags = ['omneo-member-lookup', 'omneo-balance', 'omneo-benefit-picker', 'omneo-redemption-panel'];
      await customElements.whenDefined('omneo-balance');
      const balance = document.querySelector('omneo-balance');
      await balance.updateComplete;
      window.result = {
        defined: tags.filter((t) => customElements.get(t)),
        exports: ['createOmneoClient', 'fetchTransport', 'provideOmneoSession', 'allocateReward'].filter((n) => typeof kit[n] === 'function'),
        text: balance.shadowRoot.textContent.trim(),
      };
    </script></body></html>`;
  const server = createServer((req, res) => {
    if (req.url === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    if (req.url === '/omneo-pos-kit.bundle.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(code);
    res.writeHead(404).end();
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const tab = await browser.newPage();
    const errors = [];
    tab.on('pageerror', (e) => errors.push(String(e)));
    await tab.goto(`http://127.0.0.1:${server.address().port}/`);
    const result = await tab.waitForFunction(() => window.result, null, { timeout: 10_000 }).then((h) => h.jsonValue());
    const ok = result.defined.length === 4 && result.exports.length === 4 && result.text !== '' && errors.length === 0;
    console.log(JSON.stringify({ ...result, errors }));
    record('drop-in bundle', ok, `${(code.length / 1024).toFixed(1)} KB; ${result.defined.length}/4 tags defined; <omneo-balance> shows "${result.text}"`);
  } catch (error) {
    record('drop-in bundle', false, String(error));
  } finally {
    await browser.close();
    server.close();
  }
}

function finish() {
  console.log('\nPackage checks:');
  for (const r of results) console.log(`${r.ok ? '✔' : '✖'} ${r.label}${r.detail ? `: ${r.detail}` : ''}`);
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}
