// The consumer apps of check-consumers.mjs: what an integrator writes in each stack, following
// the README. Each page scans a lookup and shows a balance; the API is the mock server the check
// starts (`?api=` on the page's URL) or, for the README quick start, the host's proxy at
// /omneo/api/v3 (the check's static server forwards it, adding the token).
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The API base a page uses: the mock server the check started (`?api=`), else the host's proxy. */
const API_BASE = `new URLSearchParams(location.search).get('api') ?? '/omneo/api/v3'`;

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
function quickStart(root) {
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

/**
 * The six apps, each `{ name, via, files, build(dir) -> outDir, typecheck?, expectTags?, dev? }`: `files`
 * are written into `<shared>/<name>/`, whose node_modules (the installed tarball and the tools)
 * is `<shared>/node_modules`.
 */
export function consumerApps({ root, shared }) {
  const qs = quickStart(root);
  return [
    {
      name: 'README quick start (Vite + TS)',
      via: "the page's proxy",
      dev: true,
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
