/**
 * zod/mini schemas for every Omneo response the kit reads. They are the single source of the
 * kit's domain types (`z.output<...>`), and the only place where Omneo's field names are
 * mapped to the kit's: dollars become integer cents here, snake_case becomes camelCase here.
 *
 * Lenient where Omneo is loose (numeric strings, nullable text, unknown fields, the three
 * shapes of the identity lookup); strict where money and ids are concerned: money must be a
 * finite, non-negative amount of whole cents, integer ids must be integers, profile ids UUIDs.
 */
import * as z from 'zod/mini';
import { dollarsToCents } from './money.js';
import { parseOmneoTimestamp } from './time.js';

// ---------------------------------------------------------------------------------------------
// Scalars

/** Nullable, optional text. Numbers are accepted and written as text (an identifier `123`). */
const text = z.pipe(
  z.optional(z.nullable(z.union([z.string(), z.number()]))),
  z.transform((v) => (v === undefined || v === null ? null : String(v))),
);

/** Text that must be present (it may be empty). */
const requiredText = z.pipe(
  z.union([z.string(), z.number()]),
  z.transform((v) => String(v)),
);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A profile or staff id: a UUID string. */
export const profileIdSchema = z.string().check(z.regex(UUID, 'Expected a UUID profile id'));

/** An integer id (identity, benefit, reward, redemption, transaction, location). */
const intId = z.int().check(z.positive());

/** A dollar amount read as non-negative integer cents; see `dollarsToCents`. */
const cents = z.pipe(
  z.union([z.number(), z.string()]),
  z.transform((value, ctx) => {
    const c = dollarsToCents(value);
    if (c === undefined || c < 0) {
      ctx.issues.push({
        code: 'custom',
        message: 'Expected a non-negative amount of whole cents',
        input: value,
      });
      return z.NEVER;
    }
    return c;
  }),
);

/** Money that Omneo may leave out or null: read as `null`. */
const optionalCents = z.pipe(
  z.optional(z.nullable(cents)),
  z.transform((v) => (v === undefined ? null : v)),
);

/** A plain finite number (points), lenient about numeric strings. */
const quantity = z.pipe(
  z.union([z.number(), z.string()]),
  z.transform((value, ctx) => {
    const n = typeof value === 'number' ? value : Number(value.trim() === '' ? NaN : value);
    if (!Number.isFinite(n)) {
      ctx.issues.push({ code: 'custom', message: 'Expected a finite number', input: value });
      return z.NEVER;
    }
    return n;
  }),
);

const flag = z.pipe(
  z.optional(z.nullable(z.union([z.boolean(), z.number()]))),
  z.transform((v) => v === true || v === 1),
);

/** A required UTC timestamp, kept as Omneo wrote it and as epoch milliseconds. */
const timestamp = z.pipe(
  z.string(),
  z.transform((value, ctx) => {
    const ms = parseOmneoTimestamp(value);
    if (ms === undefined) {
      ctx.issues.push({ code: 'custom', message: 'Expected a "YYYY-MM-DD HH:mm:ss" timestamp', input: value });
      return z.NEVER;
    }
    return { text: value, ms };
  }),
);

// ---------------------------------------------------------------------------------------------
// Balances

export const balancesSchema = z.pipe(
  z.object({
    reward_balance: cents,
    point_balance: quantity,
    point_balance_dollars: cents,
    combined_balance_dollars: cents,
    credit_balance: optionalCents,
    benefit_balance: optionalCents,
    currency: z.optional(
      z.nullable(z.object({ from: requiredText, to: requiredText, rate: quantity })),
    ),
  }),
  z.transform((b) => ({
    /** Rewards that can be spent now, in cents. */
    rewardCents: b.reward_balance,
    /** Points held (a plain number, not money). */
    points: b.point_balance,
    /** What the points are worth, in cents. */
    pointsValueCents: b.point_balance_dollars,
    /** Rewards plus the points' value (credits are not included), in cents. */
    combinedCents: b.combined_balance_dollars,
    creditCents: b.credit_balance ?? 0,
    benefitCents: b.benefit_balance ?? 0,
    currency: b.currency ?? null,
  })),
);
export type Balances = z.output<typeof balancesSchema>;

// ---------------------------------------------------------------------------------------------
// Identities and profiles

const identityShape = {
  id: intId,
  handle: requiredText,
  identifier: requiredText,
  is_primary: flag,
  is_active: z.optional(z.nullable(z.boolean())),
  profile_id: profileIdSchema,
};

function toIdentity(i: {
  id: number;
  handle: string;
  identifier: string;
  is_primary: boolean;
  is_active?: boolean | null | undefined;
  profile_id: string;
}) {
  return {
    id: i.id,
    handle: i.handle,
    identifier: i.identifier,
    isPrimary: i.is_primary,
    // Omneo leaves `is_active` out on older identities; they are active.
    isActive: i.is_active !== false,
    profileId: i.profile_id,
  };
}

export const identitySchema = z.pipe(z.object(identityShape), z.transform(toIdentity));
export type Identity = z.output<typeof identitySchema>;

