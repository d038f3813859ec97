// The committed Custom Elements Manifest (custom-elements.json) is what Storybook, IDEs and the
// JSX typings read: it must match the elements' JSDoc today, and describe every element fully.
// Run: node --import tsx --test test/node/manifest.test.ts
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

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

describe('custom-elements.json', () => {
  it('is what `npm run manifest` generates from the source today', () => {
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
