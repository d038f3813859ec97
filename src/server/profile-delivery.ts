/**
 * Reads a profile webhook body into what the store writes. The profile itself is read with the
 * client's `profileSchema`, so the receiver and the tills agree on every field.
 *
 * Body shapes accepted, for every event: the profile object (plus `flattened_tags` and
 * `flattened_statuses`, which pass through unread), or the same wrapped as `{data: profile}`.
 * A body is taken as wrapped when it has an object `data` and no `id` of its own.
 *
 * `profile.merged` carries the surviving profile and the ids merged into it as
 * `merged_profile_ids: uuid[]`, either on the profile or beside `data` in the envelope
 * (`merged_from`, a uuid or a list, is read the same way).
 */
import * as z from 'zod/mini';
import { profileIdSchema, profileSchema } from '../client/schemas.js';
import { parseOmneoTimestamp } from '../client/time.js';
import type { Profile } from '../client/schemas.js';
import type { CustomerUpdate } from './types.js';

/** The events the receiver acts on; any other is acknowledged and ignored. */
export const PROFILE_EVENTS = ['profile.created', 'profile.updated', 'profile.merged', 'profile.deleted'] as const;
export type ProfileEvent = (typeof PROFILE_EVENTS)[number];

/** Whether the receiver handles `event`. */
export function isProfileEvent(event: string): event is ProfileEvent {
  return (PROFILE_EVENTS as readonly string[]).includes(event);
}

/** One reason a body was refused: where (a dotted path into the body) and why. */
export interface DeliveryIssue {
  path: string;
  message: string;
}

/** What a valid delivery asks for. */
export type ProfileDelivery =
  | { kind: 'upsert'; update: CustomerUpdate }
  | { kind: 'merge'; update: CustomerUpdate; mergedProfileIds: string[] }
  | { kind: 'delete'; profileId: string };

export type ParsedDelivery =
  | { ok: true; delivery: ProfileDelivery }
  | { ok: false; message: string; issues: DeliveryIssue[]; profileId: string | null };

const mergedIdsSchema = z.optional(z.nullable(z.union([profileIdSchema, z.array(profileIdSchema)])));

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
export function parseProfileDelivery(event: ProfileEvent, text: string): ParsedDelivery {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return refuse('The body is not valid JSON.', [{ path: '', message: reason }], null);
  }
  if (!isObject(body)) {
    return refuse('The body is not a profile object.', [{ path: '', message: 'Expected a JSON object' }], null);
  }
  const wrapped = isObject(body['data']) && !('id' in body);
  const raw = wrapped ? (body['data'] as Record<string, unknown>) : body;
  const prefix = wrapped ? ['data'] : [];
  const rawId = typeof raw['id'] === 'string' ? raw['id'] : null;

  const parsed = z.safeParse(profileSchema, raw);
  if (!parsed.success) return refuse('The profile failed validation.', toIssues(parsed.error, prefix), rawId);
  const profile = parsed.data;

  if (event === 'profile.deleted') return { ok: true, delivery: { kind: 'delete', profileId: profile.id } };

  // Deliveries carry no id of their own: `updated_at` is the only order there is.
  const updatedAtMs = profile.updatedAt === null ? undefined : parseOmneoTimestamp(profile.updatedAt);
  if (updatedAtMs === undefined) {
    const issue = { path: [...prefix, 'updated_at'].join('.'), message: 'Expected a "YYYY-MM-DD HH:mm:ss" timestamp' };
    return refuse('The profile has no usable updated_at to order deliveries by.', [issue], profile.id);
  }
  const update = customerFromProfile(profile, updatedAtMs);
  if (event !== 'profile.merged') return { ok: true, delivery: { kind: 'upsert', update } };

  const mergedProfileIds: string[] = [];
  const issues: DeliveryIssue[] = [];
  const sources: [Record<string, unknown>, string[]][] = wrapped ? [[raw, prefix], [body, []]] : [[raw, []]];
  for (const [source, path] of sources) {
    for (const field of ['merged_profile_ids', 'merged_from']) {
      const ids = z.safeParse(mergedIdsSchema, source[field]);
      if (!ids.success) issues.push(...toIssues(ids.error, [...path, field]));
      else if (ids.data != null) mergedProfileIds.push(...(Array.isArray(ids.data) ? ids.data : [ids.data]));
    }
  }
  if (issues.length > 0) return refuse('The merged profile ids failed validation.', issues, profile.id);
  const distinct = [...new Set(mergedProfileIds)].filter((id) => id !== profile.id);
  if (distinct.length === 0) {
    const issue = { path: 'merged_profile_ids', message: 'Expected the ids of the profiles merged into this one' };
    return refuse('A merge must name the profiles it merged.', [issue], profile.id);
  }
  return { ok: true, delivery: { kind: 'merge', update, mergedProfileIds: distinct } };
}

function refuse(message: string, issues: DeliveryIssue[], profileId: string | null): ParsedDelivery {
  return { ok: false, message, issues, profileId };
}
