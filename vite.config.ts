/**
 * Library build: every package entry into dist/ as ES modules, dependencies left external so
 * the host's bundler dedupes Lit and zod. Modules are preserved one-for-one (dist mirrors src), so
 * the `defineElement` calls stay in the define modules that `sideEffects` in package.json names:
 * shared chunks would move them into files a consumer's bundler is told it may drop. Type declarations come from `tsc -p
 * tsconfig.build.json` (see the `build` script).
 */
import { defineConfig, type Plugin } from 'vite';
import { minifyTemplateLiterals } from './scripts/template-literals.mjs';

/** Package entry -> source module. Keep in step with `exports` in package.json. */
export const entries: Record<string, string> = {
  index: 'src/index.ts',
  'client/index': 'src/client/index.ts',
  'rules/index': 'src/rules/index.ts',
  'mocks/index': 'src/mocks/index.ts',
  'server/index': 'src/server/index.ts',
  'server/sqlite-store': 'src/server/sqlite-store.ts',
  'server/postgres-store': 'src/server/postgres-store.ts',
  'server/node-signature': 'src/server/node-signature.ts',
  'cli/migrate': 'src/cli/migrate.ts',
  'cli/sync': 'src/cli/sync.ts',
  'cli/main': 'src/cli/main.ts',
  'elements/index': 'src/elements/index.ts',
  'elements/member-lookup/define': 'src/elements/member-lookup/define.ts',
  'elements/balance/define': 'src/elements/balance/define.ts',
  'elements/benefit-picker/define': 'src/elements/benefit-picker/define.ts',
  'elements/redemption-panel/define': 'src/elements/redemption-panel/define.ts',
  'elements/locales/fr': 'src/elements/locales/fr.ts',
  'react/index': 'src/react/index.ts',
  'react/member-lookup': 'src/react/member-lookup.ts',
  'react/balance': 'src/react/balance.ts',
  'react/benefit-picker': 'src/react/benefit-picker.ts',
  'react/redemption-panel': 'src/react/redemption-panel.ts',
};

/**
 * Minifies the text of the elements' `css` and `html` literals (scripts/template-literals.mjs),
 * after TypeScript is stripped. Only literal text moves and the render code keeps its lines, so
 * the source map from before still holds (`map: null`).
 */
export function minifyTemplateLiteralsPlugin(): Plugin {
  return {
    name: 'omneo-pos-kit/minify-template-literals',
    enforce: 'post',
    apply: 'build',
    transform(code, id) {
      if (!/\/src\/elements\/.*\.ts$/.test(id) || !/\b(css|html|svg)`/.test(code)) return null;
      const out = minifyTemplateLiterals(code, this.parse(code));
      return out === null ? null : { code: out, map: null };
    },
  };
}

export default defineConfig({
  plugins: [minifyTemplateLiteralsPlugin()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    minify: false,
    lib: { entry: entries, formats: ['es'] },
    rolldownOptions: {
      external: [/^lit($|\/)/, /^@lit\//, /^zod($|\/)/, /^msw($|\/)/, /^better-sqlite3$/, /^pg($|\/)/, /^react($|\/)/, /^node:/],
      output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
      onwarn(warning, warn) {
        // With modules preserved, each src/react module keeps its "use client" as the first
        // statement of its dist file (the consumer checks assert it), so the warning that a
        // bundle may not preserve it does not apply.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && /src[\\/]react[\\/]/.test(`${warning.id ?? ''} ${warning.message}`)) return;
        warn(warning);
      },
    },
  },
});