const tag = z.pipe(
  z.union([z.string(), z.object({ handle: text, name: text })]),
  z.transform((t) => (typeof t === 'string' ? t : (t.handle ?? t.name ?? ''))),
);

const EMBEDDED_BALANCE_FIELDS = ['reward_balance', 'point_balance', 'point_balance_dollars', 'combined_balance_dollars'];

export const profileSchema = z.pipe(
  z.looseObject({
    id: profileIdSchema,
    first_name: text,
    last_name: text,
    full_name: text,
    email: text,
    mobile_phone: text,
    tier: z.optional(z.nullable(z.object({ name: text, handle: text }))),
    identities: z.optional(z.nullable(z.array(identitySchema))),
    tags: z.optional(z.nullable(z.array(tag))),
    updated_at: text,
  }),
  z.transform((p, ctx) => {
    // Balances are embedded in a fresh profile; read them with the same strict schema, and
    // only when Omneo sent them, so the balance element can skip a request.
    let balances: Balances | null = null;
    if (EMBEDDED_BALANCE_FIELDS.every((f) => p[f] !== undefined && p[f] !== null)) {
      const parsed = z.safeParse(balancesSchema, p);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          ctx.issues.push({ code: 'custom', message: issue.message, path: issue.path, input: p });
        }
        return z.NEVER;
      }
      balances = parsed.data;
    }
    const fullName = p.full_name ?? ([p.first_name, p.last_name].filter(Boolean).join(' ') || null);
    return {
      id: p.id,
      firstName: p.first_name,
      lastName: p.last_name,
      fullName,
      email: p.email,
      mobilePhone: p.mobile_phone,
      tier: p.tier ? { name: p.tier.name, handle: p.tier.handle } : null,
      identities: p.identities ?? [],
      tags: p.tags ?? [],
      balances,
      updatedAt: p.updated_at,
    };
  }),
);
export type Profile = z.output<typeof profileSchema>;

/** An identity with its profile embedded (`include=profile`). */
const identityWithProfileSchema = z.pipe(
  z.object({ ...identityShape, profile: z.optional(z.nullable(profileSchema)) }),
  z.transform((i) => ({ ...toIdentity(i), profile: i.profile ?? null })),
);

/** What an identity lookup resolves to: the profile id, and the profile when Omneo sent it. */
export interface IdentityMatch {
  profileId: string;
  profile: Profile | null;
}

/**
 * The identity lookup's answer, in any of its undocumented shapes: `{data: Identity}`,
 * `{data: [Identity, ...]}` (first active one wins; none is "no match"), `{data: {profile_id}}`,
 * or `{data: Profile}` (POST /profiles/search-id).
 */
export const identityLookupSchema = z.pipe(
  z.object({
    data: z.union([
      z.array(identityWithProfileSchema),
      identityWithProfileSchema,
      z.pipe(z.object({ profile_id: profileIdSchema }), z.transform((d) => ({ profileId: d.profile_id, profile: null }))),
      z.pipe(profileSchema, z.transform((p) => ({ profileId: p.id, profile: p }))),
    ]),
  }),
  z.transform(({ data }): IdentityMatch | null => {
    const one = Array.isArray(data) ? (data.find((i) => i.isActive) ?? null) : data;
    return one ? { profileId: one.profileId, profile: one.profile } : null;
  }),
);

// ---------------------------------------------------------------------------------------------
// Benefits

export const benefitSchema = z.pipe(
  z.object({
    id: intId,
    profile_id: profileIdSchema,
    issued_at: text,
    expires_at: text,
    timezone: text,
    is_expired: flag,
    is_redeemable: z.optional(z.nullable(z.boolean())),
    redemptions_remaining: z.optional(z.nullable(quantity)),
    value: optionalCents,
    redeem_code_pos: text,
    status: text,
    definition: z.object({
      id: intId,
      name: requiredText,
      handle: text,
      type: text,
      description: text,
      short_description: text,
      value: optionalCents,
      image_url: text,
      redeem_instructions_store: text,
    }),
  }),
  z.transform((b) => {
    const isRedeemable = b.is_redeemable !== false;
    return {
      id: b.id,
      profileId: b.profile_id,
      issuedAt: b.issued_at,
      /** UTC, or `null` when the benefit never expires. */
      expiresAt: b.expires_at,
      timezone: b.timezone,
      isExpired: b.is_expired,
      isRedeemable,
      redemptionsRemaining: b.redemptions_remaining ?? null,
      /** The instance's value in cents, falling back to the definition's. */
      valueCents: b.value ?? b.definition.value,
      posCode: b.redeem_code_pos,
      /** `status` when Omneo sends it, else derived as the reference says. */
      active: b.status !== null ? b.status === 'active' : isRedeemable && !b.is_expired,
      name: b.definition.name,
      shortDescription: b.definition.short_description,
      description: b.definition.description,
      type: b.definition.type,
      imageUrl: b.definition.image_url,
      storeInstructions: b.definition.redeem_instructions_store,
      definitionId: b.definition.id,
    };
  }),
);
export type Benefit = z.output<typeof benefitSchema>;

