// `npm run check-consumers`: the packed kit in the apps integrators build. Packs the package,
// installs the tarball (from the npm cache or registry) into one temporary folder shared by six
// consumer apps, whose tools (Vite, webpack, esbuild, TypeScript, React, Vue) are linked from the
// repository's node_modules, then for each app:
//   1. typechecks it with `strict` and `skipLibCheck: false` (the kit's .d.ts included);
//   2. builds it for production with its own bundler;
//   3. loads it in headless Chromium, scans Ava's card into the lookup (typed, then Enter) and
//      waits for her balance on screen.
// The apps: the README quick start as written (Vite + TS, through the page's own proxy), React 19
// with the per-wrapper entries, Vue 3 (SFC), webpack 5 (JavaScript, @ts-check), esbuild with the
// per-element entries and the in-page mock (`omneo-pos-kit/mocks`), and the no-bundler drop-in.
// All but the in-page one call `omneo-pos-kit mock-server`, started from the installed tarball.
// Also checks that every dist/react module starts with "use client" and that one React wrapper
// bundles only its own element. Prints one line per check; exits 1 if any failed.
//
// `--no-build` packs dist/ as it is (`npm test` builds it just before, in the package checks).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { findChromium } from '../../scripts/find-chromium.mjs';
import { consumerApps } from './consumer-apps.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const started = performance.now();
const results = [];
const record = (label, ok, detail = '') => results.push({ label, ok, detail });
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** Ava, as the seed has her: the card a cashier scans, and what her balance must show. */
const AVA_CARD = '2770001234567';
const AVA_REWARDS = '$25.00';
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

function sh(label, command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', ...options });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) console.log(`✖ ${label} (exit ${result.status})\n${output.trim()}`);
  return { ok: result.status === 0, output };
}

if (!process.argv.includes('--no-build')) {
  if (!sh('npm run build', 'npm', ['run', 'build', '--silent']).ok) {
    record('build', false);
    finish();
  }
}

