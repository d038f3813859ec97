/**
 * Benefit picker benchmark with 200 benefits (SEED.many), in a real browser. Prints figures and
 * asserts nothing:
 *   npx wtr --files bench/benefit-picker.bench.ts
 *
 * 1. First render: from the benefits in hand (the client answers at once with a list read
 *    beforehand, so no request time is counted) to 200 rows in the DOM, and to the next frame.
 *    Target: under 50 ms.
 * 2. Toggling one choice: from the click to the row marked chosen in the DOM, and to the next
 *    frame. Target: under 16 ms (one frame).
 *
 * Lit runs in dev mode under the test runner (extra checks): a production build is quicker.
 */
import { fixture, html } from '@open-wc/testing';
import type { Benefit, OmneoClient } from '../src/client/index.js';
import '../src/elements/benefit-picker/define.js';
import type { OmneoBenefitPicker } from '../src/elements/benefit-picker/benefit-picker.js';
import { SEED } from '../src/mocks/index.js';
import { omneo, sleep } from '../test/elements/helpers.js';
import { nextFrame, summary } from './stats.js';

const RUNS = 15;
const TOGGLES = 30;


/** A client whose benefits are already in hand: the benchmark times the element, not the network. */
function instantClient(client: OmneoClient, benefits: Benefit[]): OmneoClient {
  return Object.assign(Object.create(client) as OmneoClient, { benefits: { active: () => Promise.resolve(benefits) } });
}

/** Resolves with the time `count` options are in `el`'s shadow DOM. */
function whenRows(el: Element, count: number): Promise<number> {
  return new Promise((resolve) => {
    const check = () => {
      if (el.shadowRoot && el.shadowRoot.querySelectorAll('[part~="option"]').length === count) {
        observer.disconnect();
        resolve(performance.now());
        return true;
      }
      return false;
    };
    const observer = new MutationObserver(check);
    observer.observe(el.shadowRoot!, { subtree: true, childList: true });
    check();
  });
}

describe('benefit picker benchmark', function () {
  this.timeout(120_000);

  it(`200 benefits: first render and toggling one choice`, async () => {
    const { tenant, client } = omneo();
    const benefits = await client.benefits.active(SEED.many.id);
    const fast = instantClient(client, benefits);
    const inDom: number[] = [];
    const painted: number[] = [];
    const toggleDom: number[] = [];
    const togglePainted: number[] = [];

    for (let run = 0; run < RUNS + 1; run++) {
      const el = await fixture<OmneoBenefitPicker>(
        html`<omneo-benefit-picker multiple lang="en-AU" .client=${fast} .now=${tenant.clock.now}></omneo-benefit-picker>`,
      );
      await nextFrame();
      const rows = whenRows(el, benefits.length);
      const t0 = performance.now();
      el.profileId = SEED.many.id;
      const shownAt = await rows;
      const paintedAt = await nextFrame();
      // The first run warms the module graph and the JIT; it is not counted.
      if (run > 0) {
        inDom.push(shownAt - t0);
        painted.push(paintedAt - t0);
      }
      if (run === RUNS) {
        const options = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="option"]')];
        for (let i = 0; i < TOGGLES + 1; i++) {
          const row = options[(i * 37) % options.length]!;
          const before = row.getAttribute('aria-checked');
          const start = performance.now();
          row.click();
          await el.updateComplete;
          const done = performance.now();
          if (row.getAttribute('aria-checked') === before) throw new Error('the row did not toggle');
          const frame = await nextFrame();
          if (i > 0) {
            toggleDom.push(done - start);
            togglePainted.push(frame - start);
          }
          await sleep(5);
        }
      }
      el.remove();
      await sleep(10);
    }

    console.log(
      [
        `benefit picker, ${benefits.length} benefits (SEED.many), ${RUNS} runs; ${TOGGLES} toggles`,
        summary('  first render: rows in DOM', inDom),
        summary('  first render: next frame', painted),
        summary('  toggle one: DOM updated', toggleDom),
        summary('  toggle one: next frame', togglePainted),
        '  targets: first render < 50 ms, toggle < 16 ms',
      ].join('\n'),
    );
  });
});
