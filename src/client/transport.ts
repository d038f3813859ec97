/**
 * The transport is where the host's auth lives. The client hands it a method, a path, a query
 * and a body; the transport sends it wherever the host likes (Omneo directly, or the host's own
 * proxy that adds the token server-side) and answers with the status, headers and parsed body.
 * The client never sees a token.
 */
import {
  OmneoAbortError,
  OmneoNetworkError,
  OmneoTimeoutError,
  OmneoUnauthorizedError,
} from './errors.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** What the client asks a transport to send. `path` starts with `/` and is relative to the API root. */
export interface OmneoRequest {
  method: HttpMethod;
  path: string;
  query?: Readonly<Record<string, string>>;
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * What a transport answers. `json` is the parsed body; `undefined` when there was no body
 * (204) or it was not JSON, in which case `text` holds the start of it for the error message.
 */
export interface OmneoResponse {
  status: number;
  headers: Headers;
  json: unknown;
  text?: string;
}

/** Sends one request. Rejects only with the kit's network, timeout and abort errors. */
export type OmneoTransport = (request: OmneoRequest) => Promise<OmneoResponse>;

/** Why the transport is asking for a token. */
export interface TokenRequest {
  /** `true` after Omneo answered 401: the host should return a fresh token, not a cached one. */
  refresh: boolean;
}

export interface FetchTransportOptions {
  /** The API root, e.g. `https://api.acme.getomneo.com/api/v3`, or a same-origin proxy path. */
  baseUrl: string;
  /**
   * A fixed token. Prefer `getToken` so the host can rotate it. Give neither when `baseUrl` is
   * the host's own proxy that adds the token server-side: no Authorization header is sent.
   */
  token?: string;
  /** Asked for each request, and once (shared by every request in flight) after a 401. */
  getToken?: (request: TokenRequest) => string | Promise<string>;
  /** The `fetch` to use: `tenant.fetch` from the mock tenant, or an instrumented one. */
  fetch?: typeof fetch;
  /** Gives up on a request after this long. Default 15 s. */
  timeoutMs?: number;
}

/** Builds the URL for a request: the base URL, the path, and the query in order. */
export function buildUrl(baseUrl: string, path: string, query?: Readonly<Record<string, string>>): string {
  const base = baseUrl.replace(/\/+$/, '');
  const search = query ? new URLSearchParams(Object.entries(query)).toString() : '';
  return `${base}${path}${search ? `?${search}` : ''}`;
}

/** Reads a body as JSON when it is JSON; otherwise keeps the first 200 characters. */
async function readBody(response: Response): Promise<Pick<OmneoResponse, 'json' | 'text'>> {
  const raw = await response.text();
  if (raw.trim() === '') return { json: undefined };
  try {
    return { json: JSON.parse(raw) as unknown };
  } catch {
    return { json: undefined, text: raw.slice(0, 200) };
  }
}

/**
 * The default transport: `fetch` with `Authorization: Bearer`, `Accept` and `Content-Type`.
 *
 * Tokens: `getToken({ refresh: false })` is asked for each request, so a host may rotate its
 * token at will. On a 401 the transport asks `getToken({ refresh: true })` once, shares that
 * one refresh with every request that was in flight with the old token, and retries each of
 * them once. Retrying after a 401 is safe even for writes: Omneo refused the request unread.
 */
export function fetchTransport(options: FetchTransportOptions): OmneoTransport {
  const { baseUrl, token, getToken, timeoutMs = 15_000 } = options;
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  // Neither: a same-origin proxy adds the token server-side, and no Authorization is sent.
  const withAuth = Boolean(token || getToken);

  // The refreshed token, and which generation it is: a 401 on a request sent with an older
  // generation is answered by the refresh that already happened, not by a new one.
  let generation = 0;
  let refreshed: string | undefined;
  let refreshing: Promise<string> | undefined;

  /** The host's token callback failed: that is an auth failure, typed, with the cause kept. */
  async function ask(request: TokenRequest): Promise<string> {
    try {
      return await getToken!(request);
    } catch (error) {
      throw new OmneoUnauthorizedError('The host could not supply a token.', { cause: error });
    }
  }

  async function currentToken(): Promise<{ value: string; generation: number }> {
    // While a refresh is under way, wait for it rather than send a token known to be stale.
    if (refreshing) return { value: await refreshing, generation };
    const sentWith = generation;
    return { value: getToken ? await ask({ refresh: false }) : (token ?? ''), generation: sentWith };
  }

  function refresh(sentWith: number): Promise<string> {
    if (sentWith < generation && refreshed !== undefined) return Promise.resolve(refreshed);
    if (!refreshing) {
      refreshing = ask({ refresh: true }).then(
        (fresh) => {
          generation += 1;
          refreshed = fresh;
          refreshing = undefined;
          return fresh;
        },
        (error: unknown) => {
          refreshing = undefined;
          throw error;
        },
      );
    }
    return refreshing;
  }

  async function send(request: OmneoRequest, bearer: string): Promise<OmneoResponse> {
    const label = `${request.method} ${request.path}`;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (withAuth) headers.Authorization = `Bearer ${bearer}`;
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      const response = await doFetch(buildUrl(baseUrl, request.path, request.query), {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal,
      });
      return { status: response.status, headers: response.headers, ...(await readBody(response)) };
    } catch (error) {
      if (request.signal?.aborted) throw new OmneoAbortError(`${label} was aborted.`, { request: label });
      if (timeout.signal.aborted) {
        throw new OmneoTimeoutError(`${label} got no answer within ${timeoutMs} ms.`, { request: label });
      }
      // fetch rejects with a TypeError whose message never holds our headers.
      const reason = error instanceof Error ? error.message : 'connection failed';
      throw new OmneoNetworkError(`${label} failed: ${reason}.`, { request: label, cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  return async (request) => {
    if (request.signal?.aborted) throw new OmneoAbortError(undefined, { request: `${request.method} ${request.path}` });
    const first = await currentToken();
    const response = await send(request, first.value);
    if (response.status !== 401 || !getToken) return response;
    return send(request, await refresh(first.generation));
  };
}
