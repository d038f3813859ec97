/**
 * What Omneo sends, route by route: the wire contract that the mock tenant's answers and the
 * fixtures under test/fixtures/omneo/ are checked against. Written from Omneo's own
 * TypeScript SDK (GitHub omneo/omneo-sdk, `src/types/`) and the API reference on
 * docs.omneo.io, never from the mock. Each shape names its source.
 *
 * The rules:
 * - Every object is strict: a field that no Omneo source names is a failure.
 * - `req` fields must be present: what the kit reads, and what identifies the record. `opt`
 *   fields are the rest of the SDK type: Omneo sends them, a fixture copied from a tenant
 *   carries them, and the mock may leave out those nothing reads. A field is never both.
 * - Nullable where an Omneo source says null, or where a published sample shows null (each
 *   such widening of the SDK is marked `widened:` with its reason).
 * - Money and points are JSON numbers (floats, may be negative); ids are integers unless said.
 *
 * Use {@link checkBody} to get readable issues, or the schemas directly with `safeParse`.
 */
import * as z from 'zod/mini';

type Shape = Record<string, z.core.$ZodType>;

/** A strict object of required fields plus optional ones (see the rules above). */
function resource<R extends Shape, O extends Shape>(req: R, opt: O) {
  const optional = Object.fromEntries(Object.entries(opt).map(([k, v]) => [k, z.optional(v)])) as {
    [K in keyof O]: z.ZodMiniOptional<O[K]>;
  };
  return z.strictObject({ ...req, ...optional });
}

const n = <T extends z.core.$ZodType>(t: T) => z.nullable(t);
const str = z.string();
const num = z.number();
const int = z.int();
const bool = z.boolean();
/** Omneo's UTC `"YYYY-MM-DD HH:mm:ss"` (the SDK types it `string`). */
const time = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}/));
/** `AnyJsonRecord` / `AnyRecord` in the SDK's `src/types/common.ts`. */
const record = z.record(z.string(), z.unknown());
const strings = z.array(z.string());
/** A nested object the kit never reads: present in the SDK type, not described further here. */
const opaque = z.unknown();

// ---------------------------------------------------------------------------------------------
// Envelopes and errors
// ---------------------------------------------------------------------------------------------

/** SDK `src/types/pagination.ts` `PaginationLink`. */
export const paginationLinks = resource({ first: str, last: str, prev: n(str), next: n(str) }, {});

/**
 * SDK `src/types/pagination.ts` `PaginationMeta`. widened: `from`/`to` are null on an empty
 * page (Laravel's paginator; the SDK's own `ProfileTransactionIndexGroupResponse` says so);
 * `links` is optional (omneo-api.md's meta lists it not).
 */
export const paginationMeta = resource(
  { current_page: int, from: n(int), last_page: int, path: str, per_page: int, to: n(int), total: int },
  { links: z.array(resource({ url: n(str), label: n(str), active: bool }, {})) },
);

/** `{data: [...], links?, meta?}`: every SDK `*Response` list type (e.g. `RedemptionResponse`). */
export const listOf = <T extends z.core.$ZodType>(item: T) =>
  resource({ data: z.array(item) }, { links: paginationLinks, meta: paginationMeta });

/** `{data: {...}}`: a single resource (omneo-api.md "Basics"; the SDK's resources unwrap `data`). */
export const single = <T extends z.core.$ZodType>(item: T) => resource({ data: item }, {});

/** Laravel's error body: 401 `{message: "Unauthenticated."}`, 403/404/429/5xx `{message}` (omneo-api.md "Basics"). */
export const errorBody = resource({ message: str }, {});

/** Laravel's 422: `{message, errors: {field: ["..."]}}` (omneo-api.md "Basics"). */
export const validationErrorBody = resource({ message: str, errors: z.record(z.string(), z.array(z.string())) }, {});

// ---------------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------------

/**
 * SDK `src/types/identities.ts` `Identity`. widened: `id` is a string in the SDK and an
 * integer in omneo-api.md (accept both); `handle: null` appears in published samples.
 */
export const identity = resource(
  { id: z.union([int, str]), handle: n(str), identifier: str, is_primary: bool, is_active: bool, profile_id: str },
  { merged_from: n(str), created_at: time, updated_at: time },
);

/** SDK `src/types/currencies.ts` `Currency`. */
export const currency = resource(
  { from: str, to: str, rate: num },
  { id: int, is_system: bool, created_at: time, updated_at: time },
);

