// The mock tenant's auth, faults and request log. Run:
// node --import tsx --test test/node/mocks-faults.test.ts
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { http, HttpResponse, getResponse } from 'msw';
import { SEED, createMockTenant } from '../../src/mocks/index.ts';
import { TOKEN, caller } from '../mocks/harness.ts';
import { SHAPES, checkBody } from '../support/omneo-shapes.ts';

/** Whether a body is a profile as Omneo sends it. */
const isProfile = (body: unknown) => checkBody(SHAPES.profile, body).length === 0;

const setup = () => {
  const tenant = createMockTenant();
  return { tenant, call: caller(tenant) };
};
const redeemPath = `/profiles/${SEED.ava.id}/redemptions`;
const redeem = (amount: number, saleId = 'SALE-F') => ({ strategies: ['rewards'], amount, transaction_external_id: saleId });

describe('mock tenant: auth', () => {
  it('answers 401 without a bearer token, with an empty one, and with an expired one', async () => {
    const { tenant } = setup();
    for (const token of [null, '', '   ']) {
      const res = await caller(tenant, { token })('GET', `/profiles/${SEED.ava.id}`);
      assert.equal(res.status, 401);
      assert.deepEqual(res.json, { message: 'Unauthenticated.' });
    }
    tenant.auth.expire('old-token');
    const expired = await caller(tenant, { token: 'old-token' })('POST', redeemPath, redeem(5));
    assert.deepEqual([expired.status, expired.json], [401, { message: 'Unauthenticated.' }]);
    assert.equal(tenant.rewardBalanceCents(SEED.ava.id), 2500, 'a refused write is not applied');
    assert.equal((await caller(tenant, { token: 'fresh-token' })('GET', `/profiles/${SEED.ava.id}`)).status, 200);
  });

  it('logs every request without its Authorization header, under any base URL', async () => {
    const { tenant, call } = setup();
    await call('POST', redeemPath, redeem(5));
    await caller(tenant, { base: '/omneo' })('GET', `/profiles/${SEED.ava.id}/balances?x=1`);
    await caller(tenant, { base: 'http://till.local:3000/proxy' })('GET', '/locations/2');
    await caller(tenant, { token: null })('GET', '/locations');
    assert.deepEqual(
      tenant.requests.map((r) => `${r.method} ${r.path}`),
      [`POST ${redeemPath}`, `GET /profiles/${SEED.ava.id}/balances`, 'GET /locations/2', 'GET /locations'],
    );
    assert.deepEqual(tenant.requests[0]?.body, redeem(5));
    assert.deepEqual(tenant.requests[1]?.query, { x: '1' });
    const logged = JSON.stringify(tenant.requests);
    assert.ok(!logged.includes(TOKEN) && !/authori[sz]ation|bearer/i.test(logged));
  });
});

