/**
 * Reads a profile webhook body into what the store writes. The profile itself is read with the
 * client's `profileSchema`, so the receiver and the tills agree on every field.
 *
 * Body shapes accepted, for every event: the profile object (Omneo's SDK `ProfileWebhook`: the
 * profile plus `flattened_tags` and `flattened_statuses`, which pass through unread), or the same
 * wrapped as `{data: profile}`. A body is taken as wrapped when it has an object `data` and no
 * `id` of its own.
 *
 * `profile.merged` carries the surviving profile. Omneo writes merge lineage on identities (the
 * SDK's `Identity.merged_from: string | null`): an identity moved over from a merged profile
 * names that profile. The merged profile ids are those names. `profile.deleted` needs only the
 * profile's `id`: nothing else of its body is read.
 */
import * as z from 'zod/mini';
import { profileIdSchema, profileSchema } from '../client/schemas.js';
import type { Profile } from '../client/schemas.js';
import { readUpdatedAt } from './timestamp.js';
import type { CustomerUpdate, DeliveryIssue, UnappliableReason } from './types.js';

/** The events the receiver acts on; any other is acknowledged and ignored. */
export const PROFILE_EVENTS = ['profile.created', 'profile.updated', 'profile.merged', 'profile.deleted'] as const;
export type ProfileEvent = (typeof PROFILE_EVENTS)[number];

/** Whether the receiver handles `event`. */
export function isProfileEvent(event: string): event is ProfileEvent {
  return (PROFILE_EVENTS as readonly string[]).includes(event);
}

/** What a valid delivery asks for. */
export type ProfileDelivery =
  | { kind: 'upsert'; update: CustomerUpdate }
  | { kind: 'merge'; update: CustomerUpdate; mergedProfileIds: string[] }
  | { kind: 'delete'; profileId: string };

export type ParsedDelivery =
  | { ok: true; delivery: ProfileDelivery }
  | { ok: false; reason: UnappliableReason; message: string; issues: DeliveryIssue[]; profileId: string | null };

/** The receiver's clock, and how far ahead of it an `updated_at` may be. */
export interface ParseOptions {
  nowMs: number;
  maxAheadMs: number;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toIssues(error: z.core.$ZodError, prefix: string[]): DeliveryIssue[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

/**
 * Maps a parsed profile to the POS customer fields. `updatedAtMs` is its `updated_at`, read
 * once by the caller. `pos-customer` identities that are active become candidate POS ids.
 */
function customerFromProfile(profile: Profile, updatedAtMs: number): CustomerUpdate {
  const posIdentities = profile.identities
    .filter((i) => i.handle === 'pos-customer' && i.isActive && i.identifier !== '')
    .sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
  const b = profile.balances;
  return {
    profileId: profile.id,
    firstName: profile.firstName,
    lastName: profile.lastName,
    name: profile.fullName,
    email: profile.email,
    phone: profile.mobilePhone,
    tier: profile.tier,
    balance: b ? { rewardCents: b.rewardCents, points: b.points, combinedCents: b.combinedCents } : null,
    updatedAt: profile.updatedAt ?? '',
    updatedAtMs,
    posCustomerIds: posIdentities.map((i) => i.identifier),
  };
}

/** Reads the body `text` of a signed delivery of `event`. Never throws. */
export function parseProfileDelivery(event: ProfileEvent, text: string, options: ParseOptions): ParsedDelivery {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the body, and the body is personal data: say only where.
    return refuse('not-json', 'The body is not valid JSON.', [{ path: '', message: 'Not valid JSON' }], null);
  }
  if (!isObject(body)) {
    return refuse('not-a-profile', 'The body is not a profile object.', [{ path: '', message: 'Expected a JSON object' }], null);
  }
  const wrapped = isObject(body['data']) && !('id' in body);
  const raw = wrapped ? (body['data'] as Record<string, unknown>) : body;
  const prefix = wrapped ? ['data'] : [];
  const at = (...path: (string | number)[]) => [...prefix, ...path].join('.');

  const id = z.safeParse(profileIdSchema, raw['id']);
  if (!id.success) {
    return refuse('not-a-profile', 'The body has no profile id.', toIssues(id.error, [...prefix, 'id']), null);
  }
  if (event === 'profile.deleted') return { ok: true, delivery: { kind: 'delete', profileId: id.data } };

  const parsed = z.safeParse(profileSchema, raw);
  if (!parsed.success) {
    return refuse('invalid-profile', 'The profile failed validation.', toIssues(parsed.error, prefix), id.data);
  }
  const profile = parsed.data;

  // Deliveries carry no id of their own: `updated_at` is the only order there is.
  const updatedAt = profile.updatedAt === null ? null : readUpdatedAt(profile.updatedAt, options.nowMs, options.maxAheadMs);
  if (updatedAt === null || !updatedAt.ok) {
    if (updatedAt?.reason === 'future') {
      const issue = { path: at('updated_at'), message: 'More than the allowed margin ahead of the receiver\'s clock' };
      return refuse('future-updated-at', 'The profile\'s updated_at is in the future.', [issue], profile.id);
    }
    const issue = { path: at('updated_at'), message: 'Expected a real "YYYY-MM-DD HH:mm:ss" UTC timestamp' };
    return refuse('invalid-updated-at', 'The profile has no usable updated_at to order deliveries by.', [issue], profile.id);
  }
  const update = customerFromProfile(profile, updatedAt.ms);
  if (event !== 'profile.merged') return { ok: true, delivery: { kind: 'upsert', update } };

  const lineage = readLineage(raw['identities'], prefix);
  if (lineage.issues.length > 0) {
    return refuse('invalid-profile', 'An identity\'s merged_from is not a profile id.', lineage.issues, profile.id);
  }
  const mergedProfileIds = lineage.ids.filter((mergedId) => mergedId !== profile.id);
  if (mergedProfileIds.length === 0) {
    const issue = { path: at('identities'), message: 'Expected an identity whose merged_from names the merged profile' };
    return refuse('no-merge-lineage', 'A merge must name the profiles it merged.', [issue], profile.id);
  }
  return { ok: true, delivery: { kind: 'merge', update, mergedProfileIds } };
}

/** The distinct `identities[].merged_from` profile ids, in order, and any that are not UUIDs. */
function readLineage(identities: unknown, prefix: string[]): { ids: string[]; issues: DeliveryIssue[] } {
  const ids = new Set<string>();
  const issues: DeliveryIssue[] = [];
  if (!Array.isArray(identities)) return { ids: [], issues };
  identities.forEach((identity: unknown, index) => {
    const from = isObject(identity) ? identity['merged_from'] : undefined;
    if (from === undefined || from === null) return;
    const parsed = z.safeParse(profileIdSchema, from);
    if (parsed.success) ids.add(parsed.data);
    else issues.push(...toIssues(parsed.error, [...prefix, 'identities', String(index), 'merged_from']));
  });
  return { ids: [...ids], issues };
}

function refuse(reason: UnappliableReason, message: string, issues: DeliveryIssue[], profileId: string | null): ParsedDelivery {
  return { ok: false, reason, message, issues, profileId };
}
