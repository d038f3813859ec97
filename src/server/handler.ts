/**
 * The profile-sync webhook receiver: a Web-standard `(Request) => Promise<Response>` that runs
 * in Node (through `toNodeListener`), Deno, Bun and edge workers.
 */
import { MAX_WEBHOOK_BODY_BYTES, readLimitedBody } from './body.js';
import { isProfileEvent, parseProfileDelivery } from './profile-delivery.js';
import type { DeliveryIssue, ProfileDelivery } from './profile-delivery.js';
import { importWebhookKey, verifyWebhookSignature } from './signature.js';
import type { CustomerStore, UpsertOutcome } from './types.js';

/**
 * How one delivery ended. Besides the store's {@link UpsertOutcome}s: `merged` and `deleted`
 * (the store changed), `ignored-event` (an event the receiver does not handle), the
 * `rejected-*` answers (nothing was read into the store) and `error` (the store failed).
 */
export type WebhookOutcome =
  | UpsertOutcome
  | 'merged'
  | 'deleted'
  | 'ignored-event'
  | 'rejected-method'
  | 'rejected-signature'
  | 'rejected-too-large'
  | 'rejected-unreadable'
  | 'rejected-invalid'
  | 'error';

/** What `onEvent` is told about each delivery. Never carries the secret or the signature. */
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
  details: { issues?: DeliveryIssue[]; profileId?: string | null; error?: unknown } = {},
): Answer {
  const { issues, profileId = null, error } = details;
  return {
    status,
    body: issues ? { message, issues } : { message },
    delivery: { outcome, profileId, posCustomerId: null, ...(error === undefined ? {} : { error }) },
  };
}

/**
 * Creates the receiver for Omneo's profile webhooks (`X-Omneo-Event`, signed with
 * `X-Omneo-Hmac-SHA256`). Checks, in order:
 * - POST only (405);
 * - the body's size, declared and read (413 over `maxBodyBytes`);
 * - the signature, over the raw bytes, in constant time (401 when missing or wrong);
 * - the event: one it does not handle is answered 202 and ignored, its body unread;
 * - the body: malformed JSON or a profile that fails `profileSchema` is answered 422 with
 *   `{message, issues: [{path, message}]}`; so is a create, update or merge without a usable
 *   `updated_at`, since it is the only order deliveries have.
 * Nothing is written unless every check passed. Then, answered 200 with
 * `{outcome, event, profileId, posCustomerId}`:
 * - `profile.created` / `profile.updated`: upsert, newest `updated_at` wins; an older delivery
 *   is `ignored-stale`, a repeated one `unchanged` (see {@link CustomerStore.upsert});
 * - `profile.merged`: the body is the surviving profile plus `merged_profile_ids` (see
 *   `parseProfileDelivery`). The survivor is upserted; each merged profile's record keeps its
 *   POS customer id and now points at the survivor (`status: 'merged'`, `mergedInto`), so the
 *   POS carries on with the same customer under the surviving profile. The answer adds
 *   `mergedPosCustomerIds`;
 * - `profile.deleted`: the record is kept with its ids, marked `deleted`, its personal fields
 *   cleared; later creates or updates of that profile are ignored.
 * A store failure is answered 500 (Omneo retries; every write is idempotent).
 */
export function createProfileWebhookHandler(options: ProfileWebhookOptions): (request: Request) => Promise<Response> {
  const { secret, store, onEvent, maxBodyBytes = MAX_WEBHOOK_BODY_BYTES } = options;
  if (typeof secret !== 'string' || secret === '') throw new TypeError('createProfileWebhookHandler needs the webhook secret.');
  let key: Promise<CryptoKey> | undefined;

  async function answer(request: Request, event: string | null): Promise<Answer> {
    if (request.method !== 'POST') return refusal(405, 'rejected-method', 'Webhooks are delivered with POST.');
    const read = await readLimitedBody(request, maxBodyBytes);
    if (!read.ok) {
      return read.reason === 'too-large'
        ? refusal(413, 'rejected-too-large', `The body is larger than ${maxBodyBytes} bytes.`)
        : refusal(400, 'rejected-unreadable', 'The body could not be read.');
    }
    key ??= importWebhookKey(secret);
    const signature = request.headers.get('x-omneo-hmac-sha256');
    if (!(await verifyWebhookSignature(await key, read.bytes, signature))) {
      const message = signature === null ? 'Missing X-Omneo-Hmac-SHA256 signature.' : 'Invalid signature.';
      return refusal(401, 'rejected-signature', message);
    }
    if (event === null || !isProfileEvent(event)) {
      const delivery = { outcome: 'ignored-event', profileId: null, posCustomerId: null } as const;
      return { status: 202, body: { outcome: delivery.outcome, event }, delivery };
    }
    let text: string;
    try {
      text = decoder.decode(read.bytes);
    } catch {
      return refusal(422, 'rejected-invalid', 'The body is not valid UTF-8.', { issues: [] });
    }
    const parsed = parseProfileDelivery(event, text);
    if (!parsed.ok) {
      return refusal(422, 'rejected-invalid', parsed.message, { issues: parsed.issues, profileId: parsed.profileId });
    }
    try {
      return await apply(store, parsed.delivery, event);
    } catch (error) {
      return refusal(500, 'error', 'The delivery could not be stored.', { profileId: profileIdOf(parsed.delivery), error });
    }
  }

  return async (request) => {
    const event = request.headers.get('x-omneo-event')?.trim().toLowerCase() || null;
    const { status, body, delivery } = await answer(request, event);
    if (onEvent) await onEvent({ event, status, ...delivery });
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (status === 405) headers['allow'] = 'POST';
    return new Response(JSON.stringify(body), { status, headers });
  };
}

function profileIdOf(delivery: ProfileDelivery): string {
  return delivery.kind === 'delete' ? delivery.profileId : delivery.update.profileId;
}

async function apply(store: CustomerStore, delivery: ProfileDelivery, event: string): Promise<Answer> {
  const profileId = profileIdOf(delivery);
  let outcome: WebhookOutcome;
  let posCustomerId: string | null;
  const extra: Record<string, unknown> = {};
  if (delivery.kind === 'upsert') {
    const result = await store.upsert(delivery.update);
    outcome = result.outcome;
    posCustomerId = result.customer?.posCustomerId ?? null;
  } else if (delivery.kind === 'merge') {
    const { survivor, repointed } = await store.merge(delivery.update, delivery.mergedProfileIds);
    outcome = repointed.length > 0 ? 'merged' : survivor.outcome;
    posCustomerId = survivor.customer?.posCustomerId ?? null;
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