describe('mock tenant: faults', () => {
  it('failNext answers Omneo-shaped errors without applying the write, then recovers', async () => {
    const { tenant, call } = setup();
    tenant.faults.failNext(2, 503);
    const a = await call('POST', redeemPath, redeem(5));
    const b = await call('GET', '/locations');
    assert.deepEqual([a.status, b.status], [503, 503]);
    assert.equal(typeof a.json.message, 'string');
    assert.equal(tenant.rewardBalanceCents(SEED.ava.id), 2500);
    assert.equal((await call('GET', '/locations')).status, 200);
    tenant.faults.failNext(1, 422);
    const v = await call('GET', '/locations');
    assert.deepEqual([v.status, typeof v.json.message, typeof v.json.errors], [422, 'string', 'object']);
  });

  it('applies faults only to matching requests, first in first out', async () => {
    const { tenant, call } = setup();
    tenant.faults.failNext(1, 500, { method: 'POST', path: '/redemptions' });
    tenant.faults.failNext(1, 502, { path: /^\/locations/ });
    tenant.faults.failNext(1, 504);
    assert.equal((await call('GET', `/profiles/${SEED.ava.id}`)).status, 504, 'the unmatched fault takes the first request');
    assert.equal((await call('GET', `/profiles/${SEED.ava.id}`)).status, 200);
    assert.equal((await call('GET', '/locations/1')).status, 502);
    assert.equal((await call('POST', redeemPath, redeem(5))).status, 500);
    assert.equal((await call('POST', redeemPath, redeem(5))).status, 201);
    tenant.faults.failNext(1, 500, { path: `https://elsewhere/api/v3${redeemPath}` });
    assert.equal((await call('POST', redeemPath, redeem(5))).status, 500, 'a full URL matches by its resource path');
  });

  it('dropNextAnswer applies the write, then fetch rejects as a dropped connection does', async () => {
    const { tenant, call } = setup();
    tenant.faults.dropNextAnswer({ method: 'POST' });
    assert.equal((await call('GET', '/locations')).status, 200, 'a GET does not match');
    await assert.rejects(call('POST', redeemPath, redeem(7.5, 'SALE-LOST')), (e: unknown) => e instanceof TypeError && e.message === 'Failed to fetch');
    assert.equal(tenant.rewardBalanceCents(SEED.ava.id), 1750, 'the write happened');
    const found = await call('GET', `/redemptions?filter[profile_id]=${SEED.ava.id}&filter[transaction_external_id]=SALE-LOST`);
    assert.equal(found.json.data.length, 1);
    assert.equal(found.json.data[0].total, 7.5);
  });

  it('malformNext answers 200 with a body the schemas refuse, or the text given', async () => {
    const { tenant, call } = setup();
    tenant.faults.malformNext({ path: `/profiles/${SEED.ava.id}` });
    const bad = await call('GET', `/profiles/${SEED.ava.id}`);
    assert.equal(bad.status, 200);
    assert.equal(isProfile(bad.json), false);
    assert.equal(isProfile((await call('GET', `/profiles/${SEED.ava.id}`)).json), true);
    tenant.faults.malformNext(undefined, '<html>Bad gateway</html>');
    const html = await call('GET', '/locations');
    assert.deepEqual([html.status, html.text, html.json], [200, '<html>Bad gateway</html>', undefined]);
    assert.match(html.headers.get('content-type') ?? '', /text\/html/);
  });

  it('rateLimitNext answers 429 with Retry-After in seconds or as a date, and does not apply the write', async () => {
    const { tenant, call } = setup();
    const date = 'Wed, 25 Nov 2026 01:00:05 GMT';
    tenant.faults.rateLimitNext(2, '2');
    tenant.faults.rateLimitNext(1, date, { method: 'GET' });
    tenant.faults.rateLimitNext(1);
    const first = await call('POST', redeemPath, redeem(5));
    assert.deepEqual([first.status, first.headers.get('retry-after'), first.json.message], [429, '2', 'Too Many Attempts.']);
    assert.equal((await call('GET', '/locations')).headers.get('retry-after'), '2');
    assert.equal((await call('GET', '/locations')).headers.get('retry-after'), date);
    const last = await call('GET', '/locations');
    assert.deepEqual([last.status, last.headers.get('retry-after')], [429, null]);
    assert.equal((await call('GET', '/locations')).status, 200);
    assert.equal(tenant.rewardBalanceCents(SEED.ava.id), 2500);
  });

  it('latency delays every answer with a real timer; an abort rejects while the server carries on', async () => {
    const tenant = createMockTenant({ latencyMs: 40 });
    const call = caller(tenant);
    const started = performance.now();
    assert.equal((await call('GET', '/locations')).status, 200);
    assert.ok(performance.now() - started >= 35);

    tenant.faults.latency(50);
    const controller = new AbortController();
    const pending = call('POST', redeemPath, redeem(5), { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    await assert.rejects(pending, (e: unknown) => e instanceof Error && e.name === 'AbortError');
    await new Promise((resolve) => setTimeout(resolve, 80));
    assert.equal(tenant.rewardBalanceCents(SEED.ava.id), 2000, 'the request had been sent: the write happened');
  });

  it('clear() removes every queued fault and the latency', async () => {
    const { tenant, call } = setup();
    tenant.faults.latency(1000);
    tenant.faults.failNext(3, 500);
    tenant.faults.dropNextAnswer();
    tenant.faults.malformNext();
    tenant.faults.rateLimitNext(1);
    tenant.faults.landLateNext(1000);
    tenant.faults.listLag(1000);
    tenant.faults.nullTotals();
    tenant.faults.ignorePageNumber();
    tenant.faults.clear();
    // The 1000 ms latency is gone: the answer beats a timer far shorter than it.
    const res = await Promise.race([
      call('GET', `/profiles/${SEED.ava.id}`),
      new Promise<'latency still there'>((resolve) => setTimeout(() => resolve('latency still there'), 900)),
    ]);
    assert.notEqual(res, 'latency still there');
    assert.equal(isProfile((res as { json: unknown }).json), true);
  });
});

describe('mock tenant: faults that model real Omneo', () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const lookUp = async (call: ReturnType<typeof caller>, saleId: string) =>
    (await call('GET', `/redemptions?filter[profile_id]=${SEED.ava.id}&filter[transaction_external_id]=${saleId}`)).json.data;

  it('landLateNext: the write lands only after the client gave up, and its answer never comes', async () => {
    const { tenant, call } = setup();
    tenant.faults.landLateNext(120, { method: 'POST', path: redeemPath });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')), 30);
    await assert.rejects(call('POST', redeemPath, redeem(5, 'SALE-LATE'), { signal: controller.signal }), (e: unknown) => (e as Error).name === 'TimeoutError');
    assert.deepEqual(await lookUp(call, 'SALE-LATE'), [], 'looked up right away: not there yet');
    assert.equal(tenant.rewardBalanceCents(SEED.ava.id), 2500);
    await sleep(150);
    assert.equal((await lookUp(call, 'SALE-LATE')).length, 1, 'it landed later');
    assert.equal(tenant.rewardBalanceCents(SEED.ava.id), 2000);

    // Without an abort, the answer is lost all the same; the next write is normal.
    tenant.faults.landLateNext(10);
    await assert.rejects(call('POST', redeemPath, redeem(1, 'SALE-LATE-2')), TypeError);
    assert.equal((await lookUp(call, 'SALE-LATE-2')).length, 1);
    assert.equal((await call('POST', redeemPath, redeem(1, 'SALE-OK'))).status, 201);
  });

  it('listLag: GET /redemptions shows a new redemption, reversal or return only after the lag', async () => {
    const { tenant, call } = setup();
    const before = (await call('POST', redeemPath, redeem(1, 'SALE-OLD'))).json.data;
    tenant.faults.listLag(80);
    const r = (await call('POST', redeemPath, redeem(5, 'SALE-LAG'))).json.data;
    assert.deepEqual(await lookUp(call, 'SALE-LAG'), []);
    assert.equal((await lookUp(call, 'SALE-OLD'))[0]?.id, before.id, 'what was written before the lag is listed');
    assert.equal((await call('GET', `/redemptions/${r.id}`)).status, 200, 'the record itself exists');
    await sleep(100);
    assert.deepEqual((await lookUp(call, 'SALE-LAG')).map((x: { id: number }) => x.id), [r.id]);
    tenant.faults.listLag(0);
    await call('POST', `/redemptions/${r.id}/reversal`);
    assert.equal((await lookUp(call, 'SALE-LAG')).length, 2);
  });

  it('nullTotals and oddBalances spoil write answers only; ignorePageNumber answers page one', async () => {
    const { tenant, call } = setup();
    tenant.faults.nullTotals();
    tenant.faults.oddBalances();
    const r = (await call('POST', redeemPath, redeem(5))).json.data;
    assert.deepEqual([r.total, r.total_localised, r.balances.reward_balance, r.balances.point_balance_dollars], [null, null, 20, 15.004]);
    assert.equal((await call('GET', `/redemptions/${r.id}`)).json.data.total, 5, 'a listed redemption keeps its total');
    tenant.faults.nullTotals(false);
    tenant.faults.oddBalances(false);
    assert.equal((await call('POST', redeemPath, redeem(1))).json.data.total, 1);

    tenant.faults.ignorePageNumber();
    const path = `/profiles/${SEED.many.id}/benefits?page[size]=50&page[number]=2`;
    const ignored = (await call('GET', path)).json;
    assert.deepEqual([ignored.meta.current_page, ignored.data[0].redeem_code_pos], [1, 'MANY-001']);
    tenant.faults.clear();
    assert.equal((await call('GET', path)).json.data[0].redeem_code_pos, 'MANY-051');
  });
});

describe('mock tenant: handlers', () => {
  it('answer through msw getResponse with any base URL, and leave unknown requests alone', async () => {
    const { tenant } = setup();
    const request = new Request(`http://proxy.local/omneo/profiles/${SEED.noah.id}/balances`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    const response = await getResponse(tenant.handlers, request);
    assert.equal((await response?.json())?.data.reward_balance, 50);
    assert.equal(await getResponse(tenant.handlers, new Request('http://cdn.local/app.js')), undefined);
    // A host can put its own handler first, as with msw's server.use().
    const override = http.get(/\/locations$/, () => HttpResponse.json({ data: [] }));
    const own = await getResponse([override, ...tenant.handlers], new Request('http://x/api/v3/locations'));
    assert.deepEqual(await own?.json(), { data: [] });
  });
});
