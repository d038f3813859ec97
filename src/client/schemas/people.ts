/** Balances, identities and profiles, and the identity lookup's several shapes. */
import * as z from 'zod/mini';
import { text, requiredText, profileIdSchema, looseIntId, lenient, balanceCents, optionalBalanceCents, quantity, flag } from './scalars.js';

// ---------------------------------------------------------------------------------------------
// Balances

export const balancesSchema = z.pipe(
  z.object({
    // Omneo types every balance as a float: more than two decimals (points converted at an
    // exchange rate) and negatives (returns, manual adjustments) are legal. Read down to the cent.
    reward_balance: balanceCents,
    point_balance: quantity,
    point_balance_dollars: balanceCents,
    combined_balance_dollars: balanceCents,
    credit_balance: optionalBalanceCents,
    benefit_balance: optionalBalanceCents,
    // An object on /balances, a plain code ("AUD") embedded in a profile: kept only as the object.
    currency: lenient(z.object({ from: requiredText, to: requiredText, rate: quantity }), null),
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
  id: looseIntId,
  // Omneo sends `handle: null` on some identities.
  handle: text,
  identifier: requiredText,
  is_primary: flag,
  is_active: z.optional(z.nullable(z.boolean())),
  profile_id: profileIdSchema,
};

function toIdentity(i: {
  id: number;
  handle: string | null;
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
