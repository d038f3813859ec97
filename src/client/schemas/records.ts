/** Benefits, redemptions, transactions, staff and locations. */
import * as z from 'zod/mini';
import { balancesSchema, profileSchema } from './people.js';
import { checked, lenient, text, requiredText, profileIdSchema, intId, reportedCents, quantity, flag, timestamp } from './scalars.js';

// ---------------------------------------------------------------------------------------------
// Benefits

/**
 * What a benefit is worth at the till. Only money off is spread over the sale's lines: a `value`
 * benefit, or a `voucher` with a value. Every other kind (a `discount` whose value is a percentage,
 * a gift, an event, a competition entry, a bonus, `other`) is redeemed with no money share and
 * applied at the till by its POS code and store instructions.
 */
export type BenefitKind = 'money' | 'apply';

/** Omneo's definition types (the SDK types it as a string; null is legal). */
export const BENEFIT_TYPES = ['discount', 'value', 'competition', 'event', 'gift', 'voucher', 'bonus', 'other'] as const;

function benefitKind(type: string | null, valueCents: number | null): BenefitKind {
  if (type === 'value' || type === 'voucher') return valueCents !== null && valueCents > 0 ? 'money' : 'apply';
  return 'apply';
}

/**
 * A benefit instance (the SDK's `Benefit`, `src/types/benefit.ts`). There is no `status` field:
 * active means `is_redeemable && !is_expired`. The definition's `id` is an integer in the SDK
 * types and a string in published samples; its `name` may be null.
 */
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
    value: reportedCents,
    redeem_code_pos: text,
    definition: z.object({
      id: requiredText,
      name: text,
      handle: text,
      type: text,
      description: text,
      short_description: text,
      value: reportedCents,
      image_url: text,
      redeem_code_pos: text,
      redeem_instructions_store: text,
    }),
  }),
  z.transform((b) => {
    const isRedeemable = b.is_redeemable !== false;
    const valueCents = b.value ?? b.definition.value;
    const type = b.definition.type;
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
      /** The instance's value in cents, falling back to the definition's. Dollars only when `kind` is `'money'`. */
      valueCents,
      /** `'money'`: spread over the sale as money off; `'apply'`: applied at the till by its code. */
      kind: benefitKind(type, valueCents),
      posCode: b.redeem_code_pos ?? b.definition.redeem_code_pos,
      /** As the API reference defines it: redeemable and not expired. */
      active: isRedeemable && !b.is_expired,
      /** The definition's name; Omneo may leave it null, then its handle, else `Benefit {id}`. */
      name: b.definition.name ?? b.definition.short_description ?? b.definition.handle ?? `Benefit ${b.id}`,
      shortDescription: b.definition.short_description,
      description: b.definition.description,
      type,
      imageUrl: b.definition.image_url,
      storeInstructions: b.definition.redeem_instructions_store,
      /** Text: Omneo sends it as a number or a string. */
      definitionId: b.definition.id,
    };
  }),
);
export type Benefit = z.output<typeof benefitSchema>;

// ---------------------------------------------------------------------------------------------
// Redemptions

const REDEMPTION_TYPES: readonly string[] = ['redeem', 'return', 'reversal'];
const isRedemptionType = (v: string): v is 'redeem' | 'return' | 'reversal' => REDEMPTION_TYPES.includes(v);

const redemptionItemSchema = z.object({
  id: z.optional(z.nullable(intId)),
  type: text,
  value: reportedCents,
  count: z.optional(z.nullable(quantity)),
  // The Reward / Benefit / Point / Credit redeemed: its `id` is the instance's (a benefit's id).
  type_attributes: z.optional(z.nullable(z.looseObject({ id: z.optional(z.nullable(z.union([z.number(), z.string()]))) }))),
});

/**
 * A redemption in either of Omneo's shapes (`src/types/redemptions.ts` in Omneo's SDK):
 * - a write's answer (`SuccessfulRedemption`: redeem, reversal, return): `transaction_external_id`
 *   at the top, no `type`, no `items`;
 * - a listed one (`Redemption`, GET /redemptions): `type`, `items`, and the sale's id only under
 *   `transaction.external_id`, when a transaction is linked.
 * Only `id` must be readable. Everything else is read leniently, so a write that Omneo made is
 * never mistaken for one whose outcome is unknown because a side field was odd.
 */
export const redemptionSchema = z.pipe(
  z.object({
    id: intId,
    profile_id: lenient(profileIdSchema, null),
    type: lenient(checked(z.string(), isRedemptionType, 'Expected redeem, return or reversal'), null),
    total: lenient(reportedCents, null),
    location_id: lenient(intId, null),
    balances: lenient(balancesSchema, null),
    transaction_external_id: lenient(text, null),
    transaction: lenient(z.object({ external_id: text }), null),
    items: lenient(z.array(redemptionItemSchema), null),
    created_at: lenient(timestamp, null),
  }),
  z.transform((r) => ({
    id: r.id,
    profileId: r.profile_id,
    /** `null` on a write's answer (the caller knows what it asked for) and where Omneo sends null. */
    type: r.type,
    /** `null` where Omneo sent none (legal) or one the kit could not read. */
    totalCents: r.total,
    locationId: r.location_id,
    /** The member's balances after this redemption, when Omneo sent them. */
    balancesAfter: r.balances,
    /** The POS sale id: a write echoes `transaction_external_id`; a listed one has `transaction.external_id`. */
    saleId: r.transaction_external_id ?? r.transaction?.external_id ?? null,
    items: (r.items ?? []).map((i) => ({
      /** The redemption item's own id. */
      id: i.id ?? null,
      type: i.type,
      valueCents: i.value,
      count: i.count ?? 1,
      /** What was redeemed: the reward's or benefit instance's id (`type_attributes.id`). */
      instanceId: i.type_attributes?.id === undefined || i.type_attributes.id === null ? null : Number(i.type_attributes.id),
    })),
    /** Omneo's UTC `created_at`, as written; `null` when unreadable. */
    createdAt: r.created_at?.text ?? null,
    /** `created_at` as epoch milliseconds: the start of the 10-minute reversal window. */
    createdAtMs: r.created_at?.ms ?? null,
  })),
);
export type Redemption = z.output<typeof redemptionSchema>;

// ---------------------------------------------------------------------------------------------
// Transactions, staff, locations

/**
 * A recorded sale (the SDK's `Transaction`, `src/types/transactions.ts`): the redemption it used
 * is linked as `redemption` (an object), the staff member as `staff` (a profile whose
 * `staff-number` identity is the staff number). The request's `redemption_id` and `staff_id`
 * are read too, where a tenant echoes them.
 */
export const transactionSchema = z.pipe(
  z.object({
    id: intId,
    external_id: text,
    total: reportedCents,
    total_original: reportedCents,
    profile_id: lenient(profileIdSchema, null),
    redemption_id: lenient(intId, null),
    redemption: lenient(z.looseObject({ id: intId }), null),
    staff_id: text,
    staff: lenient(z.looseObject({ identities: z.optional(z.nullable(z.array(z.looseObject({ handle: text, identifier: text })))) }), null),
    location_id: lenient(intId, null),
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
    redemptionId: t.redemption?.id ?? t.redemption_id ?? null,
    /** The staff number: from the linked staff profile, or `staff_id` as text. */
    staffId: t.staff?.identities?.find((i) => i.handle === 'staff-number')?.identifier ?? t.staff_id,
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
