/**
 * The contract every kit element keeps, run by each element's test file:
 * - axe passes at rest and after the element has been used;
 * - defining its tag again neither throws nor replaces it (another class only warns);
 * - removing and re-adding it fetches nothing again and leaves no listener behind;
 * - the token never appears in the DOM (shadow roots included) nor in any event it fires.
 */
import { expect } from '@open-wc/testing';
import type { LitElement } from 'lit';
import type { MockTenant } from '../../src/mocks/index.js';
import { watchForLateSessions, type OmneoSession } from '../../src/elements/session.js';
import { defineElement } from '../../src/elements/shared/define.js';
import { deepMarkup, sleep, TOKEN } from './helpers.js';

export interface ContractFixture {
  el: LitElement;
  tenant: MockTenant;
  /** The session the element follows, when the fixture provides one. */
  session?: OmneoSession;
  /** Resolves when the element is at rest after mounting (its first load shown). */
  settled(): Promise<void>;
  /** Uses the element through its main paths, so that it fires its events. */
  exercise(): Promise<void>;
}

/** Every listener added (anywhere) and not yet removed, from now until `restore()`. */
function watchListeners() {
  const live = new Map<EventTarget, Set<string>>();
  const { addEventListener: add, removeEventListener: remove } = EventTarget.prototype;
  const ids = new WeakMap<object, number>();
  let next = 0;
  const keyOf = (type: string, listener: object, options?: boolean | EventListenerOptions) => {
    const capture = typeof options === 'boolean' ? options : Boolean(options?.capture);
    if (!ids.has(listener)) ids.set(listener, next++);
    return `${type}#${ids.get(listener)}#${capture}`;
  };
  EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, listener: any, options?: any) {
    if (listener) {
      if (!live.has(this)) live.set(this, new Set());
      live.get(this)!.add(keyOf(type, listener, options));
    }
    return add.call(this, type, listener, options);
  };
  EventTarget.prototype.removeEventListener = function (this: EventTarget, type: string, listener: any, options?: any) {
    if (listener) live.get(this)?.delete(keyOf(type, listener, options));
    return remove.call(this, type, listener, options);
  };
  return {
    /** Listeners still on these targets. */
    on: (targets: (EventTarget | undefined)[]) => targets.flatMap((t) => (t ? [...(live.get(t) ?? [])] : [])),
    restore: () => Object.assign(EventTarget.prototype, { addEventListener: add, removeEventListener: remove }),
  };
}

/** Every `omneo-*` event dispatched anywhere while recording. */
function recordAllOmneoEvents() {
  const seen: Event[] = [];
  const original = EventTarget.prototype.dispatchEvent;
  EventTarget.prototype.dispatchEvent = function (event: Event) {
    if (event.type.startsWith('omneo-')) seen.push(event);
    return original.call(this, event);
  };
  return { seen, restore: () => void (EventTarget.prototype.dispatchEvent = original) };
}

/** Everything an event carries, errors included (message, stack, cause), as text. */
function serialise(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, function (_key, v: unknown) {
    if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) return '[seen]';
      seen.add(v);
      if (v instanceof Error) {
        return Object.fromEntries(Object.getOwnPropertyNames(v).map((k) => [k, (v as unknown as Record<string, unknown>)[k]]));
      }
    }
    return v;
  });
}

export function elementContract(tag: string, mount: () => Promise<ContractFixture>): void {
  describe(`<${tag}> contract`, () => {
    it('passes axe at rest and after use', async () => {
      const f = await mount();
      await f.settled();
      await expect(f.el).to.be.accessible();
      await f.exercise();
      await expect(f.el).to.be.accessible();
    });

    it('can be defined twice: the same class quietly, another class with a warning', async () => {
      const original = customElements.get(tag)!;
      const warnings: unknown[] = [];
      const warn = console.warn;
      console.warn = (...args: unknown[]) => void warnings.push(args);
      try {
        expect(() => defineElement(tag, original)).not.to.throw();
        expect(warnings).to.have.length(0);
        expect(() => defineElement(tag, class extends HTMLElement {})).not.to.throw();
        expect(warnings).to.have.length(1);
        expect(String((warnings[0] as unknown[])[0])).to.contain(tag);
      } finally {
        console.warn = warn;
      }
      expect(customElements.get(tag)).to.equal(original);
    });

    it('removed and re-added, fetches nothing again and leaves no listener behind', async () => {
      // The one page-wide listener the kit keeps for good (late session providers), set up first.
      watchForLateSessions(document);
      const watched = watchListeners();
      try {
        const f = await mount();
        await f.settled();
        const outside = () => watched.on([document, document.documentElement, window, f.session]);
        const before = f.tenant.requests.length;
        const parent = f.el.parentNode!;
        for (let i = 0; i < 3; i++) {
          f.el.remove();
          expect(outside(), 'listeners left behind while removed').to.deep.equal([]);
          parent.appendChild(f.el);
          await f.el.updateComplete;
        }
        await sleep(50);
        await f.el.updateComplete;
        expect(f.tenant.requests.length, 'requests after re-adding').to.equal(before);
        f.el.remove();
        expect(outside(), 'listeners left behind after cycles').to.deep.equal([]);
        parent.appendChild(f.el);
        await f.el.updateComplete;
        await f.exercise();
      } finally {
        watched.restore();
      }
    });

    it('never shows the token, nor puts it in an event', async () => {
      const recorder = recordAllOmneoEvents();
      try {
        const f = await mount();
        await f.settled();
        await f.exercise();
        expect(deepMarkup(document.body)).not.to.contain(TOKEN);
        expect(recorder.seen.length, 'events fired while exercised').to.be.greaterThan(0);
        for (const event of recorder.seen) {
          expect(event.bubbles && event.composed, `${event.type} bubbles and is composed`).to.equal(true);
          expect(serialise((event as CustomEvent).detail)).not.to.contain(TOKEN);
          expect(serialise(event)).not.to.contain(TOKEN);
        }
      } finally {
        recorder.restore();
      }
    });
  });
}
