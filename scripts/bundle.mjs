// `npm run bundle`: dist/omneo-pos-kit.bundle.js, one self-contained, minified ES module for a
// `<script type="module">` drop-in: every element defined, the public API exported, Lit, zod and
// every other dependency inside. Built with esbuild from a virtual entry (src/ is not touched),
// the elements' `css` and `html` literals minified as in the library build.
// `npm run build` empties dist/ first, so run this after it (the build script does).
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAst } from 'vite';
import { minifyTemplateLiterals } from './template-literals.mjs';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** The element folders under src/elements that have a define module (one per tag). */
export const ELEMENTS = ['member-lookup', 'balance', 'benefit-picker', 'redemption-panel'];

/** The languages shipped besides English, each a module that registers itself. */
export const LOCALES = ['fr'];

/**
 * The drop-in's entry: the package root (which defines every element and exports the client, the
 * rules and the elements' API), with each define module named too, so the bundle defines all
 * four tags whatever the root imports. A drop-in cannot import a language of its own, so it
 * carries every shipped one.
 */
export const BUNDLE_ENTRY = [
  ...ELEMENTS.map((name) => `import './src/elements/${name}/define.ts';`),
  ...LOCALES.map((lang) => `import './src/elements/locales/${lang}.ts';`),
  `export * from './src/index.ts';`,
].join('\n');

/** The elements' modules with their `css` / `html` literals minified (scripts/template-literals.mjs). */
const minifiedTemplates = {
  name: 'omneo-pos-kit/minify-template-literals',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]elements[\\/].*\.ts$/ }, (args) => {
      const code = readFileSync(args.path, 'utf8');
      return { contents: minifyTemplateLiterals(code, parseAst(code, { lang: 'ts' })) ?? code, loader: 'ts' };
    });
  },
};

/**
 * Bundles `contents` (module source, resolved from the repository root) with every dependency
 * inside, minified, for browsers. Resolves to the code.
 */
export async function bundle(contents, { minify = true } = {}) {
  const result = await build({
    stdin: { contents, resolveDir: root, sourcefile: 'omneo-pos-kit.bundle.ts', loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify,
    legalComments: 'eof',
    tsconfig: join(root, 'tsconfig.json'),
    write: false,
    logLevel: 'warning',
    plugins: [minifiedTemplates],
  });
  return result.outputFiles[0].text;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const code = await bundle(BUNDLE_ENTRY);
  mkdirSync(join(root, 'dist'), { recursive: true });
  const out = join(root, 'dist', 'omneo-pos-kit.bundle.js');
  writeFileSync(out, code);
  console.log(`Wrote dist/omneo-pos-kit.bundle.js (${(code.length / 1024).toFixed(1)} KB minified).`);
}