/**
 * GET /profiles/{id}/balances `data`; also a SuccessfulRedemption's `balances`. SDK
 * `src/types/profiles/balance.ts` `ProfileBalances` (`localised`, `currency`, `credit_balance`
 * are absent from the older `src/types/profile/balances.ts`, so optional). docs.omneo.io
 * "profile balance" types every balance FLOAT: floats with 3+ decimals and negatives are legal.
 */
export const balances = resource(
  { reward_balance: num, point_balance: num, point_balance_dollars: num, combined_balance_dollars: num, benefit_balance: num },
  {
    credit_balance: num,
    currency: n(currency),
    localised: resource({ reward_balance: num, point_balance_dollars: num, combined_balance_dollars: num }, {}),
  },
);

/** SDK `src/types/tiers.ts` `Tier` (a profile's current tier). */
export const tier = resource(
  { name: n(str), handle: n(str) },
  { id: int, profile_id: str, achieved_at: n(time), anniversary_at: n(time), assigned_at: n(time), maintained_at: n(time) },
);

/**
 * GET /profiles/{id}, a GET /profiles list item, POST /profiles/search-id, and the staff
 * routes (a staff member is a profile: omneo-api.md "Staff"). SDK
 * `src/types/profiles/profile.ts` `Profile`. widened: `email` is nullable (a profile made at
 * a till may have none; omneo-api.md "most text fields are nullable").
 */
export const profile = resource(
  {
    id: str,
    first_name: n(str),
    last_name: n(str),
    full_name: n(str),
    email: n(str),
    mobile_phone: n(str),
    tier: n(tier),
    identities: z.array(identity),
    tags: strings,
    reward_balance: num,
    point_balance: num,
    point_balance_dollars: num,
    combined_balance_dollars: num,
    credit_balance: num,
    benefit_balance: num,
    created_at: time,
    updated_at: time,
  },
  {
    joined_at: n(time),
    address: opaque,
    addresses: z.array(opaque),
    attributes: opaque,
    avatar_url: n(str),
    birth_date: n(str),
    birth_day: n(int),
    birth_days: n(int),
    birth_days_past: n(int),
    birth_month: n(int),
    birth_year: n(int),
    company: n(str),
    created_by: n(str),
    currency: n(str),
    custom_attributes: z.array(opaque),
    external_id: n(str),
    gender: n(z.enum(['male', 'female', 'withheld', 'other'])),
    is_public: bool,
    joined_location: opaque,
    joined_location_id: n(int),
    joined_staff: opaque,
    joined_staff_id: n(z.union([int, str])),
    mobile_phone_country: n(z.union([int, str])),
    mobile_phone_e164: n(str),
    mobile_phone_national: n(str),
    mobile_phone_national_prefix: n(str),
    next_birthday: n(str),
    normal_hours: z.array(opaque),
    occupation: n(str),
    organisations: z.array(opaque),
    preferred_location: opaque,
    preferred_location_id: n(int),
    preferred_staff: opaque,
    preferred_staff_id: n(z.union([int, str])),
    profile_type: n(z.enum(['temporary', 'dependant', 'incomplete', 'pending', 'system', 'active', 'deleted'])),
    region: opaque,
    regions: z.array(opaque),
    secondary_phone: n(str),
    special_hours: z.array(opaque),
    statuses: strings,
    statuses_original: z.array(opaque),
    tier_handle: n(str),
    title: n(str),
  },
);

/**
 * GET /identities?filter[handle]&filter[identifier]&include=profile: a list of identities,
 * each with its profile embedded (SDK `src/omneo/resources/identities` lists `IdentityResponse`;
 * `include=profile` adds `profile`).
 */
export const identityWithProfile = z.strictObject({ ...identity.def.shape, profile: z.optional(profile) });
export const identityList = listOf(identityWithProfile);

/**
 * GET /identities/search (the POS guide's form). Undocumented; omneo-api.md accepts
 * `{data: Identity}`, `{data: [Identity]}` or `{data: {profile_id}}`.
 */
export const identitySearch = single(
  z.union([identityWithProfile, z.array(identityWithProfile), resource({ profile_id: str }, {})]),
);

export const profileList = listOf(profile);
/** POST /staff, GET /staff/{id}, PUT /staff/{id}: `{data: Profile}` (omneo-api.md "Staff"). DELETE is 204. */
export const staff = single(profile);

