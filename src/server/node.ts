/**
 * Runs a Web-standard handler on Node's `http` server. It only uses Node *types*, so importing
 * it costs nothing in other runtimes.
 */
import type { IncomingMessage, ServerOptions, ServerResponse } from 'node:http';
import { MAX_WEBHOOK_BODY_BYTES } from './body.js';

/** Methods a Web `Request` cannot carry (the constructor throws on them). */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

export interface NodeListenerOptions {
  /**
   * The most request body read, in bytes (plus the chunk that crosses it): past it the adapter
   * stops reading and answers 413, closing the connection, whatever the handler does.
   * Default {@link MAX_WEBHOOK_BODY_BYTES} (1 MiB).
   */
  maxBodyBytes?: number;
  /** Told when the handler throws (the client gets a 500). Default: `console.error`. */
  onError?: (error: unknown) => void;
  /**
   * The methods the handler takes. Any other is answered 405 with `Allow` by the adapter
   * itself, the handler never called and the body never read. Without it, every method goes
   * to the handler except those a Web `Request` cannot carry (`CONNECT`, `TRACE`, `TRACK`),
   * which are answered 501, never a 500 with the constructor's stack in the log.
   */
  allowedMethods?: readonly string[];
}

export interface NodeServerTimeouts {
  /** The most time, in ms, for a client to send the request's headers. Default 5,000. */
  headersTimeoutMs?: number;
  /** The most time, in ms, for the body once the headers are in. Default 5,000. */
  bodyTimeoutMs?: number;
}

/**
 * Options for `http.createServer(options, listener)` that cut off slow senders within seconds:
 * Node's own defaults let a body trickle in for 300 s (`requestTimeout`), a byte at a time,
 * holding a connection and a handler each. The client gets a 408 and the connection is closed.
 * Node checks these deadlines on a timer, so the timer is made to tick often enough for them.
 */
export function webhookServerOptions(timeouts: NodeServerTimeouts = {}): ServerOptions {
  const { headersTimeoutMs = 5000, bodyTimeoutMs = 5000 } = timeouts;
  for (const [name, value] of Object.entries({ headersTimeoutMs, bodyTimeoutMs })) {
    if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`${name} must be a positive integer, got ${value}.`);
  }
  return {
    headersTimeout: headersTimeoutMs,
    // Node's requestTimeout runs from the request's start, headers included.
    requestTimeout: headersTimeoutMs + bodyTimeoutMs,
    connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(Math.min(headersTimeoutMs, bodyTimeoutMs) / 4))),
  };
}

const TOO_LARGE = 'request body too large';

function jsonResponse(status: number, message: string): Response {
  return new Response(JSON.stringify({ message }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/**
 * The request's body as a stream that reads `req` on demand. The chunk that crosses `limit`
 * is still passed on, so a handler that counts (like the webhook receiver) sees the excess and
 * answers 413 itself; asking for more after it errors the stream.
 */
function bodyStream(req: IncomingMessage, limit: number, onTooLarge: () => void): ReadableStream<Uint8Array> {
  const chunks = req[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
  let received = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (received > limit) {
        onTooLarge();
        return controller.error(new RangeError(TOO_LARGE));
      }
      const { done, value } = await chunks.next();
      if (done) return controller.close();
      received += value.byteLength;
      controller.enqueue(value);
    },
    // Deliberately leaves `req` alone: destroying it would close the socket before the answer.
  });
}

/** Builds a `Request` from Node's message: same method, URL, headers; the body streamed. */
function toRequest(req: IncomingMessage, body: ReadableStream<Uint8Array> | null, signal: AbortSignal): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
  }
  let url: URL;
  try {
    url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  } catch {
    url = new URL(req.url ?? '/', 'http://localhost');
  }
  const init: RequestInit & { duplex?: 'half' } = { method: req.method ?? 'GET', headers, signal };
  if (body) {
    init.body = body;
    init.duplex = 'half';
  }
  return new Request(url, init);
}

async function writeResponse(res: ServerResponse, response: Response, closeConnection: boolean): Promise<void> {
  if (res.headersSent) return;
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  // An unread request body would otherwise be drained from the socket to keep it alive.
  if (closeConnection) headers['connection'] = 'close';
  const body = new Uint8Array(await response.arrayBuffer());
  res.writeHead(response.status, headers);
  res.end(body);
}

/**
 * Adapts `handler` to `http.createServer(listener)`. The body reaches the handler as a stream
 * read on demand, so the handler decides how much to read: `createProfileWebhookHandler`
 * refuses an oversized `Content-Length` before reading anything, and counts while reading.
 * The adapter caps the read itself too (see `maxBodyBytes`), for any handler. When the
 * answer goes out before the body was read to its end, the connection is closed rather than
 * drained. The request's `signal` aborts when the client goes away before the answer.
 */
