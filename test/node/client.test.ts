/** Every client method on both route forms, in Node, through the tenant's in-page fetch. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createMockTenant } from '../../src/mocks/index.ts';
import { clientContract } from '../support/client-contract.ts';

clientContract({ describe, it }, assert, () => {
  const tenant = createMockTenant();
  return { tenant, fetch: tenant.fetch, baseUrl: 'https://api.acme.getomneo.com/api/v3' };
});
