// The committed Custom Elements Manifest (custom-elements.json) is what Storybook, IDEs and the
// JSX typings read: it must match the elements' JSDoc today, and describe every element fully.
// Run: node --import tsx --test test/node/manifest.test.ts
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

interface Described {
  name: string;
  description?: string;
  type?: { text: string };
  detail?: { text: string };
  default?: string;
  fieldName?: string;
}
interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  summary?: string;
  description?: string;
  customElement?: boolean;
  attributes?: Described[];
  members?: (Described & { kind: string; privacy?: string })[];
  events?: Described[];
  cssParts?: Described[];
  cssProperties?: Described[];
  slots?: Described[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[]; exports?: { kind: string; name: string }[] }[];
}

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as Manifest;
const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName);
const byTag = new Map(elements.map((d) => [d.tagName!, d]));

/** Every tag the source registers: `defineElement('omneo-…', …)` in src/elements/<name>/define.ts. */
const registered = readdirSync('src/elements', { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`src/elements/${d.name}/define.ts`))
  .flatMap((d) => [...readFileSync(`src/elements/${d.name}/define.ts`, 'utf8').matchAll(/defineElement\(\s*'([^']+)'/g)].map((m) => m[1]!));

/** Every `path` and `module` string anywhere in `node`. */
function modulePaths(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const n of node) modulePaths(n, out);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'path' || key === 'module') && typeof value === 'string') out.add(value);
      else modulePaths(value, out);
    }
  }
  return out;
}

