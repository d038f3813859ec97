// What package.json promises, checked without a build: each export has its source entry in
// vite.config.ts, the manifest and the JSX typings are where the package says, and the
// generated typings are current and type-check against minimal stand-ins of Vue, Preact and
// Solid (their real packages are not installed here: what is checked is that every name the
// typings use exists in the kit, and the augmentations land where each framework reads them).
// The built package itself is checked by `npm run check-package` (publint, attw, Node imports).
// Run: node --import tsx --test test/node/package.test.ts
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { entries } from '../../vite.config.ts';

interface Target {
  types?: string;
  default?: string;
}
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  exports: Record<string, string | Target>;
  files: string[];
  customElements: string;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};
// Modules of the command line (bin/omneo-pos-kit.js runs cli/main, which runs the others): built, not exported.
const BIN_ONLY = new Set(['cli/main', 'cli/migrate', 'cli/sync']);

describe('package.json', () => {
  it('every JavaScript export is built from an entry in vite.config.ts, with its declarations beside it', () => {
    const built = new Set<string>();
    for (const [key, target] of Object.entries(pkg.exports)) {
      if (typeof target !== 'object' || !target.default) continue;
      const name = /^\.\/dist\/(.+)\.js$/.exec(target.default)?.[1];
      assert.ok(name, `${key} points into dist/`);
      assert.ok(name in entries, `${key}: "${name}" is an entry in vite.config.ts`);
      assert.equal(target.types, `./dist/${name}.d.ts`, `${key} has its declarations`);
      built.add(name);
    }
    for (const name of Object.keys(entries)) {
      if (!BIN_ONLY.has(name)) assert.ok(built.has(name), `entry ${name} is exported`);
    }
  });

  it('exports ./react, with React as an optional peer', () => {
    assert.deepEqual(pkg.exports['./react'], { types: './dist/react/index.d.ts', default: './dist/react/index.js' });
    assert.ok(pkg.peerDependencies.react, 'react is a peer');
    assert.equal(pkg.peerDependenciesMeta.react?.optional, true);
  });

  it('points at the committed manifest and ships it with the JSX typings', () => {
    assert.equal(pkg.customElements, './custom-elements.json');
    assert.ok(existsSync('custom-elements.json'));
    for (const f of ['custom-elements.json', 'types', 'dist']) assert.ok(pkg.files.includes(f), `files has ${f}`);
    for (const fw of ['vue', 'preact', 'solid']) {
      assert.deepEqual(pkg.exports[`./types/${fw}`], { types: `./types/${fw}.d.ts` });
      assert.ok(existsSync(`types/${fw}.d.ts`), `types/${fw}.d.ts exists`);
    }
  });
});

describe('JSX typings (types/)', () => {
  it('are what `npm run jsx-types` generates from the manifest today', () => {
    const run = spawnSync(process.execPath, ['scripts/jsx-types.mjs', '--check'], { encoding: 'utf8' });
    assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
  });

  it('type-check, and type props and events, against stand-ins of Vue, Preact and Solid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'omneo-jsx-types-'));
    try {
      const stubs = join(dir, 'stubs');
      mkdirSync(join(stubs, 'preact'), { recursive: true });
      writeFileSync(join(stubs, 'vue.d.ts'), 'export interface GlobalComponents {}\nexport type DefineComponent<P = {}> = new () => { $props: P };\n');
      // As in Preact: JSX is an alias of the JSXInternal namespace declared in another file.
      writeFileSync(
        join(stubs, 'preact', 'jsx.d.ts'),
        'export namespace JSXInternal {\n  interface HTMLAttributes<T extends EventTarget = EventTarget> { class?: string; selected?: boolean; multiple?: boolean; ref?: { current: T | null } }\n  interface IntrinsicElements { div: HTMLAttributes<HTMLDivElement> }\n}\n',
      );
      writeFileSync(join(stubs, 'preact', 'index.d.ts'), "import { JSXInternal } from './jsx';\nexport import JSX = JSXInternal;\n");
      writeFileSync(
        join(stubs, 'solid.d.ts'),
        'export namespace JSX {\n  interface HTMLAttributes<T> { class?: string; ref?: T | ((el: T) => void) }\n  interface IntrinsicElements { div: HTMLAttributes<HTMLDivElement> }\n}\n',
      );
      // As .ts, so they are checked (declaration files are skipped with skipLibCheck).
      for (const fw of ['vue', 'preact', 'solid']) copyFileSync(`types/${fw}.d.ts`, join(dir, `${fw}.ts`));
      writeFileSync(
        join(dir, 'usage.ts'),
        `import type { GlobalComponents } from 'vue';
import type { JSX as PreactJSX } from 'preact';
import type { JSX as SolidJSX } from 'solid-js';

export const vue: InstanceType<GlobalComponents['omneo-member-lookup']>['$props'] = {
  debounce: 100,
  onOmneoMemberSelect: (e) => void e.detail.profile.id,
};
export const preact: PreactJSX.IntrinsicElements['omneo-benefit-picker'] = {
  class: 'picker',
  multiple: true,
  selected: [501],
  'onomneo-benefit-select': (e) => void e.detail.benefits.length,
};
export const solid: SolidJSX.IntrinsicElements['omneo-redemption-panel'] = {
  sale: null,
  'on:omneo-redeem-request': (e) => e.preventDefault(),
};
// @ts-expect-error: a value the element does not take is refused
export const wrong: PreactJSX.IntrinsicElements['omneo-balance'] = { variant: 'huge' };
`,
      );
      const root = resolve('.');
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            lib: ['ES2022', 'DOM', 'DOM.Iterable'],
            module: 'ESNext',
            moduleResolution: 'bundler',
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            experimentalDecorators: true,
            useDefineForClassFields: false,
            types: [],
            paths: {
              'omneo-pos-kit/*': [`${root}/src/elements/*/define.ts`],
              vue: ['./stubs/vue.d.ts'],
              preact: ['./stubs/preact/index.d.ts'],
              'solid-js': ['./stubs/solid.d.ts'],
            },
          },
          files: ['vue.ts', 'preact.ts', 'solid.ts', 'usage.ts'],
        }),
      );
      const tsc = spawnSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
      assert.equal(tsc.status, 0, `${tsc.stdout}${tsc.stderr}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
