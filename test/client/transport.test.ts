/**
 * The transport and the request core against a scripted `fetch`: token rotation and the
 * single-flight refresh, retries and Retry-After, writes sent once, abort and timeout,
 * non-JSON and malformed bodies. What reaches the scripted server is what is asserted.
 */
import { expect } from '@open-wc/testing';
import {
  createOmneoClient,
  fetchTransport,
  OmneoAbortError,
  OmneoError,
  OmneoNetworkError,
  OmneoRateLimitError,
  OmneoServerError,
  OmneoTimeoutError,
  OmneoUnauthorizedError,
  OmneoUnexpectedResponseError,
  OmneoValidationError,
  parseRetryAfter,
} from '../../src/client/index.js';

const BASE = 'https://api.acme.getomneo.com/api/v3';
const PROFILE_ID = '5c1e0a4e-2d3b-4f6a-9b8c-7d6e5f4a3b2c';

const profileBody = {
  data: {
    id: PROFILE_ID,
    first_name: 'Ava',
    last_name: 'Nguyen',
    email: 'ava.nguyen@example.com',
    reward_balance: 25,
    point_balance: 1500,
    point_balance_dollars: 15,
    combined_balance_dollars: 40,
  },
};

/** An identity of the profile above, with `id`. */
const IDENTITY = (id: number) => ({ id, handle: 'card', identifier: '2770000000017', is_primary: true, profile_id: PROFILE_ID });

interface Seen {
  method: string;
  url: string;
  headers: Headers;
  body: string | null;
}

/** A fetch that answers from a script and records every request it saw. */
function scriptedFetch(answer: (request: Seen, index: number) => Response | Promise<Response>) {
  const seen: Seen[] = [];
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request: Seen = {
      method: init?.method ?? 'GET',
      url: String(input),
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : null,
    };
    seen.push(request);
    const signal = init?.signal;
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
    return new Promise<Response>((resolve, reject) => {
      signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      Promise.resolve(answer(request, seen.length - 1)).then(resolve, reject);
    });
  };
  return { fetch: fetchFn as typeof fetch, seen };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

