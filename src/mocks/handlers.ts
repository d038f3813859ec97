/**
 * The tenant's msw handlers: every route of omneo-api.md in both its forms, matched on the
 * resource path under any base URL. Each request goes through the same steps: it is logged
 * (never its Authorization header), waits out any latency, is authenticated, meets the
 * faults that refuse it (5xx/4xx, 429), may be held before it lands (a late write), is
 * applied, then meets the faults that spoil its answer (dropped, malformed).
 */
import { HttpResponse, http } from 'msw';
import type { RequestHandler } from 'msw';
import { MockHttpError, statusMessage } from './errors.js';
import type { FaultState } from './faults.js';
import { queryRecord, resourcePath } from './paths.js';
import { OMNEO_ROUTES, type RouteAnswer, type RouteArgs } from './routes.js';
import type { MockStore } from './store.js';
import type { MockRequestRecord } from './types.js';

/** What the handlers share with their tenant. */
export interface TenantContext {
  store: MockStore;
  faults: FaultState;
  expiredTokens: Set<string>;
  requests: MockRequestRecord[];
}

const json = (status: number, body: unknown, headers?: Record<string, string>) =>
  HttpResponse.json(body as Record<string, unknown>, { status, headers });

/** Omneo's error answer for a status: `{message}`, plus `errors` on a 422. */
export function errorResponse(status: number, headers?: Record<string, string>): Response {
  const body = status === 422 ? { message: statusMessage(422), errors: {} } : { message: statusMessage(status) };
  return json(status, body, headers);
}

async function readBody(request: Request): Promise<unknown> {
  const text = await request.clone().text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The bearer token, or `null` when there is none (or it is empty). */
function bearer(request: Request): string | null {
  const m = /^Bearer\s+(.*)$/i.exec(request.headers.get('authorization') ?? '');
  const token = m?.[1]?.trim() ?? '';
  return token === '' ? null : token;
}

function toResponse(answer: RouteAnswer): Response {
  if (answer.status === 204) return new HttpResponse(null, { status: 204 });
  return json(answer.status ?? 200, answer.body);
}

/** Logs a request the way `tenant.requests` keeps it. */
export async function logRequest(ctx: TenantContext, request: Request): Promise<MockRequestRecord & { url: URL }> {
  const url = new URL(request.url);
  const record = { method: request.method, path: resourcePath(url.pathname), query: queryRecord(url), body: await readBody(request) };
  // The log gets its own copy: a handler must never see (or change) what the test inspects.
  ctx.requests.push(structuredClone(record));
  return { ...record, url };
}

async function serve(
  ctx: TenantContext,
  request: Request,
  handle: (args: RouteArgs) => RouteAnswer,
  params: Record<string, string>,
): Promise<Response> {
  const { method, path, query, body, url } = await logRequest(ctx, request);
  if (ctx.faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, ctx.faults.latencyMs));

  const token = bearer(request);
  if (token === null || ctx.expiredTokens.has(token)) return json(401, { message: 'Unauthenticated.' });

  const failure = ctx.faults.failures.take(method, path);
  if (failure !== undefined) return errorResponse(failure);
  const rateLimit = ctx.faults.rateLimits.take(method, path);
  if (rateLimit !== undefined) {
    return errorResponse(429, rateLimit.retryAfter === undefined ? undefined : { 'Retry-After': rateLimit.retryAfter });
  }

  // A write that lands late: the server sits on it, then acts, and its answer never arrives.
  const lateMs = ctx.faults.lateWrites.take(method, path);
  if (lateMs !== undefined) await new Promise((resolve) => setTimeout(resolve, lateMs));

  let response: Response;
  try {
    response = toResponse(handle({ params, query, body, url, faults: ctx.faults }));
  } catch (error) {
    if (!(error instanceof MockHttpError)) throw error;
    response = json(error.status, error.body);
  }

  // The request has been applied: these faults only spoil its answer.
  if (lateMs !== undefined) return HttpResponse.error();
  if (ctx.faults.drops.take(method, path)) return HttpResponse.error();
  const malformed = ctx.faults.malformed.take(method, path);
  if (malformed !== undefined) {
    const isJson = /^\s*[[{]/.test(malformed);
    return new HttpResponse(malformed, {
      status: 200,
      headers: { 'Content-Type': isJson ? 'application/json' : 'text/html; charset=utf-8' },
    });
  }
  return response;
}

/** One msw handler per route; each matches its method and resource path under any base URL. */
export function createHandlers(ctx: TenantContext): RequestHandler[] {
  return OMNEO_ROUTES.map((route) =>
    http[route.method](
      ({ request }) => {
        const m = route.pattern.exec(resourcePath(new URL(request.url).pathname));
        if (!m) return false;
        const params: Record<string, string> = {};
        for (const [key, value] of Object.entries(m.groups ?? {})) params[key] = decodeURIComponent(value);
        return { matches: true, params };
      },
      ({ request, params }) => serve(ctx, request, (args) => route.handle(ctx.store, args), params as Record<string, string>),
    ),
  );
}
