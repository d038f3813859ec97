/**
 * `cem analyze --litelement` configuration: the Custom Elements Manifest (custom-elements.json)
 * is generated from the elements' JSDoc and decorators. `npm run manifest` regenerates it;
 * test/node/manifest.test.ts fails when the committed one is stale.
 *
 * Two small plugins fill what the analyzer cannot see on its own:
 * - tags are registered through `defineElement('omneo-x', OmneoX)` (src/elements/shared/define.ts),
 *   not `customElements.define`, so the analyzer would find no tag name;
 * - the analyzer also lists every `dispatchEvent(new X(...))` it sees, named after the first
 *   argument (`profile`, `undefined`): the JSDoc `@fires` lines are the contract, so events
 *   found only in code are dropped when a documented event has the same class; private,
 *   protected and static members are dropped too (the manifest describes what a host may use),
 *   and the native `lang` attribute the base class observes gets its description;
 * - an event's JSDoc names its class (`@fires {OmneoMemberSelectEvent} ...`); the class's
 *   detail interface (`extends OmneoEvent<OmneoMemberSelectDetail>`) is added as `detail`;
 * - module paths name the files the package ships: the build mirrors src/ in dist/
 *   (`src/elements/balance/balance.ts` is published as `dist/elements/balance/balance.js`).
 */

import { readFileSync } from 'node:fs';
import { posix } from 'node:path';

/** `defineElement('tag', Class)` calls -> `custom-element-definition` exports, as for `customElements.define`. */
function defineElementCalls() {
  return {
    name: 'omneo-pos-kit/define-element-calls',
    analyzePhase({ ts, node, moduleDoc, context }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'defineElement') return;
      const [tag, klass] = node.arguments;
      if (!tag || !klass || !ts.isStringLiteralLike(tag) || !ts.isIdentifier(klass)) return;
      const imported = context.imports?.find((i) => i.name === klass.text && !i.isBareModuleSpecifier);
      const module = imported ? new URL(imported.importPath, `file:///${moduleDoc.path}`).pathname.slice(1) : moduleDoc.path;
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        // The analyzer matches ts paths; imports are written with `.js`.
        { kind: 'custom-element-definition', name: tag.text, declaration: { name: klass.text, module: module.replace(/\.js$/, '.ts') } },
      ];
    },
  };
}

/** `class OmneoXEvent extends OmneoEvent<Detail>` -> `detail: { text: 'Detail' }` on every event typed `OmneoXEvent`. */
function eventDetailTypes() {
  const details = new Map();
  return {
    name: 'omneo-pos-kit/event-detail-types',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      for (const clause of node.heritageClauses ?? []) {
        for (const base of clause.types) {
          if (base.expression.getText() === 'OmneoEvent' && base.typeArguments?.[0]) {
            details.set(node.name.text, base.typeArguments[0].getText());
          }
        }
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          for (const event of decl.events ?? []) {
            const detail = details.get(event.type?.text);
            if (detail) event.detail = { text: detail };
          }
        }
      }
    },
  };
}

/** Keeps the public contract: documented events, public instance members. */
function publicContractOnly() {
  return {
    name: 'omneo-pos-kit/public-contract-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          // A stylesheet's source is not contract (parts and CSS properties are): without it, a
          // change of CSS does not churn the manifest.
          if (decl.kind === 'variable' && decl.default?.includes('css`')) delete decl.default;
          if (decl.kind !== 'class') continue;
          if (decl.events) {
            const documented = new Set(decl.events.filter((e) => e.description).map((e) => e.type?.text));
            decl.events = decl.events.filter((e) => e.description || !documented.has(e.type?.text));
          }
          if (decl.members) {
            decl.members = decl.members.filter((m) => !m.static && m.privacy !== 'private' && m.privacy !== 'protected' && !m.name.startsWith('#'));
          }
          // `lang` is the native attribute the base class observes (no JSDoc of its own there).
          const lang = decl.attributes?.find((a) => a.name === 'lang');
          if (lang && !lang.description) {
            lang.description = "The language of the element's text, numbers and money (`en`, or any registered language: `fr` once `omneo-pos-kit/locales/fr` is imported). Unset: the nearest ancestor's `lang`, then the session's locale, then the document's.";
            lang.type ??= { text: 'string' };
          }
        }
      }
    },
  };
}

/**
 * Every `path` and `module` of the manifest as the shipped file, last of all: `src/x.ts`,
 * `/src/x.js` and `./x.js` (relative to the module that says it) all become `dist/x.js`.
 */
function shippedModulePaths() {
  const shipped = (value, from) => {
    const path = value.startsWith('.') ? posix.join(posix.dirname(from), value) : value.replace(/^\//, '');
    return path.replace(/^src\/(.*)\.[jt]s$/, 'dist/$1.js');
  };
  const rewrite = (node, from) => {
    if (Array.isArray(node)) node.forEach((n) => rewrite(n, from));
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'path' || key === 'module') && typeof value === 'string') node[key] = shipped(value, from);
        else rewrite(value, from);
      }
    }
  };
  return {
    name: 'omneo-pos-kit/shipped-module-paths',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) rewrite(mod, mod.path);
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/elements/**/*.test.ts', 'src/elements/**/*.stories.ts'],
  outdir: '.',
  litelement: true,
  // Never rewrite package.json (its `customElements` field is set by hand to ./custom-elements.json).
  packagejson: false,
  plugins: [defineElementCalls(), eventDetailTypes(), publicContractOnly(), shippedModulePaths()],
  // Modules in path order: the glob's own order follows the file system's, which differs from
  // machine to machine, and the committed manifest must come out byte for byte the same.
  overrideModuleCreation: ({ ts, globs }) =>
    [...globs].sort().map((path) => ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2015, true)),
};