const fastRetry = { baseDelayMs: 1, maxDelayMs: 5 };

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('fetchTransport', () => {
  it('sends the bearer token, Accept and Content-Type, and asks getToken for each request', async () => {
    const { fetch, seen } = scriptedFetch(() => json(200, profileBody));
    let n = 0;
    const client = createOmneoClient({
      transport: fetchTransport({ baseUrl: `${BASE}/`, fetch, getToken: () => `token-${++n}` }),
    });
    await client.profiles.get(PROFILE_ID);
    await client.profiles.get(PROFILE_ID);
    await client.transactions.upsert({
      externalId: 'sale-1',
      totalCents: 1999,
      transactedAt: '2026-11-25 12:00:00',
      timezone: 'Australia/Melbourne',
      items: [{ name: 'Tee', quantity: 1, priceCurrentCents: 1999, priceSellCents: 1999 }],
    }).catch(() => undefined);
    expect(seen.map((s) => s.headers.get('authorization'))).to.deep.equal([
      'Bearer token-1',
      'Bearer token-2',
      'Bearer token-3',
    ]);
    expect(seen[0]!.url).to.equal(`${BASE}/profiles/${PROFILE_ID}`);
    expect(seen[0]!.headers.get('accept')).to.equal('application/json');
    expect(seen[0]!.headers.get('content-type')).to.equal(null);
    expect(seen[2]!.headers.get('content-type')).to.equal('application/json');
    // Money leaves the kit as exact dollars.
    expect(JSON.parse(seen[2]!.body!)).to.include({ total: 19.99, external_id: 'sale-1' });
  });

  it('sends no Authorization at all to a proxy that adds the token server-side', async () => {
    const { fetch, seen } = scriptedFetch(() => json(200, profileBody));
    const client = createOmneoClient({ transport: fetchTransport({ baseUrl: '/omneo/api/v3', fetch }) });
    await client.profiles.get(PROFILE_ID);
    expect(seen[0]!.url).to.equal(`/omneo/api/v3/profiles/${PROFILE_ID}`);
    expect(seen[0]!.headers.has('authorization')).to.equal(false);
  });

  it('shares one token refresh between ten requests that all got 401, then retries each once', async () => {
    let valid = 'old';
    const { fetch, seen } = scriptedFetch(async (request) => {
      await new Promise((r) => setTimeout(r, 5));
      return request.headers.get('authorization') === `Bearer ${valid}`
        ? json(200, profileBody)
        : json(401, { message: 'Unauthenticated.' });
    });
    const calls: boolean[] = [];
    const transport = fetchTransport({
      baseUrl: BASE,
      fetch,
      getToken: async ({ refresh }) => {
        calls.push(refresh);
        if (refresh) {
          await new Promise((r) => setTimeout(r, 10));
          return 'fresh';
        }
        return 'old';
      },
    });
    valid = 'fresh';
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => transport({ method: 'GET', path: `/profiles/${i}` })),
    );
    expect(answers.every((a) => a.status === 200)).to.equal(true);
    expect(calls.filter((refresh) => refresh)).to.have.length(1);
    expect(seen).to.have.length(20);
  });

  it('gives up after one refresh: a second 401 is an unauthorised error without the token', async () => {
    const { fetch, seen } = scriptedFetch(() => json(401, { message: 'Unauthenticated.' }));
    const client = createOmneoClient({
      transport: fetchTransport({ baseUrl: BASE, fetch, getToken: () => 'secret-token-abc' }),
    });
    const error = await rejection(client.profiles.get(PROFILE_ID));
    expect(error).to.be.instanceOf(OmneoUnauthorizedError);
    expect((error as OmneoError).status).to.equal(401);
    expect(seen).to.have.length(2);
    expect(JSON.stringify(error)).not.to.contain('secret-token-abc');
    expect(String((error as Error).message)).not.to.contain('secret-token-abc');
    expect(String((error as Error).stack)).not.to.contain('secret-token-abc');
  });

  it('a token callback that fails is an unauthorised error, with nothing sent', async () => {
    const { fetch, seen } = scriptedFetch(() => json(200, profileBody));
    const client = createOmneoClient({
      transport: fetchTransport({ baseUrl: BASE, fetch, getToken: () => Promise.reject(new Error('session expired')) }),
    });
    const error = await rejection(client.profiles.get(PROFILE_ID));
    expect(error).to.be.instanceOf(OmneoUnauthorizedError);
    expect(((error as Error).cause as Error).message).to.equal('session expired');
    expect(seen).to.have.length(0);
  });

  it('times out with a timeout error, and the caller\'s signal aborts with an abort error', async () => {
    const { fetch } = scriptedFetch(() => new Promise<Response>(() => {}));
    const client = createOmneoClient({
      transport: fetchTransport({ baseUrl: BASE, fetch, token: 't', timeoutMs: 30 }),
      retry: { retries: 0 },
    });
    expect(await rejection(client.profiles.get(PROFILE_ID))).to.be.instanceOf(OmneoTimeoutError);

    const slow = createOmneoClient({ transport: fetchTransport({ baseUrl: BASE, fetch, token: 't' }) });
    const controller = new AbortController();
    const pending = slow.profiles.get(PROFILE_ID, { signal: controller.signal });
    controller.abort();
    expect(await rejection(pending)).to.be.instanceOf(OmneoAbortError);
  });
});