describe('custom-elements.json', () => {
  it('is what `npm run manifest` generates from the source today (with the editor data)', () => {
    const run = spawnSync(process.execPath, ['scripts/manifest.mjs', '--check'], { encoding: 'utf8' });
    assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
  });

  it('names every tag the source registers, with its definition', () => {
    assert.ok(registered.length >= 2, 'found the define modules');
    const definitions = manifest.modules.flatMap((m) => m.exports ?? []).filter((e) => e.kind === 'custom-element-definition');
    for (const tag of registered) {
      assert.ok(byTag.has(tag), `<${tag}> is in the manifest`);
      assert.ok(definitions.some((d) => d.name === tag), `<${tag}> has a custom-element-definition`);
    }
  });

  for (const tag of registered) {
    describe(`<${tag}>`, () => {
      const el = () => byTag.get(tag)!;

      it('has a summary and a description', () => {
        assert.ok(el().summary, 'summary');
        assert.ok(el().description, 'description');
      });

      it('lists its attributes with a description and a type, each tied to its property', () => {
        const attributes = el().attributes ?? [];
        for (const a of ['profile-id', 'lang', 'theme', 'currency']) assert.ok(attributes.some((x) => x.name === a), `attribute ${a}`);
        for (const a of attributes) {
          assert.ok(a.description, `attribute ${a.name} is described`);
          assert.ok(a.type?.text, `attribute ${a.name} has a type`);
          if (a.name !== 'lang') assert.ok(a.fieldName, `attribute ${a.name} names its property`);
        }
      });

      it('lists its public properties (client and profile among them), and nothing private', () => {
        const members = el().members ?? [];
        for (const p of ['client', 'profile']) assert.ok(members.some((m) => m.name === p && m.kind === 'field'), `property ${p}`);
        for (const m of members) {
          assert.ok(m.privacy === undefined || m.privacy === 'public', `${m.name} is public`);
          if (m.kind === 'field') assert.ok(m.description, `property ${m.name} is described`);
        }
      });

      it('lists its events: omneo- names, the event class and its detail type', () => {
        const events = el().events ?? [];
        assert.ok(events.some((e) => e.name === 'omneo-error'), 'omneo-error');
        for (const e of events) {
          assert.match(e.name, /^omneo-[a-z-]+$/, `${e.name} is an omneo- name`);
          assert.match(e.type?.text ?? '', /^Omneo\w+Event$/, `${e.name} names its class`);
          assert.ok(e.detail?.text, `${e.name} has its detail type`);
          assert.ok(e.description, `${e.name} is described`);
        }
      });

      it('lists its parts and its custom properties with defaults', () => {
        assert.ok((el().cssParts ?? []).length > 0, 'parts');
        for (const p of el().cssParts ?? []) assert.ok(p.description, `part ${p.name} is described`);
        assert.ok((el().cssProperties ?? []).length > 0, 'custom properties');
        for (const p of el().cssProperties ?? []) {
          assert.match(p.name, /^--omneo-/, `${p.name} is an --omneo- property`);
          assert.match(p.default ?? '', /^var\(--omneo-/, `${p.name} defaults to a token`);
        }
        for (const s of el().slots ?? []) assert.ok(s.description, `slot "${s.name}" is described`);
      });
    });
  }
});

describe('the manifest and the editor data, as the package ships them', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; files: string[]; 'web-types'?: string; customElements?: string };
  let built = '';

  before(() => {
    // The library build (what `npm run build` writes to dist/), into a folder of our own.
    built = mkdtempSync(join(tmpdir(), 'omneo-manifest-dist-'));
    const run = spawnSync(join('node_modules', '.bin', 'vite'), ['build', '--outDir', built, '--emptyOutDir', '--logLevel', 'error'], { encoding: 'utf8' });
    assert.equal(run.status, 0, `vite build\n${run.stdout}${run.stderr}`);
  });
  after(() => {
    if (built) rmSync(built, { recursive: true, force: true });
  });

  it('names only files the package ships (dist/…js, built from the source today)', () => {
    assert.ok(pkg.files.includes('dist'), 'files has dist');
    const paths = [...modulePaths(manifest.modules)];
    assert.ok(paths.length > 10, 'found the module paths');
    for (const path of paths) {
      assert.match(path, /^dist\/.+\.js$/, `${path} is a shipped module`);
      assert.ok(existsSync(join(built, path.slice('dist/'.length))), `${path} is built`);
    }
  });

  it('ships VS Code custom data and JetBrains web-types for every tag, referenced from package.json', () => {
    for (const file of ['vscode.html-custom-data.json', 'web-types.json']) assert.ok(pkg.files.includes(file), `files has ${file}`);
    assert.equal(pkg['web-types'], './web-types.json');
    const vscode = JSON.parse(readFileSync('vscode.html-custom-data.json', 'utf8')) as {
      version: number;
      tags: { name: string; description: { value: string }; attributes: { name: string; values?: { name: string }[] }[] }[];
    };
    const webTypes = JSON.parse(readFileSync('web-types.json', 'utf8')) as {
      name: string;
      contributions: { html: { elements: { name: string; source: { module: string; symbol: string }; attributes: { name: string }[]; js: { events: { name: string }[] } }[] } };
    };
    assert.equal(webTypes.name, pkg.name);
    for (const tag of registered) {
      const el = byTag.get(tag)!;
      const inVscode = vscode.tags.find((t) => t.name === tag);
      assert.ok(inVscode, `<${tag}> in the VS Code data`);
      assert.ok(inVscode.description.value.includes(el.summary!), `<${tag}> described`);
      assert.deepEqual(inVscode.attributes.map((a) => a.name), (el.attributes ?? []).map((a) => a.name), `<${tag}> attributes`);
      assert.deepEqual(inVscode.attributes.find((a) => a.name === 'theme')?.values?.map((v) => v.name), ['light', 'dark', 'auto']);
      const inWebTypes = webTypes.contributions.html.elements.find((e) => e.name === tag);
      assert.ok(inWebTypes, `<${tag}> in web-types`);
      assert.equal(inWebTypes.source.symbol, el.name);
      assert.ok(Object.hasOwn(JSON.parse(readFileSync('package.json', 'utf8')).exports, `./${inWebTypes.source.module.slice(pkg.name.length + 1)}`), `${inWebTypes.source.module} is a package entry`);
      assert.deepEqual(inWebTypes.js.events.map((e) => e.name), (el.events ?? []).map((e) => e.name), `<${tag}> events`);
    }
  });
});
