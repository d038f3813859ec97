/**
 * zod/mini schemas for every Omneo response the kit reads. They are the single source of the
 * kit's domain types (`z.output<...>`), and the only place where Omneo's field names are
 * mapped to the kit's: dollars become integer cents here, snake_case becomes camelCase here.
 *
 * Lenient where Omneo is loose (numeric strings, nullable text, unknown fields, the three
 * shapes of the identity lookup); strict where money and ids are concerned: money must be a
 * finite, non-negative amount of whole cents, integer ids must be integers, profile ids UUIDs.
 */
export { profileIdSchema } from './schemas/scalars.js';
export { balancesSchema, identitySchema, profileSchema, identityLookupSchema } from './schemas/people.js';
export { benefitSchema, redemptionSchema, transactionSchema, staffSchema, locationSchema } from './schemas/records.js';
export { single, list, errorBodySchema } from './schemas/envelopes.js';

export type { Balances, Identity, Profile, IdentityMatch } from './schemas/people.js';
export type { Benefit, BenefitKind, Redemption, Transaction, Staff, Location } from './schemas/records.js';
export type { Page } from './schemas/envelopes.js';
