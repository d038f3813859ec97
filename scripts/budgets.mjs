// `npm run budgets`: what the kit costs a till, measured where the till pays it: the library
// build (what the package ships in dist/) bundled by a consumer's bundler (esbuild, minified,
// tree-shaken by the package's `sideEffects`), gzipped at level 9, Lit and zod included.
// `npm test` runs it, and fails when a figure is over its ceiling.
//
// It builds the library itself (`vite build`, the same config as `npm run build`) into a
// temporary folder installed as `node_modules/omneo-pos-kit`, so it never writes the shared
// dist/; `--dist <folder>` measures a build that already exists instead. Each figure is one
// consumer entry:
// - the kit: `export * from 'omneo-pos-kit'` (every tag defined, the whole public API kept);
// - the quick start: what the README's vanilla till imports (the tags, the client, the session);
// - each element alone: `import 'omneo-pos-kit/<element>'`;
// - the floor: Lit as the elements use it, then with the client and the rules (zod inside):
//   what any till pays before the first element's own code.
// Issue 12's targets (the kit 38 KB, the balance alone 10, the lookup alone 12) are printed with
// their gap; the ceilings are regression guards set just above the measured figures: a change
// that makes the kit bigger must move them on purpose, in the same commit, and say why.
// `--why` also lists what the kit's bytes are made of (minified, before gzip), by package or
// dist folder.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ELEMENTS, root } from './bundle.mjs';

const KB = 1024;
const PKG = 'omneo-pos-kit';
/** Issue 12's targets, printed with their gap. */
const TARGETS = { kit: 38 * KB, balance: 10 * KB, 'member-lookup': 12 * KB };
/**
 * Enforced ceilings, about 0.3 KB above what was measured on 2026-12-02 at the end of the session
 * that took issues 11 to 15, from the built package (Node 20's zlib): the kit 54.2 KB, the quick
 * start 53.2, the lookup 16.2, the balance 13.4, the picker 16.6, the panel 30.9 (the floor with
 * client and rules 31.4). History, measured the same way (kit / lookup / balance / picker / panel):
 * 45.8 / 15.4 / 12.8 / 15.3 / 25.2 before issue 12; 46.7 / 15.0 / 12.4 / 14.8 / 25.1 once the
 * css/html literals were minified and the event classes made tree-shakable (6680868); 48.6 / 15.2
 * / 12.5 / 14.9 / 26.9 once the client and rules read Omneo's real shapes and settle lost answers,
 * and outside text was isolated; then issue 13 (the session lock, benefit kinds applied at the
 * till, strategies, calm states, the picker's filter, the balance headline, cashier wording in
 * both catalogues) and the watches for late landings added 5.6 KB. Issue 12's targets are not met.
 */
const CEILINGS = {
  kit: 54.5 * KB,
  'quick start': 53.5 * KB,
  'member-lookup': 16.5 * KB,
  balance: 13.7 * KB,
  'benefit-picker': 16.9 * KB,
  'redemption-panel': 31.2 * KB,
};

const args = process.argv.slice(2);
const argValue = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};

/** The named imports the built elements take from Lit's packages, as one module re-exporting them. */
function litAsTheElementsUseIt(dist) {
  const named = new Map();
  const files = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
  for (const file of files(join(dist, 'elements')).filter((f) => f.endsWith('.js'))) {
    for (const [, names, from] of readFileSync(file, 'utf8').matchAll(/import \{([^}]+)\} from "((?:lit|@lit\/)[^"]*)"/g)) {
      const values = names.split(',').map((n) => n.trim().split(/\s+as\s+/)[0]).filter(Boolean);
      named.set(from, new Set([...(named.get(from) ?? []), ...values]));
    }
  }
  return [...named].map(([from, names]) => `export { ${[...names].join(', ')} } from '${from}';`);
}

/**
 * A consumer folder with the package installed: `node_modules/omneo-pos-kit` holds package.json
 * and the build, and its dependencies resolve to the repository's own install.
 */
