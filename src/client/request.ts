/**
 * The one request core every resource goes through: transport -> error mapping -> (reads
 * only) retry -> schema. Reads retry network errors, timeouts, 429 and 5xx with capped
 * exponential backoff and jitter, honouring `Retry-After`; identical concurrent reads share
 * one request. Writes are sent exactly once: a write whose answer was lost is the caller's to
 * look up (see the redemption lifecycle), never ours to repeat.
 */
import * as z from 'zod/mini';
import {
  OmneoAbortError,
  OmneoError,
  OmneoHttpError,
  OmneoNetworkError,
  OmneoTimeoutError,
  OmneoNotFoundError,
  OmneoRateLimitError,
  OmneoServerError,
  OmneoUnauthorizedError,
  OmneoUnexpectedResponseError,
  OmneoValidationError,
} from './errors.js';
import { errorBodySchema } from './schemas.js';
import type { OmneoRequest, OmneoResponse, OmneoTransport } from './transport.js';

/** How reads are retried. */
export interface RetryPolicy {
  /** Tries after the first one. Default 3. */
  retries: number;
  /** The first backoff; each next one doubles. Default 250 ms. */
  baseDelayMs: number;
  /** No backoff is longer than this. Default 4 s. */
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the error is thrown. Default 30 s. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 250, maxDelayMs: 4_000, maxRetryAfterMs: 30_000 };

/**
 * How long the requester waits for any transport, kit-made or the host's own, before it gives up
 * with {@link OmneoTimeoutError}: a transport that never settles cannot hang a till. Longer than
 * `fetchTransport`'s own 15 s, so that one reports first when it is in use.
 */
export const DEFAULT_DEADLINE_MS = 20_000;

/** A request as a resource describes it, before the caller's signal is attached. */
export type RequestSpec = Omit<OmneoRequest, 'signal'>;

/** Per-call options every client method takes. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
}

/** Reads `Retry-After` as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Turns a non-2xx answer into the kit's error for it. */
export function errorForResponse(response: OmneoResponse, label: string): OmneoError {
  const parsed = z.safeParse(errorBodySchema, response.json);
  const body = parsed.success ? parsed.data : {};
  const { status } = response;
  const options = { status, request: label };
  const message = body.message ?? `${label} answered ${status}.`;
  if (status === 401 || status === 403) return new OmneoUnauthorizedError(message, options);
  if (status === 404) return new OmneoNotFoundError(message, options);
  if (status === 422) return new OmneoValidationError(message, body.errors ?? {}, options);
  if (status === 429) {
    return new OmneoRateLimitError(message, parseRetryAfter(response.headers?.get?.('retry-after') ?? null), options);
  }
  if (status >= 500) return new OmneoServerError(message, options);
  return new OmneoHttpError(message, options);
}

/** Validates a 2xx body against its schema, or throws the unexpected-response error. */
export function parseBody<S extends z.ZodMiniType>(schema: S, response: OmneoResponse, label: string): z.output<S> {
  if (response.json === undefined) {
    const what = response.text === undefined ? 'an empty body' : `a body that is not JSON: ${JSON.stringify(response.text.slice(0, 80))}`;
    throw new OmneoUnexpectedResponseError(`${label} answered ${response.status} with ${what}.`, [
      { path: [], message: 'Expected a JSON body' },
    ], { status: response.status, request: label });
  }
  const result = z.safeParse(schema, response.json);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: issue.message,
  }));
  const first = issues[0];
  const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
  throw new OmneoUnexpectedResponseError(
    `${label} answered with a body the kit cannot trust${where}: ${first?.message ?? 'invalid'}.`,
    issues,
    { status: response.status, request: label },
  );
}