describe('the request core', () => {
  it('retries a read on 5xx and network errors, then succeeds', async () => {
    const { fetch, seen } = scriptedFetch((_, i) => {
      if (i === 0) return json(503, { message: 'Service Unavailable' });
      if (i === 1) throw new TypeError('Failed to fetch');
      return json(200, profileBody);
    });
    const client = createOmneoClient({ transport: fetchTransport({ baseUrl: BASE, fetch, token: 't' }), retry: fastRetry });
    const profile = await client.profiles.get(PROFILE_ID);
    expect(profile.balances?.rewardCents).to.equal(2500);
    expect(seen).to.have.length(3);
  });

  it('stops after the bounded number of tries with the last error', async () => {
    const { fetch, seen } = scriptedFetch(() => json(500, { message: 'Server Error' }));
    const client = createOmneoClient({
      transport: fetchTransport({ baseUrl: BASE, fetch, token: 't' }),
      retry: { ...fastRetry, retries: 2 },
    });
    const error = await rejection(client.balances.get(PROFILE_ID));
    expect(error).to.be.instanceOf(OmneoServerError);
    expect((error as OmneoError).retryable).to.equal(true);
    expect(seen).to.have.length(3);
  });

  it('waits as long as Retry-After says on a 429', async () => {
    const times: number[] = [];
    const { fetch } = scriptedFetch((_, i) => {
      times.push(performance.now());
      return i === 0 ? json(429, { message: 'Too Many Attempts.' }, { 'Retry-After': '1' }) : json(200, profileBody);
    });
    const client = createOmneoClient({ transport: fetchTransport({ baseUrl: BASE, fetch, token: 't' }), retry: fastRetry });
    await client.profiles.get(PROFILE_ID);
    expect(times[1]! - times[0]!).to.be.at.least(990);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.UTC(2026, 10, 25, 0, 0, 0);
    expect(parseRetryAfter('3', now)).to.equal(3000);
    expect(parseRetryAfter(new Date(now + 5000).toUTCString(), now)).to.equal(5000);
    expect(parseRetryAfter('soon', now)).to.equal(undefined);
  });

  it('gives up at once on a 429 whose Retry-After is beyond what a till can wait', async () => {
    const { fetch, seen } = scriptedFetch(() => json(429, { message: 'Too Many Attempts.' }, { 'Retry-After': '3600' }));
    const client = createOmneoClient({ transport: fetchTransport({ baseUrl: BASE, fetch, token: 't' }), retry: fastRetry });
    const error = await rejection(client.profiles.get(PROFILE_ID));
    expect(error).to.be.instanceOf(OmneoRateLimitError);
    expect((error as OmneoRateLimitError).retryAfterMs).to.equal(3_600_000);
    expect(seen).to.have.length(1);
  });

  it('never retries a write, whatever the failure', async () => {
    for (const failure of [
      () => json(503, { message: 'down' }),
      () => json(429, { message: 'slow down' }, { 'Retry-After': '0' }),
      () => {
        throw new TypeError('Failed to fetch');
      },
    ]) {
      const { fetch, seen } = scriptedFetch(failure);
      const client = createOmneoClient({ transport: fetchTransport({ baseUrl: BASE, fetch, token: 't' }), retry: fastRetry });
      const error = await rejection(client.redemptions.redeemRewards(PROFILE_ID, { amountCents: 500, saleId: 's-1' }));
      expect(error).to.be.instanceOf(OmneoError);
      expect(seen).to.have.length(1);
    }
  });

  it('shares one request between identical concurrent reads', async () => {
    const { fetch, seen } = scriptedFetch(async () => {
      await new Promise((r) => setTimeout(r, 10));
      return json(200, profileBody);
    });
    const client = createOmneoClient({ transport: fetchTransport({ baseUrl: BASE, fetch, token: 't' }) });
    const [a, b, c] = await Promise.all([
      client.profiles.get(PROFILE_ID),
      client.profiles.get(PROFILE_ID),
      client.profiles.get(PROFILE_ID),
    ]);
    expect(seen).to.have.length(1);
    expect(a.fullName).to.equal('Ava Nguyen');
    expect(b).to.deep.equal(c);
  });

  it('aborting one of two shared reads leaves the other one answered', async () => {
    const { fetch, seen } = scriptedFetch(async () => {
      await new Promise((r) => setTimeout(r, 20));
      return json(200, profileBody);
    });
    const client = createOmneoClient({ transport: fetchTransport({ baseUrl: BASE, fetch, token: 't' }) });
    const controller = new AbortController();
    const first = client.profiles.get(PROFILE_ID, { signal: controller.signal });
    const second = client.profiles.get(PROFILE_ID);
    controller.abort();
    expect(await rejection(first)).to.be.instanceOf(OmneoAbortError);
    expect((await second).id).to.equal(PROFILE_ID);
    expect(seen).to.have.length(1);
  });

  it('maps a 422 to a validation error with its field errors', async () => {
    const { fetch } = scriptedFetch(() =>
      json(422, { message: 'The given data was invalid.', errors: { amount: ['The amount exceeds the balance.'] } }),
    );
    const client = createOmneoClient({ transport: fetchTransport({ baseUrl: BASE, fetch, token: 't' }) });
    const error = (await rejection(client.redemptions.redeemRewards(PROFILE_ID, { amountCents: 99_900 }))) as OmneoValidationError;
    expect(error).to.be.instanceOf(OmneoValidationError);
    expect(error.code).to.equal('validation');
    expect(error.status).to.equal(422);
    expect(error.fieldErrors).to.deep.equal({ amount: ['The amount exceeds the balance.'] });
  });

  it('reads a write answer whose side fields are odd as the redemption the route made: a doubt is never a second write', async () => {
    const redemption = { id: 7, profile_id: PROFILE_ID, total: '5.00', transaction_external_id: 's-1', created_at: '2026-12-01 10:00:00' };
    for (const [type, read] of [['reversal', 'reversal'], ['bogus', 'redeem'], [undefined, 'redeem']] as const) {
      const { fetch } = scriptedFetch(() => json(201, { data: { ...redemption, type } }));
      const client = createOmneoClient({ transport: fetchTransport({ baseUrl: BASE, fetch, token: 't' }) });
      const answer = await client.redemptions.redeemRewards(PROFILE_ID, { amountCents: 500, saleId: 's-1' });
      expect([answer.id, answer.type]).to.deep.equal([7, read]);
    }
    // Only an unreadable id makes the answer unusable: then the outcome is unknown, and the flow looks it up.
    const { fetch } = scriptedFetch(() => json(201, { data: { ...redemption, id: 'seven' } }));
    const client = createOmneoClient({ transport: fetchTransport({ baseUrl: BASE, fetch, token: 't' }) });
    const error = (await rejection(client.redemptions.redeemRewards(PROFILE_ID, { amountCents: 500, saleId: 's-1' }))) as OmneoUnexpectedResponseError;
    expect(error.issues.map((i) => i.path.join('.'))).to.include('data.id');
  });

  it('reads negative and sub-cent balances down to the cent, as Omneo may send them', async () => {
    const { fetch } = scriptedFetch(() => json(200, { data: { ...profileBody.data, reward_balance: -5, point_balance_dollars: 10.005 } }));
    const client = createOmneoClient({ transport: fetchTransport({ baseUrl: BASE, fetch, token: 't' }) });
    const profile = await client.profiles.get(PROFILE_ID);
    expect([profile.balances?.rewardCents, profile.balances?.pointsValueCents]).to.deep.equal([-500, 1000]);
  });

  it('keeps a 422\'s message and readable field errors when some entries are odd', async () => {
    const { fetch } = scriptedFetch(() =>
      json(422, { message: 'Invalid.', errors: { amount: 'Too much.', items: [3, 'Unknown item.'], code: { nested: true } } }),
    );
    const client = createOmneoClient({ transport: fetchTransport({ baseUrl: BASE, fetch, token: 't' }) });
    const error = (await rejection(client.redemptions.redeemRewards(PROFILE_ID, { amountCents: 100 }))) as OmneoValidationError;
    expect(error).to.be.instanceOf(OmneoValidationError);
    expect(error.message).to.equal('Invalid.');
    expect(error.fieldErrors).to.deep.equal({ amount: ['Too much.'], items: ['Unknown item.'] });

    const odd = scriptedFetch(() => json(422, { message: null, errors: { amount: ['Too much.'] } }));
    const again = createOmneoClient({ transport: fetchTransport({ baseUrl: BASE, fetch: odd.fetch, token: 't' }) });
    const second = (await rejection(again.redemptions.redeemRewards(PROFILE_ID, { amountCents: 100 }))) as OmneoValidationError;
    expect(second.fieldErrors).to.deep.equal({ amount: ['Too much.'] });
    expect(second.message).to.match(/answered 422/);
  });

  it('rejects a proxy\'s HTML page on a 200 as an unexpected response', async () => {
    const { fetch } = scriptedFetch(() => new Response('<html><body>Bad gateway</body></html>', { status: 200 }));
    const client = createOmneoClient({ transport: fetchTransport({ baseUrl: BASE, fetch, token: 't' }) });
    const error = (await rejection(client.profiles.get(PROFILE_ID))) as OmneoUnexpectedResponseError;
    expect(error).to.be.instanceOf(OmneoUnexpectedResponseError);
    expect(error.message).to.contain('not JSON');
  });

  it('maps an HTML 502 from a proxy to a retryable server error', async () => {
    const { fetch } = scriptedFetch(() => new Response('<html>502</html>', { status: 502 }));
    const client = createOmneoClient({ transport: fetchTransport({ baseUrl: BASE, fetch, token: 't' }), retry: { ...fastRetry, retries: 0 } });
    expect(await rejection(client.profiles.get(PROFILE_ID))).to.be.instanceOf(OmneoServerError);
  });

  for (const [what, patch, path] of [
    ['a missing id', { id: undefined }, 'id'],
    ['money that is not a number', { reward_balance: 'lots' }, 'reward_balance'],
    ['a wrong type', { point_balance: { points: 3 } }, 'point_balance'],
    ['an id that is not a UUID', { id: 42 }, 'id'],
    ['an id that is text but not a UUID', { id: 'ava-nguyen' }, 'id'],
    ['an identity id that is not a whole number', { identities: [IDENTITY(1.5)] }, 'identities.0.id'],
    ['an identity id of zero', { identities: [IDENTITY(0)] }, 'identities.0.id'],
    ['an identity id past 2^53', { identities: [IDENTITY(2 ** 53)] }, 'identities.0.id'],
  ] as const) {
    it(`rejects a profile with ${what}, naming the path`, async () => {
      const { fetch } = scriptedFetch(() => json(200, { data: { ...profileBody.data, ...patch } }));
      const client = createOmneoClient({ transport: fetchTransport({ baseUrl: BASE, fetch, token: 't' }) });
      const error = (await rejection(client.profiles.get(PROFILE_ID))) as OmneoUnexpectedResponseError;
      expect(error).to.be.instanceOf(OmneoUnexpectedResponseError);
      expect(error.issues.length).to.be.greaterThan(0);
      expect(error.issues.map((i) => i.path.join('.'))).to.include(`data.${path}`);
    });
  }

  it('is lenient with numeric strings, nulls and unknown fields', async () => {
    const { fetch } = scriptedFetch(() =>
      json(200, {
        data: {
          ...profileBody.data,
          reward_balance: '25.00',
          point_balance: '1500',
          first_name: null,
          last_name: null,
          full_name: null,
          something_new: { nested: true },
        },
      }),
    );
    const client = createOmneoClient({ transport: fetchTransport({ baseUrl: BASE, fetch, token: 't' }) });
    const profile = await client.profiles.get(PROFILE_ID);
    expect(profile.balances).to.include({ rewardCents: 2500, points: 1500, pointsValueCents: 1500, combinedCents: 4000 });
    expect(profile.fullName).to.equal(null);
  });

  it('a network failure is a retryable network error', async () => {
    const { fetch } = scriptedFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    const client = createOmneoClient({ transport: fetchTransport({ baseUrl: BASE, fetch, token: 't' }), retry: { ...fastRetry, retries: 0 } });
    const error = await rejection(client.profiles.get(PROFILE_ID));
    expect(error).to.be.instanceOf(OmneoNetworkError);
    expect((error as OmneoError).retryable).to.equal(true);
  });
});
