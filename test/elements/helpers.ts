/**
 * What the element tests share: a mock tenant with a client over it, keys typed by a scanner
 * or a person at real intervals, and ways to read what a user sees inside shadow roots.
 */
import { sendKeys } from '@web/test-runner-commands';
import { createOmneoClient, fetchTransport, type OmneoClient } from '../../src/client/index.js';
import { createMockTenant, type MockTenant, type MockTenantOptions } from '../../src/mocks/index.js';

// A failed assertion about a DOM node (`expect(node).to.equal(null)`) carries the node as its
// `actual`; the test runner cannot serialize a node inside a Lit element's shadow root, and
// the browser disconnects instead of reporting the failure. Name such nodes by their tag and
// part instead, so the failure reads as one.
afterEach(function () {
  const error = this.currentTest?.err as { actual?: unknown; expected?: unknown } | undefined;
  if (!error) return;
  for (const key of ['actual', 'expected'] as const) {
    const value = error[key];
    if (value instanceof Node) error[key] = value instanceof Element ? `<${value.localName}${value.getAttribute('part') ? ` part="${value.getAttribute('part')}"` : ''}>` : value.nodeName;
  }
});

export const BASE_URL = 'https://api.test.getomneo.com/api/v3';
export const TOKEN = 'test-token';

export interface Omneo {
  tenant: MockTenant;
  client: OmneoClient;
}

/** A fresh seeded tenant and a client that talks to it in-page. */
export function omneo(options: MockTenantOptions = {}): Omneo {
  const tenant = createMockTenant(options);
  const client = createOmneoClient({
    transport: fetchTransport({ baseUrl: BASE_URL, token: TOKEN, fetch: tenant.fetch }),
    // Retries are the client's business, tested there; here a failure should show at once.
    retry: { retries: 0 },
  });
  return { tenant, client };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits until `check` returns a truthy value (and returns it), or fails after `timeout` ms. */
export async function until<T>(check: () => T, what = 'condition', timeout = 3000): Promise<NonNullable<T>> {
  const deadline = performance.now() + timeout;
  for (;;) {
    const value = check();
    if (value) return value as NonNullable<T>;
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** The text a user sees: the element's light and shadow DOM, shadow roots included. */
export function visibleText(node: Node): string {
  if (node instanceof Element && node.shadowRoot) return visibleText(node.shadowRoot);
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (node instanceof Element && node.classList.contains('visually-hidden')) return '';
  return [...node.childNodes].map(visibleText).join('').replace(/\s+/g, ' ');
}

/** All markup, shadow roots and live field values included. */
export function deepMarkup(node: Node): string {
  if (node instanceof ShadowRoot || node instanceof DocumentFragment) return [...node.childNodes].map(deepMarkup).join('');
  if (!(node instanceof Element)) return node.textContent ?? '';
  const attributes = [...node.attributes].map((a) => ` ${a.name}="${a.value}"`).join('');
  const value = node instanceof HTMLInputElement ? ` .value="${node.value}"` : '';
  const shadow = node.shadowRoot ? `<#shadow-root>${deepMarkup(node.shadowRoot)}</#shadow-root>` : '';
  return `<${node.localName}${attributes}${value}>${shadow}${[...node.childNodes].map(deepMarkup).join('')}</${node.localName}>`;
}

/** The first node in `el`'s shadow root with the part `name`. */
export function part<T extends Element = HTMLElement>(el: Element, name: string): T | null {
  return el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
}

export function parts<T extends Element = HTMLElement>(el: Element, name: string): T[] {
  return [...el.shadowRoot!.querySelectorAll<T>(`[part~="${name}"]`)];
}

function key(target: EventTarget, type: string, key: string, timeStamp?: number): boolean {
  const event = new KeyboardEvent(type, { key, bubbles: true, composed: true, cancelable: true });
  // A real key's timeStamp is when the hardware sent it, not when a busy page got round to it.
  if (timeStamp !== undefined) Object.defineProperty(event, 'timeStamp', { value: timeStamp });
  return target.dispatchEvent(event);
}

/**
 * A keyboard-wedge scanner: `code` as keydown/keypress/(input)/keyup, `gapMs` apart (real
 * timers), then Enter or Tab. With `field`, each key also types into it, as a real key would.
 * Each key is stamped at the scanner's pace, as a browser stamps real keys, so a page slowed
 * by other tests sees the same burst a real scanner would send.
 */
export async function scannerTypes(
  target: EventTarget,
  code: string,
  options: { gapMs?: number; end?: 'Enter' | 'Tab'; field?: HTMLInputElement; beforeEnd?: () => void } = {},
) {
  const { gapMs = 4, end = 'Enter', field } = options;
  const start = performance.now();
  let at = start;
  for (const ch of code) {
    if (key(target, 'keydown', ch, at) && key(target, 'keypress', ch, at) && field) {
      field.value += ch;
      field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: ch, inputType: 'insertText' }));
    }
    key(target, 'keyup', ch, at);
    await sleep(gapMs);
    at += gapMs;
  }
  options.beforeEnd?.();
  key(target, 'keydown', end, at);
  key(target, 'keyup', end, at);
}