// ---------------------------------------------------------------------------------------------
// Redemptions

export const redemptionSchema = z.pipe(
  z.object({
    id: intId,
    profile_id: profileIdSchema,
    type: z.optional(z.nullable(z.enum(['redeem', 'return', 'reversal']))),
    total: cents,
    location_id: z.optional(z.nullable(intId)),
    balances: z.optional(z.nullable(balancesSchema)),
    transaction_external_id: text,
    redemption_id: z.optional(z.nullable(intId)),
    items: z.optional(
      z.nullable(
        z.array(
          z.object({
            id: z.optional(z.nullable(intId)),
            type: requiredText,
            value: optionalCents,
            count: z.optional(z.nullable(quantity)),
          }),
        ),
      ),
    ),
    created_at: timestamp,
  }),
  z.transform((r) => ({
    id: r.id,
    profileId: r.profile_id,
    type: r.type ?? 'redeem',
    totalCents: r.total,
    locationId: r.location_id ?? null,
    /** The member's balances after this redemption, when Omneo sent them. */
    balancesAfter: r.balances ?? null,
    /** The POS sale id sent as `transaction_external_id`. */
    saleId: r.transaction_external_id,
    /** On a reversal or return: the redemption it undoes, when Omneo says. */
    undoesRedemptionId: r.redemption_id ?? null,
    items: (r.items ?? []).map((i) => ({
      id: i.id ?? null,
      type: i.type,
      valueCents: i.value,
      count: i.count ?? 1,
    })),
    /** Omneo's UTC `created_at`, as written. */
    createdAt: r.created_at.text,
    /** `created_at` as epoch milliseconds: the start of the 10-minute reversal window. */
    createdAtMs: r.created_at.ms,
  })),
);
export type Redemption = z.output<typeof redemptionSchema>;

// ---------------------------------------------------------------------------------------------
// Transactions, staff, locations

export const transactionSchema = z.pipe(
  z.object({
    id: intId,
    external_id: text,
    total: cents,
    total_original: optionalCents,
    profile_id: z.optional(z.nullable(profileIdSchema)),
    redemption_id: z.optional(z.nullable(intId)),
    staff_id: text,
    location_id: z.optional(z.nullable(intId)),
    transacted_at: text,
    timezone: text,
    receipt_ref: text,
  }),
  z.transform((t) => ({
    id: t.id,
    /** The POS sale id. */
    externalId: t.external_id,
    totalCents: t.total,
    totalOriginalCents: t.total_original,
    profileId: t.profile_id ?? null,
    redemptionId: t.redemption_id ?? null,
    /** Omneo sends it as a number or a string; the kit always reads a string. */
    staffId: t.staff_id,
    locationId: t.location_id ?? null,
    transactedAt: t.transacted_at,
    timezone: t.timezone,
    receiptRef: t.receipt_ref,
  })),
);
export type Transaction = z.output<typeof transactionSchema>;

/** A staff member is a profile whose staff number is a `staff-number` identity. */
export const staffSchema = z.pipe(
  profileSchema,
  z.transform((p) => ({
    ...p,
    staffNumber: p.identities.find((i) => i.handle === 'staff-number')?.identifier ?? null,
  })),
);
export type Staff = z.output<typeof staffSchema>;

export const locationSchema = z.pipe(
  z.object({ id: intId, name: requiredText, handle: text, timezone: text }),
  z.transform((l) => ({ id: l.id, name: l.name, handle: l.handle, timezone: l.timezone })),
);
export type Location = z.output<typeof locationSchema>;

// ---------------------------------------------------------------------------------------------
// Envelopes

/** `{data: T}` */
export function single<T extends z.ZodMiniType>(schema: T) {
  return z.pipe(z.object({ data: schema }), z.transform((v) => (v as { data: unknown }).data as z.output<T>));
}

const pageMeta = z.optional(
  z.nullable(
    z.object({
      current_page: z.optional(quantity),
      last_page: z.optional(quantity),
      per_page: z.optional(quantity),
      total: z.optional(quantity),
    }),
  ),
);

/** One page of a list, and where it sits among the others when Omneo says. */
export interface Page<T> {
  items: T[];
  page: { current: number; last: number; perPage: number | null; total: number | null } | null;
}

/** `{data: T[], links?, meta?}` */
export function list<T extends z.ZodMiniType>(schema: T) {
  return z.pipe(
    z.object({ data: z.array(schema), meta: pageMeta }),
    z.transform(({ data, meta }): Page<z.output<T>> => ({
      items: data as z.output<T>[],
      page: meta
        ? {
            current: meta.current_page ?? 1,
            last: meta.last_page ?? 1,
            perPage: meta.per_page ?? null,
            total: meta.total ?? null,
          }
        : null,
    })),
  );
}

/** Omneo's error bodies: `{message}` and, on 422, `{message, errors: {field: [...]}}`. */
export const errorBodySchema = z.object({
  message: z.optional(z.string()),
  errors: z.optional(z.record(z.string(), z.union([z.array(z.string()), z.string()]))),
});
