// `npm run budgets`: what the kit costs a till, minified and gzipped, dependencies (Lit, zod)
// included: the four elements with the client and the rules, against the budget, and each
// element alone. Exits 1 when the kit is over budget. `--why` also lists what the kit's bytes
// are made of (minified, before gzip), by package or source folder.
import { build } from 'esbuild';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ELEMENTS, root } from './bundle.mjs';

/** The budget for every element with the client and the rules, minified + gzipped. */
const KIT_BUDGET_BYTES = 30 * 1024;

const define = (name) => `import './src/elements/${name}/define.ts';`;
const measured = [
  {
    name: 'four elements + client + rules',
    entry: [...ELEMENTS.map(define), `export * from './src/client/index.ts';`, `export * from './src/rules/index.ts';`].join('\n'),
    budget: KIT_BUDGET_BYTES,
  },
  ...ELEMENTS.map((name) => ({ name: `<omneo-${name}> alone`, entry: define(name) })),
];

async function measure(entry) {
  const result = await build({
    stdin: { contents: entry, resolveDir: root, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    tsconfig: join(root, 'tsconfig.json'),
    write: false,
    metafile: true,
    logLevel: 'warning',
  });
  const code = result.outputFiles[0].contents;
  const inputs = Object.values(result.metafile.outputs)[0].inputs;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length, inputs };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
let over = false;
console.log('minified + gzipped, Lit and zod included\n');
for (const m of measured) {
  const { minified, gzipped, inputs } = await measure(m.entry);
  const verdict = m.budget === undefined ? '' : gzipped <= m.budget ? `  ✔ within ${kb(m.budget)}` : `  ✖ over ${kb(m.budget)} by ${kb(gzipped - m.budget)}`;
  if (m.budget !== undefined && gzipped > m.budget) over = true;
  console.log(`${m.name.padEnd(36)} ${kb(gzipped).padStart(9)}   (${kb(minified)} minified)${verdict}`);
  if (m.budget !== undefined && process.argv.includes('--why')) {
    const parts = new Map();
    for (const [file, { bytesInOutput }] of Object.entries(inputs)) {
      const key = file.includes('node_modules/') ? file.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1') : file.split('/').slice(0, 3).join('/');
      parts.set(key, (parts.get(key) ?? 0) + bytesInOutput);
    }
    for (const [key, bytes] of [...parts].sort((a, b) => b[1] - a[1]).filter(([, b]) => b >= 512)) {
      console.log(`    ${kb(bytes).padStart(8)}  ${key}`);
    }
  }
}
if (over) {
  console.error('\nOver budget. `npm run budgets -- --why` shows what the bytes are.');
  process.exit(1);
}