// ---------------------------------------------------------------------------------------------
// Locations
// ---------------------------------------------------------------------------------------------

/** GET /locations item and GET /locations/{id} `data`. SDK `src/types/locations.ts` `Location`. */
export const location = resource(
  { id: int, name: n(str), timezone: n(str) },
  {
    handle: n(str),
    address: opaque,
    country_iso_3: n(str),
    created_at: time,
    custom_fields: opaque,
    departments: z.array(opaque),
    description: n(str),
    email: n(str),
    external_code: n(str),
    external_id: n(str),
    icon: n(str),
    image_url: n(str),
    is_permanently_closed: bool,
    is_published: bool,
    normal_hours: z.array(opaque),
    phone: n(str),
    special_hours: z.array(opaque),
    tags: strings,
    type: n(str),
    updated_at: time,
  },
);
export const locationList = listOf(location);

// ---------------------------------------------------------------------------------------------
// Benefits
// ---------------------------------------------------------------------------------------------

/** SDK `src/types/benefits.ts` `BenefitDefinitionTypeEnum`. */
export const BENEFIT_TYPES = ['discount', 'value', 'competition', 'event', 'gift', 'voucher', 'bonus', 'other'] as const;

/**
 * A benefit's `definition`. SDK `src/types/benefits.ts` `BenefitDefinition` (and the older
 * `src/types/benefit.ts`, whose `id` is a string, as in published samples: accept both).
 */
export const benefitDefinition = resource(
  {
    id: z.union([int, str]),
    name: n(str),
    handle: n(str),
    type: n(z.enum(BENEFIT_TYPES)),
    value: n(num),
    description: n(str),
    short_description: n(str),
    image_url: n(str),
    redeem_code_pos: n(str),
    redeem_instructions_store: n(str),
  },
  {
    absolute_expiry: n(str),
    allow_user_redeem: bool,
    campaign: n(str),
    claim_condition: n(z.union([record, str])),
    claim_period_end_at: n(str),
    claim_period_start_at: n(str),
    claim_timeframe: n(str),
    created_at: time,
    currency: n(str),
    earn_instructions: n(str),
    end_at: n(str),
    extend_target_id: n(int),
    external_id: n(str),
    force_allocation: n(bool),
    icon: n(str),
    internal_notes: n(str),
    is_archived: bool,
    is_assignable: bool,
    is_claimable: bool,
    is_extendable: bool,
    is_published: bool,
    is_reassignable: bool,
    is_reclaimable: n(bool),
    issue_target_id: n(int),
    long_description: n(str),
    max_global_redemptions: n(int),
    max_redemptions: n(int),
    meta: n(record),
    notify_extend_offset_days: n(int),
    notify_extend_offset_hour: n(int),
    notify_issue_offset_days: n(int),
    notify_issue_offset_hour: n(int),
    notify_remind_offset_days: n(int),
    notify_remind_offset_hour: n(int),
    notify_schedule_offset: n(int),
    period: n(int),
    period_type: n(str),
    redeem_code_online: n(str),
    redeem_instructions_online: n(str),
    region: opaque,
    region_id: n(int),
    remind_target_id: n(int),
    same_campaign_count: int,
    tags: strings,
    terms_conditions: n(str),
    total_allocations: n(int),
    total_allocations_remaining: n(int),
    total_global_created: int,
    total_global_redemptions: n(int),
    total_global_redemptions_remaining: n(int),
    updated_at: time,
    view_condition: n(z.union([record, str])),
    visibility_condition: n(record),
  },
);

/**
 * A benefit instance: GET /profiles/{id}/benefits and /benefits/redeemable items. SDK
 * `src/types/benefits.ts` `Benefit`. There is NO `status` field: active is
 * `is_redeemable && !is_expired`. widened: `external_id` is nullable (SDK `benefit.ts`).
 */
export const benefit = resource(
  {
    id: int,
    profile_id: str,
    issued_at: time,
    expires_at: n(time),
    timezone: n(str),
    is_expired: bool,
    is_redeemable: bool,
    redemptions_remaining: n(int),
    value: n(num),
    redeem_code_pos: n(str),
    claimed_at: n(time),
    external_id: n(str),
    definition: benefitDefinition,
    created_at: time,
    updated_at: time,
  },
  {
    combine_meta: n(record),
    extended_at: n(time),
    is_combined: n(bool),
    meta: n(record),
    redeem_code_online: n(str),
    source_id: n(int),
    source_type: n(str),
    total_global_redemptions_remaining: n(int),
  },
);
export const benefitList = listOf(benefit);

