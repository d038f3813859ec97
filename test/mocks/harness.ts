/**
 * Raw HTTP against a mock tenant, as the client would send it: shared by the Node tests
 * (test/node/mocks*.test.ts) and the browser test (test/mocks/tenant.test.ts).
 */
import type { MockTenant } from '../../src/mocks/index.js';

export const BASE = 'https://api.demo.getomneo.com/api/v3';
export const TOKEN = 'test-token-7f3a';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, loosely typed: tests read what Omneo sent; the schemas type it where it matters. */
  json: any;
}

/** `call('POST', '/profiles/x/redemptions', body)`: one request through `tenant.fetch`. */
export function caller(tenant: MockTenant, options: { base?: string; token?: string | null } = {}) {
  const base = options.base ?? BASE;
  const token = options.token === undefined ? TOKEN : options.token;
  return async (method: string, path: string, body?: unknown, init: RequestInit = {}): Promise<Answer> => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (token !== null) headers['Authorization'] = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await tenant.fetch(base + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      ...init,
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  };
}