const work = mkdtempSync(join(tmpdir(), 'omneo-consumers-'));
const shared = join(work, 'apps');
mkdirSync(shared);
let mock;
let browser;
try {
  await main();
} catch (error) {
  record('consumer stage', false, error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  await browser?.close();
  mock?.child.kill();
  rmSync(work, { recursive: true, force: true });
}
finish();

async function main() {
  // --- the tarball, installed as an integrator installs it -----------------------------------
  const pack = sh('npm pack', 'npm', ['pack', '--pack-destination', work, '--json', '--silent']);
  if (!pack.ok) return record('npm pack', false);
  const [info] = JSON.parse(pack.output.slice(pack.output.indexOf('[')));
  const tarball = join(work, info.filename);
  writeFileSync(join(shared, 'package.json'), JSON.stringify({ name: 'omneo-consumer-apps', private: true, type: 'module' }));
  const install = sh('npm install <tarball>', 'npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', '--loglevel=error'], { cwd: shared });
  if (!install.ok) return record('npm install of the tarball', false);
  const installed = join(shared, 'node_modules', 'omneo-pos-kit');
  // The apps' own tools come from the repository (never written to): only what the install
  // did not bring, so the kit's dependencies are the ones its package.json asks for.
  linkMissing(join(root, 'node_modules'), join(shared, 'node_modules'));
  console.log(`▶ installed ${info.filename} (${kb(statSync(tarball).size)}) with its dependencies from the npm cache/registry (${((performance.now() - started) / 1000).toFixed(1)} s in)`);

  checkUseClient(installed);
  await checkOneWrapper(shared);

  mock = await startMockServer(installed);
  record('mock-server from the tarball', true, `npx omneo-pos-kit mock-server answers on ${mock.baseUrl}`);

  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: findChromium(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });

  for (const app of consumerApps({ root, shared })) {
    const dir = join(shared, app.name);
    for (const [path, content] of Object.entries(app.files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    const verdicts = [];
    const steps = [];
    let mark = performance.now();
    const step = (name) => {
      steps.push(`${name} ${((performance.now() - mark) / 1000).toFixed(1)}`);
      mark = performance.now();
    };
    let ok = true;
    if (app.typecheck !== false) {
      const tsc = sh(`${app.name}: tsc`, join(root, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', join(dir, 'tsconfig.json')], { cwd: dir });
      ok &&= tsc.ok;
      verdicts.push(tsc.ok ? 'types ok' : 'TYPE ERRORS');
    } else verdicts.push('no types (plain page)');
    step('tsc');
    let out;
    try {
      out = await app.build(dir);
    } catch (error) {
      console.log(`✖ ${app.name}: build failed\n${error instanceof Error ? error.message : String(error)}`);
      record(app.name, false, `${verdicts.join(', ')}; build failed`);
      continue;
    }
    step('build');
    const js = filesUnder(out).filter((f) => f.endsWith('.js'));
    const code = Buffer.concat(js.map((f) => readFileSync(f)));
    const size = `${kb(code.length)} (${kb(gzipSync(code, { level: 9 }).length)} gz)`;
    if (app.expectTags) {
      const text = code.toString('utf8');
      const wrong = ['omneo-member-lookup', 'omneo-balance', 'omneo-benefit-picker', 'omneo-redemption-panel'].filter(
        (tag) => app.expectTags.includes(tag) !== new RegExp(`["'\\x60]${tag}["'\\x60]`).test(text),
      );
      if (wrong.length) {
        ok = false;
        verdicts.push(`tags in the bundle wrong: ${wrong.join(', ')}`);
      } else verdicts.push(`bundle holds only ${app.expectTags.join(' + ')}`);
    }
    const served = await serve(out);
    const seen = await scanAva(served.origin, app.via).finally(() => served.server.close());
    step('page');
    ok &&= seen.ok;
    verdicts.push(seen.detail);
    record(app.name, ok, `${size}; ${verdicts.join('; ')} (${steps.join(', ')} s)`);
    if (app.dev) await checkViteDev(app, dir);
  }
}

/**
 * The same app under Vite's dev server, whose dependency optimizer bundles the kit with
 * `sideEffects` honoured (a tag dropped there is a blank page in development only).
 */
async function checkViteDev(app, dir) {
  const { createServer: createViteServer } = await import('vite');
  const started = performance.now();
  const vite = await createViteServer({
    root: dir, configFile: false, logLevel: 'error', cacheDir: join(dir, '.vite'),
    server: {
      host: '127.0.0.1', port: 0, strictPort: false,
      proxy: { '/omneo': { target: mock.origin, rewrite: (path) => path.replace(/^\/omneo/, ''), headers: { authorization: 'Bearer proxy-token' } } },
    },
  });
  try {
    await vite.listen();
    const seen = await scanAva(`http://127.0.0.1:${vite.httpServer.address().port}`, app.via);
    record(`${app.name}, vite dev`, seen.ok, `${seen.detail} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  } finally {
    await vite.close();
  }
}

/** Symlinks each package of `from` that `to` lacks (scoped packages one by one). */
function linkMissing(from, to) {
  for (const name of readdirSync(from)) {
    if (name.startsWith('.') || name === 'omneo-pos-kit') continue;
    const target = join(to, name);
    if (name.startsWith('@') && existsSync(target)) linkMissing(join(from, name), target);
    else if (!existsSync(target)) symlinkSync(join(from, name), target);
  }
}

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** React Server Components render a module on the client only when it starts with "use client". */
function checkUseClient(installed) {
  const dir = join(installed, 'dist', 'react');
  const modules = readdirSync(dir).filter((f) => f.endsWith('.js'));
  const without = modules.filter((f) => !/^(['"])use client\1;?\s*\n/.test(readFileSync(join(dir, f), 'utf8')));
  record('"use client" first in dist/react', modules.length > 0 && without.length === 0, without.length ? `missing in ${without.join(', ')}` : `${modules.length} modules`);
}

/** What one React wrapper costs a consumer: esbuild, minified, React left out. */
async function checkOneWrapper(cwd) {
  const { build } = await import('esbuild');
  const tags = ['omneo-member-lookup', 'omneo-balance', 'omneo-benefit-picker', 'omneo-redemption-panel'];
  const measure = async (contents) => {
    const result = await build({
      stdin: { contents, resolveDir: cwd }, bundle: true, minify: true, write: false, format: 'esm', platform: 'browser', logLevel: 'silent', external: ['react', 'react-dom'],
    });
    const code = result.outputFiles[0].text;
    return { gz: gzipSync(code, { level: 9 }).length, tags: tags.filter((t) => new RegExp(`["'\\x60]${t}["'\\x60]`).test(code)) };
  };
  const one = await measure(`import { OmneoBalance } from 'omneo-pos-kit/react/balance'; console.log(OmneoBalance);`);
  const all = await measure(`import { OmneoBalance } from 'omneo-pos-kit/react'; console.log(OmneoBalance);`);
  const ok = one.tags.length === 1 && one.tags[0] === 'omneo-balance' && all.tags.length === 4;
  record('one React wrapper, one element', ok, `omneo-pos-kit/react/balance ${kb(one.gz)} gz with ${one.tags.join(', ') || 'no tag'}; the barrel ${kb(all.gz)} gz with ${all.tags.length} tags`);
}

/** `omneo-pos-kit mock-server --port 0` as installed; resolves to its base URL. */
function startMockServer(installed) {
  const child = spawn(process.execPath, [join(installed, 'bin', 'omneo-pos-kit.js'), 'mock-server', '--port', '0'], { cwd: shared, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`mock-server did not start: ${out}`)), 15_000);
    const read = (chunk) => {
      out += chunk;
      const m = /on (http:\/\/127\.0\.0\.1:\d+)(\/api\/v3)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, origin: m[1], baseUrl: m[1] + m[2] });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`mock-server exited ${code}: ${out}`)));
  });
}