// ---------------------------------------------------------------------------------------------
// What a redemption item points at (`type_attributes`)
// ---------------------------------------------------------------------------------------------

/** SDK `src/types/rewards.ts` `Reward` (its `definition` is a `RewardDefinition`, not described). */
export const reward = resource(
  { id: int, profile_id: str, value_initial: n(num), value_remaining: n(num), expires_at: n(time), created_at: time, updated_at: time },
  {
    definition: opaque,
    expires_local_at: n(str),
    extended_at: n(time),
    has_notified_expiry: bool,
    has_notified_extend: bool,
    has_notified_issue: bool,
    is_active: bool,
    is_expired: bool,
    issued_at: n(time),
    issued_local_at: n(str),
    meta: n(record),
    notify_expiry_at: n(str),
    notify_issue_at: n(str),
    source_id: n(int),
    source_type: n(str),
    timezone: n(str),
  },
);

/** SDK `src/types/points.ts` `Point`. */
export const point = resource(
  { id: int, profile_id: str, value_initial: num, value_remaining: n(num), created_at: time, updated_at: time },
  {
    accrued_at: n(time),
    definition: opaque,
    description: n(str),
    expires_at: n(time),
    issued_at: n(time),
    linked_profile_id: n(str),
    meta: n(record),
    rate: opaque,
    source: n(record),
    source_type: n(str),
    status: n(str),
    value_initial_currency: n(num),
    value_remaining_currency: n(num),
  },
);

/** SDK `src/types/credits.ts` `Credit`. */
export const credit = resource(
  { id: int, profile_id: str, value_initial: n(num), value_remaining: n(num), created_at: time, updated_at: time },
  {
    creator_profile_id: n(str),
    credit_definition_id: int,
    credit_number: n(str),
    definition: opaque,
    expires_at: n(time),
    extended_at: n(time),
    external_id: n(str),
    external_namespace: n(str),
    has_notified_expiry: bool,
    has_notified_extend: bool,
    has_notified_issue: bool,
    has_notified_release: bool,
    has_notified_remind: bool,
    is_imported: bool,
    is_system_generated: bool,
    issued_at: n(time),
    location_id: n(int),
    lock_expires_at: n(str),
    locked: bool,
    message: n(str),
    meta: n(record),
    name: n(str),
    recipient_email: n(str),
    recipient_first_name: n(str),
    released_at: n(str),
    security_code: n(str),
    source_id: n(int),
    source_type: n(str),
    staff_id: n(str),
    timezone: n(str),
  },
);

// ---------------------------------------------------------------------------------------------
// Redemptions
// ---------------------------------------------------------------------------------------------

/** SDK `src/types/redemptions.ts` `RedemptionLocation`. */
export const redemptionLocation = resource(
  { id: int, name: n(str) },
  {
    type: n(str),
    description: n(str),
    phone: n(str),
    email: n(str),
    external_id: n(str),
    is_published: bool,
    is_permanently_closed: bool,
  },
);

/** SDK `src/types/redemptions.ts` `RedemptionTransaction`: the sale a listed redemption belongs to. */
export const redemptionTransaction = resource(
  {
    external_id: n(str),
    receipt_ref: n(str),
    transacted_at: n(time),
    total: n(num),
    location: n(resource({ id: int, name: n(str), external_id: n(str) }, {})),
  },
  {},
);

/**
 * SDK `src/types/redemptions.ts` `RedemptionItem`. `id` is the item's OWN id; what was
 * redeemed (the reward / benefit / point / credit, with ITS id) is `type_attributes`.
 */
export const redemptionItem = resource(
  {
    id: int,
    type: n(z.enum(['reward', 'point', 'benefit', 'credit'])),
    value: n(num),
    count: n(num),
    type_attributes: n(z.union([benefit, reward, point, credit])),
    created_at: time,
    updated_at: time,
  },
  {},
);

/** SDK `src/types/profiles/redemption.ts` `RedemptionProfile`. widened: `email` nullable, as on a profile. */
export const redemptionProfile = resource(
  { first_name: n(str), last_name: n(str), full_name: n(str), email: n(str) },
  { statuses: strings },
);

