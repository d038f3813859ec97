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
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { findChromium } from '../../scripts/find-chromium.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const started = performance.now();
const results = [];
const record = (label, ok, detail = '') => results.push({ label, ok, detail });
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** Ava, as the seed has her: the card a cashier scans, and what her balance must show. */
const AVA_CARD = '2770001234567';
const AVA_REWARDS = '$25.00';
/** The API base a page uses: the mock server the check started (`?api=`), else the host's proxy. */
const API_BASE = `new URLSearchParams(location.search).get('api') ?? '/omneo/api/v3'`;
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

  for (const app of apps()) {
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
    const seen = await scanAva(out, app.via);
    step('page');
    ok &&= seen.ok;
    verdicts.push(seen.detail);
    record(app.name, ok, `${size}; ${verdicts.join('; ')} (${steps.join(', ')} s)`);
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

/** Opens the built app, types Ava's card into the lookup and presses Enter, reads her balance. */
async function scanAva(dir, via) {
  const { server, origin } = await serve(dir);
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
    server.close();
  }
}

// --- the apps ---------------------------------------------------------------------------------

/** The compiler options every app is checked with. */
function tsconfig(extra = {}, include = ['src']) {
  return JSON.stringify({
    compilerOptions: {
      target: 'ES2022', lib: ['ES2022', 'DOM', 'DOM.Iterable'], module: 'ESNext', moduleResolution: 'bundler',
      strict: true, skipLibCheck: false, noEmit: true, isolatedModules: true, types: [], ...extra,
    },
    include,
  }, null, 2);
}

function page(body, head = '') {
  return `<!doctype html>\n<html lang="en-AU">\n<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>till</title>${head}</head>\n<body>\n${body}\n</body>\n</html>\n`;
}

/** The README's quick start, as written: its markup and its till.ts. */
function quickStart() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Quick start'));
  const html = /```html\n([\s\S]*?)```/.exec(section)?.[1];
  const ts = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (!html || !ts) throw new Error('README.md has no html and ts blocks under "## Quick start"');
  return { markup: html.replace(/<script[^>]*><\/script>\s*/, '').trim(), code: ts };
}

async function viteBuild(dir, plugins = [], extra = {}) {
  const { build } = await import('vite');
  await build({ root: dir, base: './', configFile: false, logLevel: 'error', plugins, build: { outDir: 'dist', emptyOutDir: true }, ...extra });
  return join(dir, 'dist');
}