function consumerWith(dist) {
  const dir = mkdtempSync(join(tmpdir(), 'omneo-budgets-'));
  const pkg = join(dir, 'node_modules', PKG);
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'package.json'), readFileSync(join(root, 'package.json')));
  if (dist) symlinkSync(resolve(dist), join(pkg, 'dist'));
  else {
    // The library build of `npm run build` (its first step), into the consumer's copy.
    const vite = spawnSync(join(root, 'node_modules', '.bin', 'vite'), ['build', '--outDir', join(pkg, 'dist'), '--emptyOutDir', '--logLevel', 'error'], {
      cwd: root,
      encoding: 'utf8',
    });
    if (vite.status !== 0) {
      process.stderr.write(vite.stdout + vite.stderr);
      throw new Error(`vite build failed (exit ${vite.status ?? vite.signal})`);
    }
  }
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (!name.startsWith('.') && name !== PKG) symlinkSync(join(root, 'node_modules', name), join(dir, 'node_modules', name));
  }
  return { dir, dist: join(pkg, 'dist') };
}

async function measure(dir, contents) {
  const result = await build({
    stdin: { contents, resolveDir: dir, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    write: false,
    metafile: true,
    logLevel: 'warning',
  });
  const code = result.outputFiles[0].contents;
  const inputs = Object.values(result.metafile.outputs)[0].inputs;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length, inputs };
}

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;

const { dir, dist } = consumerWith(argValue('--dist'));
try {
  const lit = litAsTheElementsUseIt(dist);
  const measured = [
    { name: 'the kit', entry: `export * from '${PKG}';`, key: 'kit', why: true },
    {
      name: 'quick start',
      entry: `export { createOmneoClient, fetchTransport, provideOmneoSession } from '${PKG}';`,
      key: 'quick start',
    },
    ...ELEMENTS.map((name) => ({ name: `<omneo-${name}> alone`, entry: `import '${PKG}/${name}';`, key: name })),
    { name: 'floor: Lit as the elements use it', entry: lit.join('\n') },
    { name: 'floor: Lit + client + rules (zod)', entry: [...lit, `export * from '${PKG}/client';`, `export * from '${PKG}/rules';`].join('\n') },
  ];

  const over = [];
  console.log(`minified + gzipped (level 9): the built package bundled by esbuild, Lit and zod included\n`);
  for (const m of measured) {
    const { minified, gzipped, inputs } = await measure(dir, m.entry);
    const verdicts = [];
    const ceiling = CEILINGS[m.key];
    const target = TARGETS[m.key];
    if (ceiling !== undefined) {
      if (gzipped <= ceiling) verdicts.push(`✔ within its ceiling ${kb(ceiling)}`);
      else {
        verdicts.push(`✖ over its ceiling ${kb(ceiling)} by ${kb(gzipped - ceiling)}`);
        over.push(m.name);
      }
    }
    if (target !== undefined) {
      verdicts.push(gzipped <= target ? `target ${kb(target)} met` : `target ${kb(target)} not met, ${kb(gzipped - target)} over`);
    }
    console.log(`${m.name.padEnd(36)} ${kb(gzipped).padStart(9)}   (${kb(minified)} minified)  ${verdicts.join('; ')}`.trimEnd());
    if (m.why && args.includes('--why')) {
      const parts = new Map();
      for (const [file, { bytesInOutput }] of Object.entries(inputs)) {
        const key = file.includes(`node_modules/${PKG}/`)
          ? file.replace(/.*node_modules\/omneo-pos-kit\//, '').split('/').slice(0, 3).join('/')
          : file.includes('node_modules/')
            ? file.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1')
            : file;
        parts.set(key, (parts.get(key) ?? 0) + bytesInOutput);
      }
      for (const [key, bytes] of [...parts].sort((a, b) => b[1] - a[1]).filter(([, b]) => b >= 512)) {
        console.log(`    ${kb(bytes).padStart(8)}  ${key}`);
      }
    }
  }
  if (over.length > 0) {
    console.error(`\nOver its ceiling: ${over.join(', ')}. \`npm run budgets -- --why\` shows what the bytes are.`);
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
