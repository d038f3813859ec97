/**
 * Every client method on both route forms, in Chromium, through msw's service worker: the
 * page's real `fetch` goes out, the worker answers from the mock tenant's handlers.
 */
import { expect } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createMockTenant } from '../../src/mocks/index.js';
import { clientContract } from '../support/client-contract.js';

const worker = setupWorker();

before(async () => {
  await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'bypass' });
});
after(() => worker.stop());

clientContract(
  { describe, it },
  {
    equal: (a, b, m) => expect(a, m).to.equal(b),
    deepEqual: (a, b, m) => expect(a, m).to.deep.equal(b),
    ok: (v, m) => expect(v, m).to.be.ok,
  },
  () => {
    const tenant = createMockTenant();
    worker.resetHandlers(...tenant.handlers);
    return { tenant, fetch: (input, init) => globalThis.fetch(input, init), baseUrl: `${location.origin}/omneo/api/v3` };
  },
);
