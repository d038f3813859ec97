/**
 * Every story, rendered in Chromium the way Storybook renders it: `render({...meta.args,
 * ...story.args})` (composeStories does not load in @web/test-runner), then its `play`, then
 * wait for it to settle. Each must show something meaningful (the text it declares in
 * `parameters.shows`), use only documented parts, render no markup from the API, and pass axe.
 *
 * The stories modules are found from the manifest (one `stories/<name>.stories.ts` per element,
 * named after its tag) plus the checkout, and every export of each is a story: a new element,
 * or a new story, is covered without touching this file.
 */
import { expect, fixture, html } from '@open-wc/testing';
// Failures about DOM nodes are reported readably (see the hook in helpers.ts).
import '../elements/helpers.js';

interface StoryLike {
  args?: Record<string, unknown>;
  parameters?: { shows?: string };
  render?: (args: Record<string, unknown>, context: unknown) => unknown;
  play?: (context: unknown) => Promise<void> | void;
}
interface StoriesModule {
  default: StoryLike & { title?: string; component?: string };
  [name: string]: unknown;
}
interface ManifestElement {
  tagName?: string;
  cssParts?: { name: string; description?: string }[];
}

const manifest = (await (await fetch(new URL('../../custom-elements.json', import.meta.url))).json()) as {
  modules: { declarations?: ManifestElement[] }[];
};
const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName?.startsWith('omneo-'));

/** Parts each tag documents: the part names, and any `name` quoted in their descriptions ("also `error`"). */
const documentedParts = new Map(
  elements.map((el) => {
    const names = new Set<string>();
    for (const p of el.cssParts ?? []) {
      names.add(p.name);
      for (const [, quoted] of (p.description ?? '').matchAll(/`([a-z-]+)`/g)) names.add(quoted!);
    }
    return [el.tagName!, names] as const;
  }),
);

const files = [...elements.map((el) => el.tagName!.replace(/^omneo-/, '')), 'checkout'];
const modules = await Promise.all(
  files.map(async (name) => [name, (await import(new URL(`../../stories/${name}.stories.ts`, import.meta.url).href)) as StoriesModule] as const),
);

/** Everything under `node`, shadow roots included, in document order. */
function* deepElements(node: ParentNode): Generator<Element> {
  for (const child of node.children) {
    yield child;
    if (child.shadowRoot) yield* deepElements(child.shadowRoot);
    yield* deepElements(child);
  }
}

/** All text under `node`, shadow roots included (screen-reader-only text too), spaces collapsed. */
function deepText(node: Node): string {
  if (node instanceof Element && node.shadowRoot) return deepText(node.shadowRoot) + ' ' + [...node.childNodes].map(deepText).join(' ');
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (node instanceof HTMLStyleElement) return '';
  return [...node.childNodes].map(deepText).join(' ').replace(/\s+/g, ' ');
}

const kitElements = (root: Element) => [...deepElements(root)].filter((el) => el.localName.startsWith('omneo-')) as HTMLElement[];

/** Waits until every kit element has updated and what the story shows has not changed for 150 ms. */
async function settle(root: Element, timeout = 4000) {
  const deadline = performance.now() + timeout;
  let last = '';
  let stableSince = performance.now();
  for (;;) {
    await Promise.all(kitElements(root).map((el) => (el as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete));
    const now = [...deepElements(root)].map((el) => `${el.localName}[${el.getAttribute('part') ?? ''}]${el.getAttribute('aria-busy') ?? ''}`).join() + deepText(root);
    if (now !== last) {
      last = now;
      stableSince = performance.now();
    } else if (performance.now() - stableSince >= 150) {
      return;
    }
    if (performance.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const isStory = (name: string, value: unknown): value is StoryLike =>
  name !== 'default' && name !== '__namedExportsOrder' && typeof value === 'object' && value !== null;

describe('stories', () => {
  it('every element in the manifest has a stories module, and each module has stories', () => {
    expect(elements.length).to.be.greaterThan(1);
    for (const [name, mod] of modules) {
      expect(Object.entries(mod).filter(([n, v]) => isStory(n, v)).length, `${name}.stories.ts exports stories`).to.be.greaterThan(0);
    }
  });

  for (const [file, mod] of modules) {
    const meta = mod.default;
    describe(`${file}.stories.ts (${meta.title})`, () => {
      for (const [name, story] of Object.entries(mod)) {
        if (!isStory(name, story)) continue;

        it(`${name}: renders, settles, shows what it declares, and passes axe`, async () => {
          const args = { ...meta.args, ...story.args };
          const render = story.render ?? meta.render;
          expect(render, 'a render function').to.be.a('function');
          const rendered = render!(args, { args, argTypes: {}, parameters: { ...meta.parameters, ...story.parameters } });
          const canvas = await fixture<HTMLDivElement>(html`<div>${rendered}</div>`);
          const play = story.play ?? meta.play;
          if (play) await play({ canvasElement: canvas, args });
          await settle(canvas);

          const shown = kitElements(canvas);
          expect(shown.length, 'kit elements rendered').to.be.greaterThan(0);
          for (const el of shown) {
            expect(el.shadowRoot?.children.length ?? 0, `<${el.localName}> rendered its shadow root`).to.be.greaterThan(0);
            expect(deepText(el).trim(), `<${el.localName}> shows some text`).not.to.equal('');
          }
          const shows = story.parameters?.shows ?? meta.parameters?.shows;
          expect(shows, `${name} declares parameters.shows`).to.be.a('string');
          expect(deepText(canvas)).to.contain(shows);

          // API text is never markup: nothing it carries became an element or a handler.
          for (const el of deepElements(canvas)) {
            expect(el.localName, 'no <script> rendered').not.to.equal('script');
            expect(el.hasAttribute('onerror') || el.hasAttribute('onload'), `<${el.localName}> has no inline handler`).to.equal(false);
          }

          await expect(canvas).to.be.accessible();

          // Every part a host can style is in the manifest (as a part, or named in one's description).
          const undocumented = shown.flatMap((el) => {
            const documented = documentedParts.get(el.localName) ?? new Set();
            const used = [...el.shadowRoot!.querySelectorAll('[part]')].flatMap((p) => p.getAttribute('part')!.split(/\s+/).filter(Boolean));
            return [...new Set(used)].filter((part) => !documented.has(part)).map((part) => `<${el.localName}> ${part}`);
          });
          expect(undocumented, 'parts rendered but not in custom-elements.json').to.deep.equal([]);
        });
      }
    });
  }
});