/**
 * A redemption as GET /redemptions lists it (and GET /redemptions/{id}): SDK
 * `src/types/redemptions.ts` `Redemption`. NO top-level `transaction_external_id`,
 * `redemption_id`, `strategies` or `balances`: the sale id is `transaction.external_id`, when
 * the redemption is attached to a transaction. widened: `location_id` and `transaction_id`
 * are nullable (a redemption made without a location, or not yet attached to a sale: its
 * `location` / `transaction` are null then, as the SDK allows).
 */
export const listedRedemption = resource(
  {
    id: int,
    type: n(z.enum(['redeem', 'return', 'reversal'])),
    total: n(num),
    total_localised: n(num),
    profile_id: str,
    location_id: n(int),
    location: n(redemptionLocation),
    redeem_at: n(time),
    meta: n(record),
    transaction_id: n(int),
    transaction: n(redemptionTransaction),
    items: z.array(redemptionItem),
    created_at: time,
    updated_at: time,
  },
  { profile: redemptionProfile },
);
export const redemptionList = listOf(listedRedemption);

/**
 * The answer to a write: POST /profiles/{p}/redemptions (redeem strategy), POST
 * /profiles/{p}/benefits/{b}/redeem, POST /redemptions/{id}/reversal, POST
 * /redemptions/{id}/return, POST /redemptions/{id}/benefit/return (and the guide's forms of
 * these). SDK `src/types/redemptions.ts` `SuccessfulRedemption`: no `items`, no `type`.
 * widened: `location_id` nullable (as on a listed redemption); `transaction_external_id`
 * nullable (a write sent without one has none to echo).
 */
export const successfulRedemption = resource(
  {
    id: int,
    profile_id: str,
    total: n(num),
    total_localised: n(num),
    balances,
    currency: n(currency),
    location_id: n(int),
    location: n(redemptionLocation),
    meta: n(record),
    transaction_external_id: n(str),
    transaction_receipt_ref: n(str),
    created_at: time,
    updated_at: time,
  },
  {},
);

// ---------------------------------------------------------------------------------------------
// Transactions
// ---------------------------------------------------------------------------------------------

/** docs.omneo.io "transaction item" discount: `{amount, reason_desc}` (SDK `DiscountRecord`). */
const discount = z.looseObject({ amount: num });

/** SDK `src/types/transactions.ts` `TransactionItem`; docs.omneo.io "transaction item". */
export const transactionItem = resource(
  { name: n(str), quantity: num, price_current: n(num), price_sell: n(num) },
  {
    id: int,
    created_at: time,
    updated_at: time,
    department: n(str),
    discounts: n(z.union([discount, z.array(discount)])),
    external_id: n(str),
    is_return: bool,
    is_void: bool,
    list_items: z.array(opaque),
    meta: n(record),
    order_id: n(int),
    pivot: opaque,
    price_margin: n(num),
    price_original: n(num),
    price_tax: n(num),
    product: opaque,
    product_id: n(int),
    product_images: n(z.array(opaque)),
    product_variant: opaque,
    product_variant_id: n(int),
    sku: n(str),
    transaction: opaque,
    transaction_id: int,
    variant_external_id: n(str),
  },
);

/** SDK `src/types/transactions.ts` `TransactionRedemption`: the redemption a sale is linked to. */
export const transactionRedemption = resource(
  {
    id: int,
    type: n(str),
    total: n(num),
    total_localised: n(num),
    location_id: n(int),
    location: n(resource({ id: int, name: n(str), external_id: n(str) }, {})),
    items: z.array(redemptionItem),
  },
  {},
);

/** SDK `src/types/transactions.ts` `TransactionStaff`. */
export const transactionStaff = resource(
  { id: z.union([int, str]), full_name: n(str), email: n(str), identities: z.array(identity) },
  {},
);

/**
 * POST /transactions and POST /transactions/update-create `data`. SDK
 * `src/types/transactions.ts` `Transaction`: the sale is linked through `redemption` (an
 * object), the staff member through `staff`, the store through `location`; the response has
 * no `redemption_id`, `staff_id` or `location_id`. widened: `external_id` and `profile_id`
 * nullable (a sale without a member, or without a POS id). `payments`: the request sends
 * `string[]`, the SDK types the answer `AnyJsonRecord | null`: accept both.
 */
