/**
 * The typed Omneo client: one small resource per area, one short method per route. Every
 * method takes an optional `{ signal }`, returns domain objects (money in integer cents) and
 * rejects only with {@link OmneoError}s.
 */
import { OmneoNotFoundError } from './errors.js';
import { createRequester, DEFAULT_RETRY, type CallOptions, type RetryPolicy } from './request.js';
import { resolveRoutes, type RoutesOption } from './routes.js';
import {
  balancesSchema,
  benefitSchema,
  identityLookupSchema,
  list,
  locationSchema,
  profileSchema,
  redemptionSchema,
  single,
  staffSchema,
  transactionSchema,
  type Balances,
  type Benefit,
  type IdentityMatch,
  type Location,
  type Page,
  type Profile,
  type Redemption,
  type Staff,
  type Transaction,
} from './schemas.js';
import type { OmneoTransport } from './transport.js';
import {
  redeemRewardsBody,
  refundAmount,
  staffBody,
  transactionBody,
  type RedeemBenefitInput,
  type RedeemRewardsInput,
  type StaffInput,
  type TransactionInput,
} from './wire.js';

export interface OmneoClientOptions {
  /** Sends requests; carries the host's auth. See `fetchTransport`. */
  transport: OmneoTransport;
  /** `'guide'` (default), `'reference'`, or a partial route table. */
  routes?: RoutesOption;
  /** How reads are retried. Writes are never retried. */
  retry?: Partial<RetryPolicy>;
}

/** A member with more benefits than this many pages of 100 is not a till's concern. */
const MAX_PAGES = 20;

const profileResponse = single(profileSchema);
const redemptionResponse = single(redemptionSchema);
const transactionResponse = single(transactionSchema);
const staffResponse = single(staffSchema);
const balancesResponse = single(balancesSchema);
const benefitList = list(benefitSchema);
const profileList = list(profileSchema);
const redemptionList = list(redemptionSchema);
const locationList = list(locationSchema);
const locationResponse = single(locationSchema);

