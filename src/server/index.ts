/**
 * `omneo-pos-kit/server`: the receiver for Omneo's profile-sync webhooks, as a Web-standard
 * `(Request) => Promise<Response>`, plus an adapter for Node's `http` server. Runtime-neutral:
 * nothing here loads native code or touches the DOM. The stores are Node only and live in
 * their own entries: `omneo-pos-kit/server/sqlite` (src/server/sqlite-store.ts) and
 * `omneo-pos-kit/server/postgres` (src/server/postgres-store.ts, with its migrations), and so is
 * the cheaper signature check, `omneo-pos-kit/server/node-signature`.
 */
export { createProfileWebhookHandler, createProfileWebhookProcessor } from './handler.js';
export { toNodeListener, toNodeWebhookListener, webhookServerOptions } from './node.js';
export { MAX_WEBHOOK_BODY_BYTES } from './body.js';
export { importWebhookKey, signWebhookBody, verifyWebhookSignature } from './signature.js';
export { PROFILE_EVENTS } from './profile-delivery.js';
export { MAX_UPDATED_AT_AHEAD_MS } from './timestamp.js';

export type { BodyRead } from './body.js';
export type { DeliveryAnswer, DeliveryRequest, ProfileWebhookOptions, WebhookDelivery, WebhookOutcome } from './handler.js';
export type { NodeListenerOptions, NodeServerTimeouts } from './node.js';
export type { ProfileEvent } from './profile-delivery.js';
export type {
  AppliedMerge,
  BalanceSnapshot,
  CustomerRecord,
  CustomerStatus,
  CustomerStore,
  CustomerUpdate,
  DeleteResult,
  DeliveryIssue,
  KeptDelivery,
  MergeResult,
  RefusedMerge,
  UnappliableDelivery,
  UnappliableReason,
  UpsertOutcome,
  UpsertResult,
} from './types.js';
