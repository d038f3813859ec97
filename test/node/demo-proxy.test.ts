/**
 * The demo till against a "real" tenant: the dev server's proxy adds the token on the server
 * side, and nothing the page can load carries it. The upstream is the mock tenant served over
 * real HTTP on 127.0.0.1, so the proxy is exercised end to end.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer, type ViteDevServer } from 'vite';
import { createMockTenant, SEED } from '../../src/mocks/index.ts';

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
      const answer = await tenant.fetch(`http://upstream${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
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
});