/** A person at the keyboard: real key presses (through the browser), `gapMs` apart. */
export async function personTypes(text: string, gapMs = 70) {
  for (const ch of text) {
    await sendKeys({ type: ch });
    await sleep(gapMs);
  }
}

/** Paths of the requests that reached the tenant, e.g. `GET /identities/search`. */
export function requestLines(tenant: MockTenant): string[] {
  return tenant.requests.map((r) => `${r.method} ${r.path}`);
}

/** Records every `omneo-*` event that reaches the document until `stop()`. */
export function recordEvents(names: string[]) {
  const seen: CustomEvent[] = [];
  const listener = (e: Event) => seen.push(e as CustomEvent);
  for (const name of names) document.addEventListener(name, listener);
  return {
    seen,
    of: (name: string) => seen.filter((e) => e.type === name),
    stop: () => names.forEach((name) => document.removeEventListener(name, listener)),
  };
}

/**
 * Outside text a hostile tenant or host could send: a right-to-left override behind an
 * unmatched isolate terminator (which closes a plain `<bdi>` early), then characters with no
 * break opportunity, 10,000 in all (about 150,000 px of text on one line).
 */
export function hostileName(start = 'Eve'): string {
  return `${start}\u2069\u202E${'W'.repeat(10_000)}`.slice(0, 10_000);
}

/**
 * Where each character of the first occurrence of `text` in `root`'s shadow root is drawn: the
 * left edge of each, in reading order. Strictly increasing when the text reads left to right as
 * written, whatever bidi controls surround it.
 */
export function characterLefts(el: Element, text: string): number[] {
  // The shadow root's text as one string, each character mapped back to its node (Lit splits
  // "× ${n}" into two text nodes).
  const walker = document.createTreeWalker(el.shadowRoot!, NodeFilter.SHOW_TEXT);
  const chars: [Node, number][] = [];
  let all = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const content = node.textContent!;
    for (let i = 0; i < content.length; i++) chars.push([node, i]);
    all += content;
  }
  const at = all.indexOf(text);
  if (at < 0) throw new Error(`"${text}" is not in the shadow root`);
  return [...text].map((_, i) => {
    const [node, offset] = chars[at + i]!;
    const range = document.createRange();
    range.setStart(node, offset);
    range.setEnd(node, offset + 1);
    return range.getBoundingClientRect().left;
  });
}

/** Whether `lefts` (from {@link characterLefts}) read left to right. */
export const readsLeftToRight = (lefts: number[]) => lefts.every((left, i) => i === 0 || left > lefts[i - 1]!);

/** The innermost element under `root` (shadow roots of `root` included) whose whole text is `text`. */
export function boxOf(root: Element, text: string): HTMLElement | null {
  const scope: ParentNode = root.shadowRoot ?? root;
  const all = [...scope.querySelectorAll<HTMLElement>('*')].filter((node) => node.textContent === text);
  return all.find((node) => ![...node.children].some((child) => child.textContent === text)) ?? null;
}

/**
 * What is wrong with how `full` (a piece of outside text, found as {@link boxOf} `root`) is
 * shown: it should be isolated, clipped with an ellipsis inside `within`, and carry `full` as
 * its title. An empty list when all is well.
 */
export function outsideTextProblems(root: Element, full: string, within: Element): string[] {
  const box = boxOf(root, full);
  if (!box) return ['no element holds the text alone'];
  const problems: string[] = [];
  const style = getComputedStyle(box);
  if (style.unicodeBidi !== 'isolate') problems.push(`unicode-bidi is ${style.unicodeBidi}`);
  if (style.textOverflow !== 'ellipsis') problems.push(`text-overflow is ${style.textOverflow}`);
  if (box.title !== full) problems.push('the title is not the full text');
  if (box.scrollWidth <= box.clientWidth) problems.push('the text is not clipped');
  const outer = within.getBoundingClientRect();
  const rect = box.getBoundingClientRect();
  if (rect.left < outer.left - 0.5 || rect.right > outer.right + 0.5) {
    problems.push(`drawn from ${Math.round(rect.left)} to ${Math.round(rect.right)}, outside ${Math.round(outer.left)}–${Math.round(outer.right)}`);
  }
  return problems;
}
