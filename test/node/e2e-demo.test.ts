/**
 * The demo till end to end, in Debian's Chromium driven by playwright-core, on the mock tenant
 * behind msw's service worker: scan → redeem → payment declined → reversed; scan → redeem →
 * payment approved → recorded → the jacket returned, refunded; redeem → reload mid-sale →
 * recovered. The page runs under the demo's strict Content-Security-Policy, and any violation
 * fails the test (a probe checks that a violation is caught). Screenshots are kept in
 * test-artifacts/.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { createServer, type ViteDevServer } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findChromium } from '../../scripts/find-chromium.mjs';

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
  async function openTill(): Promise<{ page: Page; violations: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
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
    return { page, violations };
  }

  async function scanAndRedeem(page: Page): Promise<void> {
    page.setDefaultTimeout(15_000);
    await page.click('#scan');
    await page.waitForSelector('omneo-redemption-panel [part~="confirm-button"]:not([disabled])');
    await page.click('omneo-redemption-panel [part~="confirm-button"]');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('held'));
  }

  const status = (page: Page) => page.textContent('#status');

  it('scan, redeem, payment declined: the redemption is reversed', async () => {
    const { page, violations } = await openTill();
    await scanAndRedeem(page);
    assert.match(await page.textContent('#log') ?? '', /omneo-redemption-created\s+held; pay 22500¢ of 25000¢/);
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
