/**
 * The profile-sync webhook receiver: a Web-standard `(Request) => Promise<Response>` that runs
 * in Node (through `toNodeListener`), Deno, Bun and edge workers.
 */
import { MAX_WEBHOOK_BODY_BYTES, readLimitedBody } from './body.js';
import type { BodyRead } from './body.js';
import { isProfileEvent, parseProfileDelivery } from './profile-delivery.js';
import type { ProfileDelivery, ProfileEvent } from './profile-delivery.js';
import { importWebhookKey, verifyWebhookSignature } from './signature.js';
import { MAX_UPDATED_AT_AHEAD_MS } from './timestamp.js';
import type { CustomerStore, DeliveryIssue, UnappliableReason, UpsertOutcome } from './types.js';

/**
 * How one delivery ended. Besides the store's {@link UpsertOutcome}s: `merged` and `deleted`
 * (the store changed), `kept-unappliable` (signed, but kept aside unapplied: see
 * {@link CustomerStore.keepUnappliable}), `ignored-event` (an event the receiver does not
 * handle), the `rejected-*` answers (nothing was read into the store) and `error` (the store
 * failed).
 */
export type WebhookOutcome =
  | UpsertOutcome
  | 'merged'
  | 'deleted'
  | 'kept-unappliable'
  | 'ignored-event'
  | 'rejected-method'
  | 'rejected-signature'
  | 'rejected-too-large'
  | 'rejected-unreadable'
  | 'error';

/** What `onEvent` is told about each delivery. Never carries the secret, the signature or the body. */
export interface WebhookDelivery {
  /** `X-Omneo-Event`, or `null` when it was missing. */
  event: string | null;
  /** The profile id, once the body was authenticated and read far enough to have one. */
  profileId: string | null;
  /** The POS customer id the delivery touched, when there is one. */
  posCustomerId: string | null;
  outcome: WebhookOutcome;
  /** The HTTP status answered. */
  status: number;
  /** Why, when `outcome` is `kept-unappliable`. */
  reason?: UnappliableReason;
  /** Where the body was wrong, when `outcome` is `kept-unappliable`. */
  issues?: DeliveryIssue[];
  /** The store's failure, when `outcome` is `error`. */
  error?: unknown;
}