export function toNodeListener(
  handler: (request: Request) => Promise<Response>,
  options: NodeListenerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const limit = options.maxBodyBytes ?? MAX_WEBHOOK_BODY_BYTES;
  const onError = options.onError ?? ((error: unknown) => console.error(error));
  const tooLarge = () => jsonResponse(413, `The body is larger than ${limit} bytes.`);
  const allowed = options.allowedMethods?.map((m) => m.toUpperCase());

  return (req, res) => {
    const method = (req.method ?? 'GET').toUpperCase();
    if (allowed ? !allowed.includes(method) : FORBIDDEN_METHODS.has(method)) {
      const refusal = allowed ? jsonResponse(405, 'Method not allowed.') : jsonResponse(501, 'Method not implemented.');
      if (allowed) refusal.headers.set('allow', allowed.join(', '));
      void writeResponse(res, refusal, !req.complete).catch(() => res.destroy());
      return;
    }
    const aborted = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) aborted.abort();
    });
    let overLimit = false;
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const body = hasBody ? bodyStream(req, limit, () => (overLimit = true)) : null;

    void (async () => {
      let response: Response;
      try {
        response = await handler(toRequest(req, body, aborted.signal));
      } catch (error) {
        if (!overLimit) onError(error);
        response = jsonResponse(500, 'Internal error.');
      }
      if (overLimit) response = tooLarge();
      await writeResponse(res, response, !req.complete);
    })().catch((error: unknown) => {
      onError(error);
      res.destroy();
    });
  };
}

/**
 * A lighter Node path for the webhook receiver: hands `processDelivery`
 * (`createProfileWebhookProcessor`) the method, the two headers and the body read straight
 * from `req` into one buffer, and writes its answer with `res.writeHead` / `res.end`: no Web
 * `Request`, `Headers`, `ReadableStream` or `Response` per delivery, which cost about a
 * quarter of the receiver's CPU. Same limits as {@link toNodeListener}: a declared or read body
 * over `maxBodyBytes` is answered 413 and the connection closed; only `allowedMethods` (default
 * POST) reach the processor, others are answered 405 with `Allow`.
 */
export function toNodeWebhookListener(
  processDelivery: (request: {
    method: string;
    event: string | null;
    signature: string | null;
    read: () => Promise<import('./body.js').BodyRead>;
  }) => Promise<{ status: number; headers: Record<string, string>; body: string }>,
  options: Omit<NodeListenerOptions, 'allowedMethods'> & { allowedMethods?: readonly string[] } = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const limit = options.maxBodyBytes ?? MAX_WEBHOOK_BODY_BYTES;
  const onError = options.onError ?? ((error: unknown) => console.error(error));
  const allowed = (options.allowedMethods ?? ['POST']).map((m) => m.toUpperCase());
  const send = (res: ServerResponse, status: number, headers: Record<string, string>, body: string, close: boolean) => {
    if (res.headersSent) return;
    if (close) headers['connection'] = 'close';
    res.writeHead(status, headers);
    res.end(body);
  };
  const json = { 'content-type': 'application/json; charset=utf-8' };

  return (req, res) => {
    const method = (req.method ?? 'GET').toUpperCase();
    if (!allowed.includes(method)) {
      send(res, 405, { ...json, allow: allowed.join(', ') }, JSON.stringify({ message: 'Method not allowed.' }), !req.complete);
      return;
    }
    const read = () =>
      new Promise<import('./body.js').BodyRead>((resolve) => {
        const declared = req.headers['content-length'];
        if (declared !== undefined && Number(declared) > limit) return resolve({ ok: false, reason: 'too-large' });
        const chunks: Buffer[] = [];
        let size = 0;
        const done = (result: import('./body.js').BodyRead) => {
          req.removeListener('data', onData);
          req.removeListener('end', onEnd);
          req.removeListener('error', onFail);
          req.removeListener('aborted', onFail);
          resolve(result);
        };
        const onData = (chunk: Buffer) => {
          size += chunk.byteLength;
          if (size > limit) {
            req.pause();
            return done({ ok: false, reason: 'too-large' });
          }
          chunks.push(chunk);
        };
        const onEnd = () => {
          const all = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
          done({ ok: true, bytes: new Uint8Array(all.buffer, all.byteOffset, all.byteLength) as Uint8Array<ArrayBuffer> });
        };
        const onFail = () => done({ ok: false, reason: 'unreadable' });
        req.on('data', onData);
        req.once('end', onEnd);
        req.once('error', onFail);
        req.once('aborted', onFail);
      });
    const header = (name: string) => {
      const value = req.headers[name];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    };
    processDelivery({ method, event: header('x-omneo-event'), signature: header('x-omneo-hmac-sha256'), read }).then(
      (answer) => send(res, answer.status, { ...answer.headers }, answer.body, !req.complete),
      (error: unknown) => {
        onError(error);
        send(res, 500, { ...json }, JSON.stringify({ message: 'Internal error.' }), !req.complete);
      },
    );
  };
}