export const transaction = resource(
  {
    id: int,
    external_id: n(str),
    profile_id: n(str),
    total: n(num),
    total_original: n(num),
    transacted_at: n(time),
    timezone: n(str),
    receipt_ref: n(str),
    items: z.array(transactionItem),
    redemption: n(transactionRedemption),
    created_at: time,
    updated_at: time,
  },
  {
    payments: n(z.union([record, z.array(z.unknown())])),
    meta: n(record),
    staff: n(transactionStaff),
    location: n(location),
    claimed_at: n(time),
    currency: n(str),
    currency_id: n(int),
    currency_rate: n(num),
    currency_values: z.array(opaque),
    custom_fields: z.array(opaque),
    external_order_id: n(str),
    fees: n(z.array(record)),
    is_void: bool,
    linked_receipt_ref: n(str),
    margin: n(num),
    need_action: bool,
    order_id: n(int),
    order_number: n(str),
    organisation: opaque,
    profile: opaque,
    receipt_email: n(str),
    receipt_is_email: bool,
    reversed_redemptions: z.array(listedRedemption),
    rounding: n(num),
    status: n(str),
    systems: n(strings),
    tags: strings,
    tier_points: z.array(opaque),
    total_converted: n(num),
    type: n(str),
  },
);

// ---------------------------------------------------------------------------------------------
// Route table: what each route the kit uses answers
// ---------------------------------------------------------------------------------------------

/**
 * Each route the kit uses (both forms), keyed `"METHOD /path"` with `{param}` placeholders,
 * and the body a 2xx answer carries (`null`: no body, a 204).
 */
export const ROUTE_SHAPES = {
  'GET /identities': identityList,
  'GET /identities/search': identitySearch,
  'POST /profiles/search-id': single(profile),
  'GET /profiles': profileList,
  'GET /profiles/{p}': single(profile),
  'GET /profiles/{p}/balances': single(balances),
  'GET /profiles/{p}/benefits': benefitList,
  'GET /profiles/{p}/benefits/redeemable': benefitList,
  'POST /profiles/{p}/redemptions': single(successfulRedemption),
  'POST /profiles/{p}/benefits/{b}/redeem': single(successfulRedemption),
  'POST /profiles/{p}/benefits/{b}/redemptions': single(successfulRedemption),
  'POST /profiles/{p}/redemptions/{r}/reverse': single(successfulRedemption),
  'POST /profiles/{p}/redemptions/{r}/refund': single(successfulRedemption),
  'GET /redemptions': redemptionList,
  'GET /redemptions/{r}': single(listedRedemption),
  'POST /redemptions/{r}/reversal': single(successfulRedemption),
  'POST /redemptions/{r}/return': single(successfulRedemption),
  'POST /redemptions/{r}/benefit/return': single(successfulRedemption),
  'POST /transactions': single(transaction),
  'POST /transactions/update-create': single(transaction),
  'POST /staff': staff,
  'GET /staff/{s}': staff,
  'PUT /staff/{s}': staff,
  'DELETE /staff/{s}': null,
  'GET /locations': locationList,
  'GET /locations/{l}': single(location),
} as const satisfies Record<string, z.core.$ZodType | null>;

export type RouteKey = keyof typeof ROUTE_SHAPES;

/** Names of the shapes a fixture may declare (see test/fixtures/omneo/README.md). */
export const SHAPES = {
  identityList,
  identitySearch,
  profile: single(profile),
  profileList,
  balances: single(balances),
  benefitList,
  redemptionList,
  listedRedemption: single(listedRedemption),
  successfulRedemption: single(successfulRedemption),
  transaction: single(transaction),
  staff,
  location: single(location),
  locationList,
  error: errorBody,
  validationError: validationErrorBody,
} as const;

export type ShapeName = keyof typeof SHAPES;

/** The issues of `body` against `shape`, one readable line each (`data.0.items.1.id: ...`); empty when it conforms. */
export function checkBody(shape: z.core.$ZodType, body: unknown): string[] {
  const result = z.safeParse(shape, body);
  if (result.success) return [];
  return result.error.issues.map((i) => {
    const where = i.path.map(String).join('.') || '(root)';
    const keys = 'keys' in i && Array.isArray(i.keys) ? ` [${(i.keys as string[]).join(', ')}]` : '';
    return `${where}: ${i.message}${keys}`;
  });
}

/** The error body shape for a status: 422 has `errors`, every other error status `{message}`. */
export const errorShapeFor = (status: number) => (status === 422 ? validationErrorBody : errorBody);
