/** Benefits, redemptions, transactions, staff and locations. */
import * as z from 'zod/mini';
import { balancesSchema, profileSchema } from './people.js';
import { checked, text, requiredText, profileIdSchema, intId, cents, optionalCents, quantity, flag, timestamp } from './scalars.js';

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

const REDEMPTION_TYPES: readonly string[] = ['redeem', 'return', 'reversal'];
const isRedemptionType = (v: string): v is 'redeem' | 'return' | 'reversal' => REDEMPTION_TYPES.includes(v);

export const redemptionSchema = z.pipe(
  z.object({
    id: intId,
    profile_id: profileIdSchema,
    type: z.optional(z.nullable(checked(z.string(), isRedemptionType, 'Expected redeem, return or reversal'))),
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