export interface ProfileWebhookOptions {
  /** The tenant's shared webhook secret. Required: the handler refuses to exist without it. */
  secret: string;
  store: CustomerStore;
  /**
   * Called once per delivery, whatever its outcome, before the answer is returned (awaited:
   * keep it quick, Omneo expects a fast 2xx). If it throws, the handler rejects; the store
   * write, if any, has happened and a retried delivery will find it unchanged.
   */
  onEvent?: (delivery: WebhookDelivery) => void | Promise<void>;
  /** The largest body accepted, in bytes. Default {@link MAX_WEBHOOK_BODY_BYTES} (1 MiB). */
  maxBodyBytes?: number;
  /**
   * How far ahead of the receiver's clock an `updated_at` may be before the delivery is kept
   * aside rather than applied. Default {@link MAX_UPDATED_AT_AHEAD_MS} (one day).
   */
  maxUpdatedAtAheadMs?: number;
  /** The receiver's clock, in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
  /**
   * Checks `X-Omneo-Hmac-SHA256` against the raw body, in constant time. Default: Web Crypto
   * (`verifyWebhookSignature`), which runs everywhere; on Node, `nodeSignatureVerifier(secret)`
   * (omneo-pos-kit/server/node-signature) does the same about ten times cheaper.
   */
  verifySignature?: (body: Uint8Array<ArrayBuffer>, signature: string | null) => boolean | Promise<boolean>;
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
  delivery: Omit<WebhookDelivery, 'event' | 'status'>;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** An answer that stored nothing. */
function refusal(
  status: number,
  outcome: WebhookOutcome,
  message: string,
  details: { profileId?: string | null; error?: unknown } = {},
): Answer {
  const { profileId = null, error } = details;
  return {
    status,
    body: { message },
    delivery: { outcome, profileId, posCustomerId: null, ...(error === undefined ? {} : { error }) },
  };
}

/** Why a signed delivery is kept aside, as the parser or the store said it. */
interface Unappliable {
  reason: UnappliableReason;
  message: string;
  issues: DeliveryIssue[];
  profileId: string | null;
}

/**
 * Creates the receiver for Omneo's profile webhooks (`X-Omneo-Event`, signed with
 * `X-Omneo-Hmac-SHA256`). Checks, in order:
 * - POST only (405, with `Allow: POST`);
 * - the body's size, declared and read (413 over `maxBodyBytes`);
 * - the signature, over the raw bytes, in constant time (401 when missing or wrong);
 * - the event: one it does not handle is answered 202 and ignored, its body unread.
 * A signed profile delivery that cannot be applied (not UTF-8 or JSON, a profile that fails
 * `profileSchema`, an `updated_at` that is not a real date or is more than
 * `maxUpdatedAtAheadMs` ahead, a merge that names no merged profile or would form a cycle) is
 * kept whole in the store ({@link CustomerStore.keepUnappliable}) and answered 202 with
 * `{outcome: 'kept-unappliable', reason, message, issues}`: Omneo stops retrying what a retry
 * cannot fix, and nothing signed is lost. Otherwise, answered 200 with
 * `{outcome, event, profileId, posCustomerId}`:
 * - `profile.created` / `profile.updated`: upsert, newest `updated_at` wins; an older delivery
 *   is `ignored-stale`, a repeated one `unchanged` (see {@link CustomerStore.upsert});
 * - `profile.merged`: the body is the surviving profile; the profiles merged into it are named
 *   by its identities' `merged_from`. The survivor is upserted; each merged profile's record
 *   keeps its POS customer id and now points at the survivor (`status: 'merged'`, `mergedInto`),
 *   or where the survivor itself was merged, so the POS carries on with the same customer.
 *   The answer adds `mergedInto` and `mergedPosCustomerIds`;
 * - `profile.deleted`: only the body's `id` is read. The record is kept with its ids, marked
 *   `deleted`, its personal fields cleared; later creates or updates of that profile are ignored.
 * A store failure (the database down, or refusing the write) is answered 503 with `Retry-After`,
 * never 2xx: Omneo retries, and every write is idempotent.
 */
export function createProfileWebhookHandler(options: ProfileWebhookOptions): (request: Request) => Promise<Response> {
  const processDelivery = createProfileWebhookProcessor(options);
  const maxBodyBytes = options.maxBodyBytes ?? MAX_WEBHOOK_BODY_BYTES;
  return async (request) => {
    const answer = await processDelivery({
      method: request.method,
      event: request.headers.get('x-omneo-event'),
      signature: request.headers.get('x-omneo-hmac-sha256'),
      read: () => readLimitedBody(request, maxBodyBytes),
    });
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };
}

/** One delivery as any server hands it over: what the receiver reads of the request. */
export interface DeliveryRequest {
  method: string;
  /** `X-Omneo-Event`, as sent (`null` when missing). */
  event: string | null;
  /** `X-Omneo-Hmac-SHA256`, as sent (`null` when missing). */
  signature: string | null;
  /** Reads the body, refusing more than the limit (see body.ts); called at most once. */
  read: () => Promise<BodyRead>;
}

/** The answer to write back: status, headers and the JSON body as text. */
export interface DeliveryAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * The receiver without the Web `Request` and `Response` around it, for a server that can hand
 * the method, the two headers and the body over more cheaply (see `toNodeWebhookListener`).
 * Same checks and answers as {@link createProfileWebhookHandler}, which is built on it.
 */
export function createProfileWebhookProcessor(options: ProfileWebhookOptions): (request: DeliveryRequest) => Promise<DeliveryAnswer> {
  const { secret, store, onEvent, maxBodyBytes = MAX_WEBHOOK_BODY_BYTES } = options;
  const { maxUpdatedAtAheadMs = MAX_UPDATED_AT_AHEAD_MS, now = Date.now } = options;
  if (typeof secret !== 'string' || secret === '') throw new TypeError('createProfileWebhookHandler needs the webhook secret.');
  let key: Promise<CryptoKey> | undefined;
  const verify =
    options.verifySignature ?? (async (bytes: Uint8Array<ArrayBuffer>, signature: string | null) => verifyWebhookSignature(await (key ??= importWebhookKey(secret)), bytes, signature));

  async function answer(request: DeliveryRequest, event: string | null): Promise<Answer> {
    if (request.method !== 'POST') return refusal(405, 'rejected-method', 'Webhooks are delivered with POST.');
    const read = await request.read();
    if (!read.ok) {
      return read.reason === 'too-large'
        ? refusal(413, 'rejected-too-large', `The body is larger than ${maxBodyBytes} bytes.`)
        : refusal(400, 'rejected-unreadable', 'The body could not be read.');
    }
    const signature = request.signature;
    if (!(await verify(read.bytes, signature))) {
      const message = signature === null ? 'Missing X-Omneo-Hmac-SHA256 signature.' : 'Invalid signature.';
      return refusal(401, 'rejected-signature', message);
    }
    if (event === null || !isProfileEvent(event)) {
      const delivery = { outcome: 'ignored-event', profileId: null, posCustomerId: null } as const;
      return { status: 202, body: { outcome: delivery.outcome, event }, delivery };
    }
    const receivedAt = new Date(now()).toISOString();
    const keepAside = (why: Unappliable) => keepUnappliable(store, event, read.bytes, receivedAt, why);
    let text: string;
    try {
      text = decoder.decode(read.bytes);
    } catch {
      return keepAside({ reason: 'not-utf8', message: 'The body is not valid UTF-8.', issues: [], profileId: null });
    }
    const parsed = parseProfileDelivery(event, text, { nowMs: now(), maxAheadMs: maxUpdatedAtAheadMs });
    if (!parsed.ok) return keepAside(parsed);
    const profileId = profileIdOf(parsed.delivery);
    try {
      const applied = await apply(store, parsed.delivery, event);
      if ('refused' in applied) {
        return keepAside({ reason: 'merge-cycle', message: applied.refused, issues: [], profileId });
      }
      return applied;
    } catch (error) {
      return refusal(503, 'error', 'The delivery could not be stored.', { profileId, error });
    }
  }

  return async (request) => {
    const event = request.event?.trim().toLowerCase() || null;
    const { status, body, delivery } = await answer(request, event);
    if (onEvent) await onEvent({ event, status, ...delivery });
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (status === 405) headers['allow'] = 'POST';
    if (status === 503) headers['retry-after'] = '5';
    return { status, headers, body: JSON.stringify(body) };
  };
}

/** Keeps a signed delivery aside and answers 202, or 503 when the store fails (Omneo retries). */
async function keepUnappliable(
  store: CustomerStore,
  event: ProfileEvent,
  body: Uint8Array,
  receivedAt: string,
  why: Unappliable,
): Promise<Answer> {
  const { reason, message, issues, profileId } = why;
  try {
    await store.keepUnappliable({ event, profileId, reason, issues, body, receivedAt });
  } catch (error) {
    return refusal(503, 'error', 'The delivery could not be stored.', { profileId, error });
  }
  const outcome = 'kept-unappliable';
  return {
    status: 202,
    body: { outcome, event, profileId, reason, message, issues },
    delivery: { outcome, profileId, posCustomerId: null, reason, issues },
  };
}

function profileIdOf(delivery: ProfileDelivery): string {
  return delivery.kind === 'delete' ? delivery.profileId : delivery.update.profileId;
}

async function apply(store: CustomerStore, delivery: ProfileDelivery, event: string): Promise<Answer | { refused: string }> {
  const profileId = profileIdOf(delivery);
  let outcome: WebhookOutcome;
  let posCustomerId: string | null;
  const extra: Record<string, unknown> = {};
  if (delivery.kind === 'upsert') {
    const result = await store.upsert(delivery.update);
    outcome = result.outcome;
    posCustomerId = result.customer?.posCustomerId ?? null;
  } else if (delivery.kind === 'merge') {
    const result = await store.merge(delivery.update, delivery.mergedProfileIds);
    if (result.outcome === 'refused') return { refused: result.message };
    const { survivor, repointed, target } = result;
    outcome = repointed.length > 0 ? 'merged' : survivor.outcome;
    // When the survivor had been merged away, the customer the POS carries on with is the target's.
    const customer = target === profileId ? survivor.customer : await store.get(target);
    posCustomerId = customer?.posCustomerId ?? null;
    extra['mergedInto'] = target;
    extra['mergedPosCustomerIds'] = repointed.map((c) => c.posCustomerId);
  } else {
    const result = await store.markDeleted(delivery.profileId);
    outcome = result.outcome;
    posCustomerId = result.customer?.posCustomerId ?? null;
  }
  return {
    status: 200,
    body: { outcome, event, profileId, posCustomerId, ...extra },
    delivery: { outcome, profileId, posCustomerId },
  };
}
