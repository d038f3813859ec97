/**
 * The demo till end to end, in Debian's Chromium driven by playwright-core, on the mock tenant
 * behind msw's service worker: scan → redeem → payment declined → reversed; scan → redeem →
 * payment approved → recorded → the jacket returned, refunded; redeem → reload mid-sale →
 * recovered; another card scanned while a redemption is held (refused: the sale stays Ava's and
 * settles once). The page explains itself (test cards, what to try, buttons enabled only when
 * they apply) and fits 1280×800 without scrolling. The page runs under the demo's strict
 * Content-Security-Policy, and any violation fails the test (a probe checks that a violation is
 * caught). Screenshots are kept in test-artifacts/.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { createServer, type ViteDevServer } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findChromium } from '../../scripts/find-chromium.mjs';
import { SEED } from '../../src/mocks/seed.js';

const ARTIFACTS = 'test-artifacts';

describe('the demo till in Chromium', () => {
  let vite: ViteDevServer;
  let browser: Browser;
  let origin: string;

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    execFileSync('node_modules/.bin/msw', ['init', 'demo/public', '--no-save'], { stdio: 'ignore' });
    delete process.env.OMNEO_BASE_URL;
    delete process.env.OMNEO_TOKEN;
    vite = await createServer({ configFile: 'demo/vite.config.ts', server: { port: 0 }, logLevel: 'silent' });
    await vite.listen();
    origin = `http://127.0.0.1:${(vite.httpServer!.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: findChromium(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });

  after(async () => {
    await browser?.close();
    await vite?.close();
  });

  /** A fresh till with a CSP-violation recorder installed before any script runs. */
  async function openTill(viewport = { width: 1400, height: 1000 }): Promise<{ page: Page; violations: string[] }> {
    const page = await browser.newPage({ viewport });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
    await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { reportViolation(t: string): void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    await page.goto(origin);
    await page.waitForSelector('omneo-member-lookup');
    // The test cards are drawn last, once the till's script has wired everything.
    await page.waitForSelector('button[data-card]');
    return { page, violations };
  }

  /** Presses a test card's button: it hands that card to the lookup, as a host's scanner API would. */
  const scan = (page: Page, card: string) => page.click(`button[data-card="${card}"]`);

  async function scanAndRedeem(page: Page): Promise<void> {
    page.setDefaultTimeout(15_000);
    await scan(page, SEED.ava.card);
    await page.waitForSelector('omneo-redemption-panel [part~="confirm-button"]:not([disabled])');
    await page.click('omneo-redemption-panel [part~="confirm-button"]');
    try {
      await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('held'));
    } catch (error) {
      // What the till showed when the redemption did not become held, for the failure's reader.
      await page.screenshot({ path: `${ARTIFACTS}/demo-redeem-not-held.png` });
      throw error;
    }
  }

  const status = (page: Page) => page.textContent('#status');

  it('scan, redeem, payment declined: the redemption is reversed', async () => {
    const { page, violations } = await openTill();
    await scanAndRedeem(page);
    assert.match(await page.textContent('#log') ?? '', /omneo-redemption-created\s+held; pay \$225\.00 of \$250\.00/);
    await page.click('#pay-declined');
    await page.waitForFunction(() => /Redemption (recorded|reversed|refunded)/.test(document.querySelector('#status')?.textContent ?? ''));
    assert.match((await status(page)) ?? '', /Redemption reversed/);
    await page.screenshot({ path: `${ARTIFACTS}/demo-declined-reversed.png` });
    assert.deepEqual(violations, []);
    await page.close();
  });

  it('scan, redeem, payment approved: the sale is recorded', async () => {
    const { page, violations } = await openTill();
    await scanAndRedeem(page);
    await page.click('#pay-approved');
    await page.waitForFunction(() => /Redemption (recorded|reversed|refunded)/.test(document.querySelector('#status')?.textContent ?? ''));
    assert.match((await status(page)) ?? '', /Redemption recorded/);
    assert.match(await page.textContent('#log') ?? '', /POST \/transactions\/update-create → 20[01]/);
    await page.screenshot({ path: `${ARTIFACTS}/demo-approved-recorded.png` });
    // The jacket comes back: its exact share of the 25.00 (115/250 of it) is refunded.
    await page.click('#return-item');
    await page.waitForFunction(() => /jacket came back|Not done/.test(document.querySelector('#status')?.textContent ?? ''));
    assert.match((await status(page)) ?? '', /The jacket came back: \$11\.50 of rewards refunded\./);
    assert.deepEqual(violations, []);
    await page.close();
  });

  it('runs under a strict policy, and a violation of it would fail these tests', async () => {
    const { page, violations } = await openTill();
    const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.match(policy ?? '', /default-src 'self'; script-src 'self'; style-src 'self'/);
    assert.doesNotMatch(policy ?? '', /unsafe-inline|unsafe-eval/);
    assert.deepEqual(violations, []);
    // The recorder's own check: an inline script is refused, and the refusal is recorded.
    await page.addScriptTag({ content: 'window.inlineRan = true;' }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan), undefined);
    assert.ok(violations.some((v) => /script-src/.test(v)), `the inline script was reported: ${violations.join(' | ')}`);
    await page.close();
  });

  /** What fits: the page's scroll size, and whether each payment button is inside the screen. */
  const fit = (page: Page) =>
    page.evaluate(() => ({
      scrollHeight: document.documentElement.scrollHeight,
      scrollWidth: document.documentElement.scrollWidth,
      outside: [...document.querySelectorAll<HTMLElement>('.actions button, omneo-redemption-panel')]
        .filter((el) => el.getBoundingClientRect().bottom > innerHeight)
        .map((el) => el.id || el.localName),
      header: document.querySelector('header')!.getBoundingClientRect().height,
    }));
  const disabled = (page: Page) =>
    page.evaluate(() => Object.fromEntries([...document.querySelectorAll<HTMLButtonElement>('.actions button')].map((b) => [b.id, b.disabled])));

  it('explains itself at 1280×800: test cards, what to try, only the actions that apply, and no scrolling', async () => {
    const { page, violations } = await openTill({ width: 1280, height: 800 });
    page.setDefaultTimeout(15_000);
    const guide = (await page.textContent('.guide')) ?? '';
    for (const card of [SEED.ava.card, SEED.noah.card, SEED.empty.card, SEED.many.card, SEED.odd.card]) assert.ok(guide.includes(card), `card ${card} listed`);
    assert.match(guide, /What to try/);
    assert.match(guide, /scan another card: the till refuses/);
    assert.deepEqual(await disabled(page), { 'pay-approved': true, 'pay-declined': true, 'return-item': true, reload: true, 'new-sale': false });
    assert.match((await page.textContent('#actions-hint')) ?? '', /once a redemption is held/);
    const before = await fit(page);

    await scan(page, SEED.ava.card);
    await page.waitForSelector('omneo-redemption-panel [part~="confirm-button"]:not([disabled])');
    await page.waitForSelector('omneo-benefit-picker [part~="option"]');
    await page.waitForTimeout(300);
    const chosen = await fit(page);
    assert.equal(chosen.header, before.header, 'the header does not jump when a member is chosen');
    assert.deepEqual(chosen.outside, [], 'the panel and every action are on screen');
    assert.ok(chosen.scrollHeight <= 800 && chosen.scrollWidth <= 1280, `no scrolling: ${chosen.scrollWidth}×${chosen.scrollHeight}`);
    // The header's balance box has room inside its edge, and its headline is what can be redeemed.
    const box = await page.evaluate(() => {
      const el = document.querySelector('#header-balance')!;
      return { padding: parseFloat(getComputedStyle(el).paddingLeft), text: el.shadowRoot!.textContent ?? '' };
    });
    assert.ok(box.padding >= 8, `header balance padding ${box.padding}px`);
    assert.match(box.text, /Rewards to redeem\s*\$25\.00/);
    // A benefit choice is logged by name and POS code, not as JSON.
    await page.click('omneo-benefit-picker [part~="option"]');
    await page.waitForFunction(() => /omneo-benefit-select/.test(document.querySelector('#log')?.textContent ?? ''));
    const choice = await page.evaluate(() => [...document.querySelectorAll('#log li')].find((li) => li.textContent!.includes('omneo-benefit-select'))!.textContent!);
    assert.match(choice, /omneo-benefit-select\s+chose Free coffee \(COFFEE-5\)$/);
    assert.doesNotMatch(await page.textContent('#log') ?? '', /[{}]/);
    await page.screenshot({ path: `${ARTIFACTS}/demo-1280-member.png` });

    await page.click('omneo-redemption-panel [part~="confirm-button"]');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('held'));
    assert.deepEqual(await disabled(page), { 'pay-approved': false, 'pay-declined': false, 'return-item': true, reload: false, 'new-sale': true });
    await page.screenshot({ path: `${ARTIFACTS}/demo-1280-held.png` });
    const held = await fit(page);
    assert.deepEqual(held.outside, []);
    assert.ok(held.scrollHeight <= 800, `no scrolling while held: ${held.scrollHeight}`);
    await page.click('#pay-approved');
    await page.waitForFunction(() => /Redemption recorded/.test(document.querySelector('#status')?.textContent ?? ''));
    assert.deepEqual(await disabled(page), { 'pay-approved': true, 'pay-declined': true, 'return-item': false, reload: true, 'new-sale': false });

    // The log's numbers: past 9 (and 99) the marker still fits inside the list's padding.
    const log = await page.evaluate(() => {
      const list = document.querySelector<HTMLElement>('#log')!;
      const probe = document.createElement('span');
      probe.style.font = getComputedStyle(list).font;
      probe.textContent = '100. ';
      document.body.append(probe);
      const need = probe.getBoundingClientRect().width;
      probe.remove();
      return { items: list.children.length, need, padding: parseFloat(getComputedStyle(list).paddingLeft) };
    });
    assert.ok(log.items > 9, `${log.items} log lines`);
    assert.ok(log.padding >= log.need, `marker "100." needs ${log.need}px, has ${log.padding}px`);
    assert.deepEqual(violations, []);
    await page.close();
  });

  it('another card scanned while a redemption is held is refused: the sale stays with its member and settles once', async () => {
    const { page, violations } = await openTill({ width: 1280, height: 800 });
    await scanAndRedeem(page);
    await scan(page, SEED.noah.card);
    const lookup = () => page.evaluate(() => document.querySelector('omneo-member-lookup')!.shadowRoot!.textContent ?? '');
    await page.waitForFunction(() => /not settled yet/.test(document.querySelector('omneo-member-lookup')!.shadowRoot!.textContent ?? ''));
    assert.match(await lookup(), /Ava Nguyen/);
    assert.doesNotMatch(await lookup(), /Noah Smith/);
    const panelText = await page.evaluate(() => document.querySelector('omneo-redemption-panel')!.shadowRoot!.textContent ?? '');
    assert.match(panelText, /Ava Nguyen/, 'the panel names whose redemption is on screen');
    assert.doesNotMatch(await page.textContent('#log') ?? '', /omneo-member-select\s+Noah/);
    assert.equal(await page.isDisabled('#new-sale'), true);
    // "Change member" says why it is unavailable, and pressing it changes nothing.
    assert.match(await lookup(), /before changing member/);
    await page.click('omneo-member-lookup [part~="change-button"]', { force: true }); // aria-disabled, so forced
    assert.match(await lookup(), /Ava Nguyen/);
    await page.screenshot({ path: `${ARTIFACTS}/demo-1280-refused-scan.png` });

    await page.click('#pay-approved');
    await page.waitForFunction(() => /Redemption (recorded|reversed|refunded)/.test(document.querySelector('#status')?.textContent ?? ''));
    assert.match((await status(page)) ?? '', /Redemption recorded/);
    await page.waitForTimeout(300);
    const settled = ((await page.textContent('#log')) ?? '').match(/omneo-redemption-settled/g) ?? [];
    assert.equal(settled.length, 1, 'settled fires exactly once');
    // Settled: the lock is gone, and the next card is taken.
    await scan(page, SEED.noah.card);
    await page.waitForFunction(() => /omneo-member-select\s+Noah Smith/.test(document.querySelector('#log')?.textContent ?? ''));
    assert.deepEqual(violations, []);
    await page.close();
  });

  it('a reload mid-sale: the held redemption is recovered and reversed', async () => {
    const { page, violations } = await openTill();
    await page.click('#new-sale');
    await scanAndRedeem(page);
    await page.click('#reload');
    // After the reload the panel finds the held redemption in its journal and reverses it.
    await page.waitForFunction(() => /\/reversal → 200/.test(document.querySelector('#log')?.textContent ?? ''), undefined, { timeout: 15_000 });
    assert.match(await page.textContent('#log') ?? '', /omneo-redemption-recover\s+found held sale/);
    await page.waitForSelector('omneo-redemption-panel [part~="recovery"]');
    await page.screenshot({ path: `${ARTIFACTS}/demo-reload-recovered.png` });
    assert.deepEqual(violations, []);
    await page.close();
  });
});