function apps() {
  const qs = quickStart();
  return [
    {
      name: 'README quick start (Vite + TS)',
      via: "the page's proxy",
      files: {
        'index.html': page(`${qs.markup}\n<script type="module" src="./src/main.ts"></script>`),
        // The host's own till, which the quick start calls (`myTill`), loaded first.
        'src/main.ts': `import './my-till';\nimport './till';\n`,
        'src/my-till.ts': `declare global {\n  var myTill: { takePayment(totalCents: number): Promise<{ receipt: string } | null>; note(outcome: string, reason: string): void };\n}\nglobalThis.myTill = { takePayment: async () => ({ receipt: 'r-1' }), note: () => {} };\nexport {};\n`,
        'src/till.ts': qs.code,
        'tsconfig.json': tsconfig(),
      },
      build: (dir) => viteBuild(dir),
    },
    {
      name: 'React 19 + Vite',
      via: 'mock-server, CORS',
      expectTags: ['omneo-member-lookup', 'omneo-balance'],
      files: {
        'index.html': page('<div id="root"></div>\n<script type="module" src="./src/main.tsx"></script>'),
        'src/main.tsx': `import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createOmneoClient, fetchTransport, type Profile } from 'omneo-pos-kit/client';
import { OmneoMemberLookup } from 'omneo-pos-kit/react/member-lookup';
import { OmneoBalance } from 'omneo-pos-kit/react/balance';

const client = createOmneoClient({ transport: fetchTransport({ baseUrl: ${API_BASE}, getToken: () => 'dev-token' }) });

function Till() {
  const [member, setMember] = useState<Profile | null>(null);
  return (
    <main>
      <OmneoMemberLookup client={client} onOmneoMemberSelect={(e) => setMember(e.detail.profile)} />
      {member && <OmneoBalance client={client} profile={member} />}
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<StrictMode><Till /></StrictMode>);
`,
        'tsconfig.json': tsconfig({ jsx: 'react-jsx' }),
      },
      build: (dir) => viteBuild(dir, [], { oxc: { jsx: { runtime: 'automatic' } } }),
    },
    {
      name: 'Vue 3 + Vite',
      via: 'mock-server, CORS',
      files: {
        'index.html': page('<div id="app"></div>\n<script type="module" src="./src/main.ts"></script>'),
        'src/main.ts': `import { createApp } from 'vue';\nimport App from './App.vue';\n\ncreateApp(App).mount('#app');\n`,
        'src/App.vue': `<script setup lang="ts">
import { onMounted, ref } from 'vue';
import { createOmneoClient, fetchTransport, provideOmneoSession } from 'omneo-pos-kit';

const till = ref<HTMLElement | null>(null);
onMounted(() => {
  const client = createOmneoClient({ transport: fetchTransport({ baseUrl: ${API_BASE}, getToken: () => 'dev-token' }) });
  provideOmneoSession(till.value!, { client, currency: 'AUD' });
});
</script>

<template>
  <div ref="till">
    <omneo-member-lookup />
    <omneo-balance />
  </div>
</template>
`,
        // tsc reads no .vue file: the SFC is checked by the build; the kit's Vue typings are checked here.
        'src/env.d.ts': `import type {} from 'omneo-pos-kit/types/vue';\n`,
        'src/shims-vue.d.ts': `declare module '*.vue' {\n  import type { DefineComponent } from 'vue';\n  const component: DefineComponent;\n  export default component;\n}\n`,
        'tsconfig.json': tsconfig(),
      },
      build: async (dir) => {
        const { default: vue } = await import('@vitejs/plugin-vue');
        return viteBuild(dir, [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('omneo-') } } })]);
      },
    },
    {
      name: 'webpack 5 (JavaScript)',
      via: 'mock-server, CORS',
      files: {
        'public/index.html': page('<div id="till">\n  <omneo-member-lookup></omneo-member-lookup>\n  <omneo-balance></omneo-balance>\n</div>', '<script defer src="./main.js"></script>'),
        'src/main.js': `// @ts-check
import { createOmneoClient, fetchTransport, provideOmneoSession } from 'omneo-pos-kit';

const till = document.querySelector('#till');
if (!(till instanceof HTMLElement)) throw new Error('no #till on the page');
const client = createOmneoClient({ transport: fetchTransport({ baseUrl: ${API_BASE}, getToken: () => 'dev-token' }) });
provideOmneoSession(till, { client, currency: 'AUD' });
document.querySelector('omneo-balance')?.addEventListener('omneo-balance-load', (e) => console.log('balance', e.detail.balances.rewardCents));
`,
        'tsconfig.json': tsconfig({ allowJs: true, checkJs: true }),
      },
      build: async (dir) => {
        const { default: webpack } = await import('webpack');
        const out = join(dir, 'dist');
        const stats = await new Promise((resolve, reject) =>
          webpack({ mode: 'production', context: dir, entry: './src/main.js', output: { path: out, filename: 'main.js' }, performance: { hints: false } }, (error, s) => (error ? reject(error) : resolve(s))),
        );
        if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
        cpSync(join(dir, 'public', 'index.html'), join(out, 'index.html'));
        return out;
      },
    },
    {
      name: 'esbuild (per-element entries, in-page mock)',
      via: 'omneo-pos-kit/mocks in the page',
      expectTags: ['omneo-member-lookup', 'omneo-balance'],
      files: {
        'index.html': page('<div id="till">\n  <omneo-member-lookup></omneo-member-lookup>\n  <omneo-balance></omneo-balance>\n</div>\n<script type="module" src="./main.js"></script>'),
        'src/main.ts': `import 'omneo-pos-kit/member-lookup';
import 'omneo-pos-kit/balance';
import { createOmneoClient, fetchTransport } from 'omneo-pos-kit/client';
import { provideOmneoSession } from 'omneo-pos-kit/elements';
import { createMockTenant } from 'omneo-pos-kit/mocks';

// The mock tenant answers in this page: no server, no service worker.
const tenant = createMockTenant({ now: Date.now() });
const client = createOmneoClient({ transport: fetchTransport({ baseUrl: 'https://mock.omneo.test/api/v3', token: 'dev-token', fetch: tenant.fetch }) });
provideOmneoSession(document.querySelector<HTMLElement>('#till')!, { client, currency: 'AUD' });
`,
        'tsconfig.json': tsconfig(),
      },
      build: async (dir) => {
        const { build } = await import('esbuild');
        const out = join(dir, 'dist');
        await build({ entryPoints: [join(dir, 'src/main.ts')], outfile: join(out, 'main.js'), bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', logLevel: 'error' });
        cpSync(join(dir, 'index.html'), join(out, 'index.html'));
        return out;
      },
    },
    {
      name: 'drop-in (no bundler)',
      via: 'mock-server, CORS',
      typecheck: false,
      files: {
        'index.html': page(`<div id="till">
  <omneo-member-lookup></omneo-member-lookup>
  <omneo-balance></omneo-balance>
</div>
<script type="module">
  import { createOmneoClient, fetchTransport, provideOmneoSession } from './omneo-pos-kit.bundle.js';
  const client = createOmneoClient({ transport: fetchTransport({ baseUrl: ${API_BASE}, getToken: () => 'dev-token' }) });
  provideOmneoSession(document.querySelector('#till'), { client, currency: 'AUD' });
</script>`),
      },
      build: async (dir) => {
        cpSync(join(shared, 'node_modules', 'omneo-pos-kit', 'dist', 'omneo-pos-kit.bundle.js'), join(dir, 'omneo-pos-kit.bundle.js'));
        return dir;
      },
    },
  ];
}

function finish() {
  console.log('\nConsumer apps (the packed kit, built and run as integrators do):');
  for (const r of results) console.log(`${r.ok ? '✔' : '✖'} ${r.label}${r.detail ? `: ${r.detail}` : ''}`);
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
  process.exit(results.length > 0 && results.every((r) => r.ok) ? 0 : 1);
}