/**
 * Serves a built app on its own port (so calls to the mock server are cross-origin, as a till's
 * are), with the host's proxy at /omneo/ that adds the token, as the README's proxy does.
 */
async function serve(dir) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname.startsWith('/omneo/')) {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      const answer = await fetch(mock.origin + url.pathname.slice('/omneo'.length) + url.search, {
        method: req.method,
        headers: { 'content-type': 'application/json', authorization: 'Bearer proxy-token' },
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      });
      return res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await answer.arrayBuffer()));
    }
    const path = join(dir, url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname));
    if (!path.startsWith(dir) || !existsSync(path) || statSync(path).isDirectory()) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

/** Opens the app at `origin`, types Ava's card into the lookup and presses Enter, reads her balance. */
async function scanAva(origin, via) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  try {
    await page.goto(`${origin}/?api=${encodeURIComponent(mock.baseUrl)}`);
    const input = page.locator('omneo-member-lookup input').first();
    await input.fill(AVA_CARD, { timeout: 10_000 });
    await input.press('Enter');
    const text = await page
      .waitForFunction(
        (want) => {
          const text = document.querySelector('omneo-balance')?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
          return text.includes(want) && text;
        },
        AVA_REWARDS,
        { timeout: 10_000 },
      )
      .then((h) => h.jsonValue());
    const ok = errors.length === 0;
    return { ok, detail: `scanned Ava (${via}), saw "${text.slice(0, 60)}"${ok ? '' : `; console errors: ${errors.join(' | ')}`}` };
  } catch (error) {
    const balance = await page.evaluate(() => document.querySelector('omneo-balance')?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '(no <omneo-balance> rendered)').catch(() => '?');
    const defined = await page.evaluate(() => ['omneo-member-lookup', 'omneo-balance'].filter((t) => customElements.get(t))).catch(() => []);
    return { ok: false, detail: `no balance for Ava (${via}): ${String(error).split('\n')[0]}; tags defined: [${defined}]; balance shows "${balance}"; errors: ${errors.join(' | ') || 'none'}` };
  } finally {
    await page.close();
  }
}

function finish() {
  console.log('\nConsumer apps (the packed kit, built and run as integrators do):');
  for (const r of results) console.log(`${r.ok ? '✔' : '✖'} ${r.label}${r.detail ? `: ${r.detail}` : ''}`);
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
  process.exit(results.length > 0 && results.every((r) => r.ok) ? 0 : 1);
}
