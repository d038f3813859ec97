/**
 * The typed Omneo client: one small resource per area, one short method per route. Every
 * method takes an optional `{ signal }`, returns domain objects (money in integer cents) and
 * rejects only with {@link OmneoError}s.
 */
import { OmneoInputError, OmneoNotFoundError, OmneoUnexpectedResponseError } from './errors.js';
import { createRequester, DEFAULT_DEADLINE_MS, DEFAULT_RETRY, type CallOptions, type RequestSpec, type RetryPolicy } from './request.js';
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
import type * as z from 'zod/mini';
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
  /** `'reference'` (default: Omneo's API reference and SDK), `'guide'`, or a partial route table. */
  routes?: RoutesOption;
  /** How reads are retried. Writes are never retried. */
  retry?: Partial<RetryPolicy>;
  /** Gives up on any transport call after this long, whatever the transport does. Default 20 s. */
  deadlineMs?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids are checked at the client's edge, before any URL is built: a profile id taken from a
 * scan or a host's input is a UUID, a numeric id a positive integer, a staff id non-empty text
 * that is no dot segment (`..` would turn `DELETE /staff/..` into `DELETE /`).
 */
function profileIdOf(value: unknown): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw new OmneoInputError(`A profile id must be a UUID, got ${JSON.stringify(value)}.`);
  return value;
}
function intIdOf(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new OmneoInputError(`A ${what} id must be a positive integer, got ${String(value)}.`);
  }
  return value;
}
function staffIdOf(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '' || /^\.{1,2}$/.test(value.trim())) {
    throw new OmneoInputError(`A staff id must be non-empty text and not "." or "..", got ${JSON.stringify(value)}.`);
  }
  return value;
}
function saleIdOf(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new OmneoInputError('A sale id must be non-empty text.');
  return value;
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
  const http = createRequester(options.transport, { ...DEFAULT_RETRY, ...options.retry }, options.deadlineMs ?? DEFAULT_DEADLINE_MS);

  /**
   * Every page of a list, checked: a page that repeats one already read (a tenant or proxy that
   * ignores `page[number]`) ends the listing with an error instead of counting its items twice.
   */
  async function allPages<T extends { id: number }>(
    spec: (page: number) => RequestSpec,
    schema: z.ZodMiniType<Page<T>>,
    call: CallOptions | undefined,
  ): Promise<T[]> {
    const items: T[] = [];
    const seen = new Set<number>();
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      const request = spec(page);
      const answer = await http.read(request, schema, call);
      if (answer.items.some((item) => seen.has(item.id)) || (answer.page && answer.page.current !== page && page > 1)) {
        const label = `${request.method} ${request.path}`;
        throw new OmneoUnexpectedResponseError(`${label} answered page ${page} with items of an earlier page: it ignores page[number].`, [
          { path: ['meta', 'current_page'], message: `Expected page ${page}` },
        ], { request: label });
      }
      for (const item of answer.items) seen.add(item.id);
      items.push(...answer.items);
      if (!answer.page || answer.page.current >= answer.page.last || answer.items.length === 0) break;
    }
    return items;
  }

  /** A write's answer, with the kind of redemption the route makes (a write's answer has no `type`). */
  const made = (type: 'redeem' | 'reversal' | 'return') => (r: Redemption): Redemption => ({ ...r, type: r.type ?? type });

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
      async get(profileId: string, call?: CallOptions): Promise<Profile> {
        return http.read(routes.profileGet({ profileId: profileIdOf(profileId) }), profileResponse, call);
      },
      /** Typo-tolerant search by email, name or phone. */
      search(text: string, call?: CallOptions & { pageSize?: number }): Promise<Page<Profile>> {
        return http.read(routes.profileSearch({ text, pageSize: call?.pageSize ?? 20 }), profileList, call);
      },
    },
    balances: {
      async get(profileId: string, call?: CallOptions): Promise<Balances> {
        return http.read(routes.balances({ profileId: profileIdOf(profileId) }), balancesResponse, call);
      },
    },
    benefits: {
      /** The member's active benefits, every page of them (expired and used ones are left out). */
      async active(profileId: string, call?: CallOptions): Promise<Benefit[]> {
        const id = profileIdOf(profileId);
        const all = await allPages((page) => routes.activeBenefits({ profileId: id, page }), benefitList, call);
        return all.filter((b) => b.active);
      },
    },
    redemptions: {
      /** Redeems rewards. Sent once: on a lost answer, use `findBySaleId` before trying again. */
      async redeemRewards(profileId: string, input: RedeemRewardsInput, call?: CallOptions): Promise<Redemption> {
        const spec = routes.redeemRewards({ profileId: profileIdOf(profileId), body: redeemRewardsBody(input) });
        return made('redeem')(await http.write(spec, redemptionResponse, call));
      },
      async redeemBenefit(profileId: string, benefitId: number, input: RedeemBenefitInput, call?: CallOptions): Promise<Redemption> {
        const spec = routes.redeemBenefit({
          profileId: profileIdOf(profileId),
          benefitId: intIdOf(benefitId, 'benefit'),
          ...input,
          count: input.count ?? 1,
        });
        return made('redeem')(await http.write(spec, redemptionResponse, call));
      },
      /** Reverses a redemption (payment failed). Omneo allows it for 10 minutes. */
      async reverse(profileId: string, redemptionId: number, call?: CallOptions & { saleId?: string }): Promise<Redemption> {
        const spec = routes.reverse({ profileId: profileIdOf(profileId), redemptionId: intIdOf(redemptionId, 'redemption'), saleId: call?.saleId });
        return made('reversal')(await http.write(spec, redemptionResponse, call));
      },
      /**
       * Refunds a redemption (a return), wholly or `amountCents` of it, as a new reward. Give the
       * sale id so the return can be found again by it after a lost answer.
       */
      async refund(profileId: string, redemptionId: number, amountCents?: number, call?: CallOptions & { saleId?: string }): Promise<Redemption> {
        const spec = routes.refund({
          profileId: profileIdOf(profileId),
          redemptionId: intIdOf(redemptionId, 'redemption'),
          amount: refundAmount(amountCents),
          saleId: call?.saleId,
        });
        return made('return')(await http.write(spec, redemptionResponse, call));
      },
      /** Refunds a benefit redemption. */
      async refundBenefit(profileId: string, redemptionId: number, count = 1, call?: CallOptions & { saleId?: string }): Promise<Redemption> {
        const spec = routes.refundBenefit({ profileId: profileIdOf(profileId), redemptionId: intIdOf(redemptionId, 'redemption'), count, saleId: call?.saleId });
        return made('return')(await http.write(spec, redemptionResponse, call));
      },
      /**
       * The redemptions made with this sale id (reversals and returns included), every page of
       * them: how a lost answer is found again. The server's `filter[transaction_external_id]`
       * is trusted: a listed redemption does not echo the sale id (only `transaction.external_id`,
       * once a transaction is linked), so an item is left out only when it names another sale or
       * another member.
       */
      async findBySaleId(profileId: string, saleId: string, call?: CallOptions): Promise<Redemption[]> {
        const id = profileIdOf(profileId);
        const sale = saleIdOf(saleId);
        const all = await allPages((page) => routes.findRedemptions({ profileId: id, saleId: sale, page }), redemptionList, call);
        return all.filter((r) => (r.saleId === null || r.saleId === sale) && (r.profileId === null || r.profileId === id));
      },
    },
    transactions: {
      /** Records a completed sale. Prefer `upsert`: it can be repeated safely. */
      async create(input: TransactionInput, call?: CallOptions): Promise<Transaction> {
        return http.write(routes.createTransaction({ body: transactionBody(input) }), transactionResponse, call);
      },
      /** Records a completed sale, or updates the one with the same `externalId`. */
      async upsert(input: TransactionInput, call?: CallOptions): Promise<Transaction> {
        return http.write(routes.upsertTransaction({ body: transactionBody(input) }), transactionResponse, call);
      },
    },
    staff: {
      async create(input: StaffInput, call?: CallOptions): Promise<Staff> {
        return http.write(routes.staffCreate({ body: staffBody(input) }), staffResponse, call);
      },
      async get(staffId: string, call?: CallOptions): Promise<Staff> {
        return http.read(routes.staffGet({ staffId: staffIdOf(staffId) }), staffResponse, call);
      },
      async update(staffId: string, patch: Partial<StaffInput>, call?: CallOptions): Promise<Staff> {
        return http.write(routes.staffUpdate({ staffId: staffIdOf(staffId), body: staffBody(patch) }), staffResponse, call);
      },
      async delete(staffId: string, call?: CallOptions): Promise<void> {
        return http.writeNoContent(routes.staffDelete({ staffId: staffIdOf(staffId) }), call);
      },
    },
    locations: {
      async list(call?: CallOptions): Promise<Location[]> {
        return (await http.read(routes.locationsList({}), locationList, call)).items;
      },
      async get(locationId: number, call?: CallOptions): Promise<Location> {
        return http.read(routes.locationGet({ locationId: intIdOf(locationId, 'location') }), locationResponse, call);
      },
    },
  };
}

/** The client's type, for properties and contexts that hold one. */
export type OmneoClient = ReturnType<typeof createOmneoClient>;