/** Creates a client. It holds no token and no state beyond reads in flight. */
export function createOmneoClient(options: OmneoClientOptions) {
  const routes = resolveRoutes(options.routes);
  const http = createRequester(options.transport, { ...DEFAULT_RETRY, ...options.retry });

  return {
    identities: {
      /** Finds the member behind a card or other identifier; `null` when there is none. */
      lookup(handle: string, identifier: string, call?: CallOptions): Promise<IdentityMatch | null> {
        const spec = routes.identityLookup({ handle, identifier });
        // POST /profiles/search-id is a lookup, not a write: safe to repeat.
        const read = spec.method === 'GET' ? http.read : http.write;
        return read(spec, identityLookupSchema, call).catch((error: unknown) => {
          if (error instanceof OmneoNotFoundError) return null;
          throw error;
        });
      },
    },
    profiles: {
      get(profileId: string, call?: CallOptions): Promise<Profile> {
        return http.read(routes.profileGet({ profileId }), profileResponse, call);
      },
      /** Typo-tolerant search by email, name or phone. */
      search(text: string, call?: CallOptions & { pageSize?: number }): Promise<Page<Profile>> {
        return http.read(routes.profileSearch({ text, pageSize: call?.pageSize ?? 20 }), profileList, call);
      },
    },
    balances: {
      get(profileId: string, call?: CallOptions): Promise<Balances> {
        return http.read(routes.balances({ profileId }), balancesResponse, call);
      },
    },
    benefits: {
      /** The member's active benefits, every page of them (expired and used ones are left out). */
      async active(profileId: string, call?: CallOptions): Promise<Benefit[]> {
        const benefits: Benefit[] = [];
        for (let page = 1; page <= MAX_PAGES; page += 1) {
          const answer = await http.read(routes.activeBenefits({ profileId, page }), benefitList, call);
          benefits.push(...answer.items.filter((b) => b.active));
          if (!answer.page || answer.page.current >= answer.page.last || answer.items.length === 0) break;
        }
        return benefits;
      },
    },
    redemptions: {
      /** Redeems rewards. Sent once: on a lost answer, use `findBySaleId` before trying again. */
      redeemRewards(profileId: string, input: RedeemRewardsInput, call?: CallOptions): Promise<Redemption> {
        return http.write(routes.redeemRewards({ profileId, body: redeemRewardsBody(input) }), redemptionResponse, call);
      },
      redeemBenefit(profileId: string, benefitId: number, input: RedeemBenefitInput, call?: CallOptions): Promise<Redemption> {
        const spec = routes.redeemBenefit({ profileId, benefitId, ...input, count: input.count ?? 1 });
        return http.write(spec, redemptionResponse, call);
      },
      /** Reverses a redemption (payment failed). Omneo allows it for 10 minutes. */
      reverse(profileId: string, redemptionId: number, call?: CallOptions): Promise<Redemption> {
        return http.write(routes.reverse({ profileId, redemptionId }), redemptionResponse, call);
      },
      /** Refunds a redemption (a return), wholly or `amountCents` of it, as a new reward. */
      refund(profileId: string, redemptionId: number, amountCents?: number, call?: CallOptions): Promise<Redemption> {
        const spec = routes.refund({ profileId, redemptionId, amount: refundAmount(amountCents) });
        return http.write(spec, redemptionResponse, call);
      },
      /** Refunds a benefit redemption. */
      refundBenefit(profileId: string, redemptionId: number, count = 1, call?: CallOptions): Promise<Redemption> {
        return http.write(routes.refundBenefit({ profileId, redemptionId, count }), redemptionResponse, call);
      },
      /**
       * The redemptions made with this sale id (reversals and returns included), every page of
       * them: how a lost answer is found again. Items are checked here too, in case a tenant
       * ignores the filter.
       */
      async findBySaleId(profileId: string, saleId: string, call?: CallOptions): Promise<Redemption[]> {
        const found: Redemption[] = [];
        for (let page = 1; page <= MAX_PAGES; page += 1) {
          const answer = await http.read(routes.findRedemptions({ profileId, saleId, page }), redemptionList, call);
          found.push(...answer.items.filter((r) => r.saleId === saleId && r.profileId === profileId));
          if (!answer.page || answer.page.current >= answer.page.last || answer.items.length === 0) break;
        }
        return found;
      },
    },
    transactions: {
      /** Records a completed sale. Prefer `upsert`: it can be repeated safely. */
      create(input: TransactionInput, call?: CallOptions): Promise<Transaction> {
        return http.write(routes.createTransaction({ body: transactionBody(input) }), transactionResponse, call);
      },
      /** Records a completed sale, or updates the one with the same `externalId`. */
      upsert(input: TransactionInput, call?: CallOptions): Promise<Transaction> {
        return http.write(routes.upsertTransaction({ body: transactionBody(input) }), transactionResponse, call);
      },
    },
    staff: {
      create(input: StaffInput, call?: CallOptions): Promise<Staff> {
        return http.write(routes.staffCreate({ body: staffBody(input) }), staffResponse, call);
      },
      get(staffId: string, call?: CallOptions): Promise<Staff> {
        return http.read(routes.staffGet({ staffId }), staffResponse, call);
      },
      update(staffId: string, patch: Partial<StaffInput>, call?: CallOptions): Promise<Staff> {
        return http.write(routes.staffUpdate({ staffId, body: staffBody(patch) }), staffResponse, call);
      },
      delete(staffId: string, call?: CallOptions): Promise<void> {
        return http.writeNoContent(routes.staffDelete({ staffId }), call);
      },
    },
    locations: {
      async list(call?: CallOptions): Promise<Location[]> {
        return (await http.read(routes.locationsList({}), locationList, call)).items;
      },
      get(locationId: number, call?: CallOptions): Promise<Location> {
        return http.read(routes.locationGet({ locationId }), locationResponse, call);
      },
    },
  };
}

/** The client's type, for properties and contexts that hold one. */
export type OmneoClient = ReturnType<typeof createOmneoClient>;
