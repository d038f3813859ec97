/**
 * The demo till against a "real" tenant: the dev server's proxy adds the token on the server
 * side, and nothing the page can load carries it. The upstream is the mock tenant served over
 * real HTTP on 127.0.0.1, so the proxy is exercised end to end, by fetch and by the till itself
 * in Chromium (scan, redeem, payment declined), with the token looked for in everything the
 * page holds or sends.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer, type ViteDevServer } from 'vite';
import { chromium } from 'playwright-core';
import { createMockTenant, SEED } from '../../src/mocks/index.ts';
import { findChromium } from '../../scripts/find-chromium.mjs';

const TOKEN = 'live-secret-token-5d1e';

describe('the demo till through its proxy to a live tenant', () => {
  const tenant = createMockTenant();
  const authorizations: (string | undefined)[] = [];
  let upstream: Server;
  let vite: ViteDevServer;
  let origin: string;

  before(async () => {
    upstream = createHttpServer(async (req, res) => {
      authorizations.push(req.headers.authorization);
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const answer = await tenant.fetch(`http://upstream${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        ...(chunks.length > 0 ? { body: Buffer.concat(chunks).toString('utf8') } : {}),
      });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      res.end(await answer.text());
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const { port } = upstream.address() as AddressInfo;
    process.env.OMNEO_BASE_URL = `http://127.0.0.1:${port}/tenant/api/v3`;
    process.env.OMNEO_TOKEN = TOKEN;
    vite = await createServer({ configFile: 'demo/vite.config.ts', server: { port: 0 }, logLevel: 'silent' });
    await vite.listen();
    const address = vite.httpServer!.address() as AddressInfo;
    origin = `http://127.0.0.1:${address.port}`;
  });

  after(async () => {
    delete process.env.OMNEO_BASE_URL;
    delete process.env.OMNEO_TOKEN;
    await vite?.close();
    upstream?.close();
  });

  it('adds the bearer token upstream for a page request that carries none', async () => {
    const response = await fetch(`${origin}/omneo/api/v3/profiles/${SEED.ava.id}`, { headers: { Accept: 'application/json' } });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { data: { first_name: string } };
    assert.equal(body.data.first_name, 'Ava');
    assert.deepEqual(authorizations, [`Bearer ${TOKEN}`]);
    assert.equal(tenant.requests.at(-1)?.path, `/profiles/${SEED.ava.id}`);
  });

  it('serves no page, script or module that contains the token', async () => {
    for (const path of ['/', '/main.ts', '/@vite/env', '/@vite/client']) {
      const text = await (await fetch(`${origin}${path}`)).text();
      assert.ok(!text.includes(TOKEN), `${path} leaks the token`);
    }
  });

  it('runs the till in Chromium through the proxy: scan, redeem, declined and reversed, the token nowhere in the page', async () => {
    const browser = await chromium.launch({
      executablePath: findChromium(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      const sent: string[] = [];
      page.on('request', (request) => sent.push(JSON.stringify({ url: request.url(), headers: request.headers(), body: request.postData() })));
      authorizations.length = 0;
      await page.goto(origin);
      page.setDefaultTimeout(15_000);
      assert.match((await page.textContent('#mode')) ?? '', /live/i);
      // The 'Try it' column's card button plays a scanner burst of Ava's card.
      await page.click(`button[data-card="${SEED.ava.card}"]`);
      await page.waitForSelector('omneo-redemption-panel [part~="confirm-button"]:not([disabled])');
      await page.click('omneo-redemption-panel [part~="confirm-button"]');
      await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('held'));
      await page.click('#pay-declined');
      await page.waitForFunction(() => /Redemption (recorded|reversed|refunded)/.test(document.querySelector('#status')?.textContent ?? ''));
      assert.match((await page.textContent('#status')) ?? '', /Redemption reversed/);

      // Omneo saw the till's writes, each with the server's token.
      const writes = tenant.requests.filter((r) => r.method === 'POST').map((r) => r.path);
      assert.ok(writes.some((p) => p === `/profiles/${SEED.ava.id}/redemptions`), `redeemed upstream: ${writes.join(', ')}`);
      assert.ok(writes.some((p) => p.endsWith('/reversal')), `reversed upstream: ${writes.join(', ')}`);
      assert.ok(authorizations.length > 0 && authorizations.every((a) => a === `Bearer ${TOKEN}`));

      // The page never held or sent it: not in its DOM (shadow roots included), its storage, or its requests.
      // A string, not a function: tsx would name the inner arrow functions with a helper the page lacks.
      const held = await page.evaluate<string>(`(() => {
        const text = (node) => [node instanceof Element ? node.outerHTML : '', ...[...(node.shadowRoot?.childNodes ?? [])].map(text), ...[...node.childNodes].map(text)].join('');
        const storage = (s) => Object.keys(s).map((k) => k + '=' + s.getItem(k)).join(';');
        return [text(document.documentElement), storage(localStorage), storage(sessionStorage), document.cookie].join('\\n');
      })()`);
      assert.ok(held.includes('Ava'), 'the DOM was read, shadow roots included');
      assert.ok(!held.includes(TOKEN), 'the page holds the token');
      assert.ok(sent.length > 0 && sent.every((r) => !r.includes(TOKEN)), 'the page sent the token');
    } finally {
      await browser.close();
    }
  });
});