function sleep(ms: number, signal: AbortSignal | undefined, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new OmneoAbortError(`${label} was aborted.`, { request: label }));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new OmneoAbortError(`${label} was aborted.`, { request: label }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The request core a client is built on. */
export interface Requester {
  /** A GET: retried, shared with identical GETs in flight, parsed by `schema`. */
  read<S extends z.ZodMiniType>(spec: RequestSpec, schema: S, options?: CallOptions): Promise<z.output<S>>;
  /** A write: sent once, parsed by `schema` (or nothing expected when `schema` is null). */
  write<S extends z.ZodMiniType>(spec: RequestSpec, schema: S, options?: CallOptions): Promise<z.output<S>>;
  writeNoContent(spec: RequestSpec, options?: CallOptions): Promise<void>;
}

export function createRequester(
  transport: OmneoTransport,
  retry: RetryPolicy = DEFAULT_RETRY,
  deadlineMs: number = DEFAULT_DEADLINE_MS,
): Requester {
  const inFlight = new Map<string, { promise: Promise<OmneoResponse>; users: number; controller: AbortController }>();

  /**
   * One call of the transport, bounded by the deadline and typed: whatever a custom transport
   * does (reject with a plain TypeError, resolve with junk, never settle), the caller gets one of
   * the kit's errors. A rejection that is not ours means the request may have reached Omneo: it
   * is a network error, so a write's outcome counts as unknown and is looked up, never forgotten.
   */
  async function callTransport(spec: RequestSpec, signal: AbortSignal | undefined, label: string): Promise<OmneoResponse> {
    if (signal?.aborted) throw new OmneoAbortError(`${label} was aborted.`, { request: label });
    const deadline = new AbortController();
    const combined = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    const bounded = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        deadline.abort();
        reject(new OmneoTimeoutError(`${label} got no answer within ${deadlineMs} ms.`, { request: label }));
      }, deadlineMs);
      onAbort = () => reject(new OmneoAbortError(`${label} was aborted.`, { request: label }));
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const response = await Promise.race([Promise.resolve().then(() => transport({ ...spec, signal: combined })), bounded]);
      if (typeof response !== 'object' || response === null || !Number.isInteger((response as OmneoResponse).status)) {
        throw new OmneoNetworkError(`${label}: the transport answered without a status.`, { request: label });
      }
      return response;
    } catch (error) {
      if (error instanceof OmneoError) throw error;
      if (signal?.aborted) throw new OmneoAbortError(`${label} was aborted.`, { request: label, cause: error });
      const reason = error instanceof Error ? error.message : String(error);
      throw new OmneoNetworkError(`${label} failed in the transport: ${reason}.`, { request: label, cause: error });
    } finally {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
  }

  async function once(spec: RequestSpec, signal: AbortSignal | undefined): Promise<OmneoResponse> {
    const label = `${spec.method} ${spec.path}`;
    const response = await callTransport(spec, signal, label);
    if (response.status >= 200 && response.status < 300) return response;
    throw errorForResponse(response, label);
  }

  async function withRetry(spec: RequestSpec, signal: AbortSignal): Promise<OmneoResponse> {
    const label = `${spec.method} ${spec.path}`;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await once(spec, signal);
      } catch (error) {
        if (!(error instanceof OmneoError) || !error.retryable || attempt >= retry.retries) throw error;
        const hinted = error instanceof OmneoRateLimitError ? error.retryAfterMs : undefined;
        if (hinted !== undefined && hinted > retry.maxRetryAfterMs) throw error;
        const backoff = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** attempt);
        // Full backoff halved plus jitter, so tills that failed together do not retry together.
        const delay = hinted ?? backoff / 2 + Math.random() * (backoff / 2);
        await sleep(delay, signal, label);
      }
    }
  }

  /** Shares one GET between identical callers; aborts it only when every caller has gone. */
  function shared(spec: RequestSpec, signal: AbortSignal | undefined): Promise<OmneoResponse> {
    const key = `${spec.path}?${new URLSearchParams(Object.entries(spec.query ?? {})).toString()}`;
    let entry = inFlight.get(key);
    if (!entry) {
      const controller = new AbortController();
      const promise = withRetry(spec, controller.signal).finally(() => {
        if (inFlight.get(key) === entry) inFlight.delete(key);
      });
      entry = { promise, users: 0, controller };
      inFlight.set(key, entry);
    }
    const current = entry;
    current.users += 1;
    if (!signal) return current.promise;
    const label = `${spec.method} ${spec.path}`;
    return new Promise<OmneoResponse>((resolve, reject) => {
      const onAbort = () => {
        current.users -= 1;
        if (current.users === 0) {
          current.controller.abort();
          if (inFlight.get(key) === current) inFlight.delete(key);
        }
        reject(new OmneoAbortError(`${label} was aborted.`, { request: label }));
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      current.promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }

  return {
    async read(spec, schema, options = {}) {
      const response = await shared(spec, options.signal);
      return parseBody(schema, response, `${spec.method} ${spec.path}`);
    },
    async write(spec, schema, options = {}) {
      const response = await once(spec, options.signal);
      return parseBody(schema, response, `${spec.method} ${spec.path}`);
    },
    async writeNoContent(spec, options = {}) {
      await once(spec, options.signal);
    },
  };
}
