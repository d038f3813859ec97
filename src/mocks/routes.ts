/**
 * The tenant's route table: each Omneo route (both the POS guide's form and the API
 * reference's) as a method, a pattern on the resource path, and what it does to the store.
 */
import { FieldErrors, asObject, notFound, readRequired, readText } from './errors.js';
import { createStaff, deleteStaff, filterIdentities, findIdentity, getStaff, searchProfiles, updateStaff } from './people.js';
import { redeemBalance, redeemBenefit, refundRedemption, reverseRedemption } from './redemptions.js';
import type { MockStore } from './store.js';
import type { MockRedemption } from './types.js';
import { createTransaction, upsertTransaction } from './transactions.js';
import type { FaultState } from './faults.js';
import { balancesWire, benefitWire, identityWire, locationWire, paginate, profileWire } from './wire.js';
import { listedRedemptionWire, successfulRedemptionWire, transactionWire } from './wire-sales.js';

/** A route's answer: a JSON body (status 200 unless said), or 204 with none. */
export interface RouteAnswer {
  status?: number;
  body?: unknown;
}

export interface RouteArgs {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  url: URL;
  /** The tenant's faults: the few that change what a route answers (lag, paging, totals). */
  faults: FaultState;
}

export interface MockRoute {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Matched against the resource path; named groups become params. */
  pattern: RegExp;
  handle(store: MockStore, args: RouteArgs): RouteAnswer;
}

const data = (body: unknown, status = 200): RouteAnswer => ({ status, body: { data: body } });

/** One page of `items` as Omneo's list envelope, unless the tenant ignores `page[number]`. */
function list<T>(items: T[], a: RouteArgs, toWire: (item: T) => Record<string, unknown>): RouteAnswer {
  const query = a.faults.pageNumberIgnored ? { ...a.query, 'page[number]': '1' } : a.query;
  return { status: 200, body: paginate(items, query, a.url, toWire) };
}

/** Three-decimal dollars, less than half a cent above the true amount (an exchange rate's). */
const odd = (dollars: unknown) => (typeof dollars === 'number' ? Math.round((dollars + 0.004) * 1000) / 1000 : dollars);

/** A write's answer: Omneo's SuccessfulRedemption, spoilt as the faults that are on say. */
function written(store: MockStore, a: RouteArgs, r: MockRedemption, status = 200): RouteAnswer {
  a.faults.noteWrite(r);
  const body = successfulRedemptionWire(store, r);
  if (a.faults.nullTotalsOn) Object.assign(body, { total: null, total_localised: null });
  if (a.faults.oddBalancesOn) {
    const b = body['balances'] as Record<string, unknown>;
    const l = b['localised'] as Record<string, unknown> | undefined;
    for (const k of ['point_balance_dollars', 'combined_balance_dollars']) {
      b[k] = odd(b[k]);
      if (l) l[k] = odd(l[k]);
    }
  }
  return data(body, status);
}

/** An integer id from the path; anything else is a 404, as Omneo's route binding does. */
function intParam(value: string | undefined, what: string): number {
  if (value === undefined || !/^\d+$/.test(value)) throw notFound(`${what} not found.`);
  return Number(value);
}

const pid = (a: RouteArgs) => a.params['pid'] ?? '';
const rid = (a: RouteArgs) => intParam(a.params['rid'], 'Redemption');

const P = '/profiles/(?<pid>[^/]+)';
const R = '(?<rid>[^/]+)';

export const OMNEO_ROUTES: MockRoute[] = [
  // Identity lookup: guide form, then the reference's two.
  {
    method: 'get',
    pattern: /^\/identities\/search$/,
    handle(store, { query }) {
      const errors = new FieldErrors();
      readRequired(query, 'handle', errors);
      readRequired(query, 'identifier', errors);
      errors.throwIfAny();
      const identity = findIdentity(store, query['handle'] ?? '', query['identifier'] ?? '');
      if (!identity) throw notFound('Identity not found.');
      return data(identityWire(identity));
    },
  },
  {
    method: 'get',
    pattern: /^\/identities$/,
    handle(store, a) {
      const withProfile = (a.query['include'] ?? '').split(',').includes('profile');
      return list(filterIdentities(store, a.query), a, (i) =>
        withProfile ? { ...identityWire(i), profile: profileWire(store, i.profileId) } : identityWire(i),
      );
    },
  },
  {
    method: 'post',
    pattern: /^\/profiles\/search-id$/,
    handle(store, { body }) {
      const o = asObject(body);
      const errors = new FieldErrors();
      readRequired(o, 'type', errors);
      readRequired(o, 'id', errors);
      const type = readText(o, 'type', errors);
      const id = readText(o, 'id', errors);
      errors.throwIfAny();
      const identity = findIdentity(store, type ?? '', id ?? '');
      if (!identity) throw notFound('Profile not found.');
      return data(profileWire(store, identity.profileId));
    },
  },

  // Profiles, balances, benefits.
  {
    method: 'get',
    pattern: /^\/profiles$/,
    handle: (store, a) => list(searchProfiles(store, a.query), a, (p) => profileWire(store, p.id)),
  },
  { method: 'get', pattern: new RegExp(`^${P}$`), handle: (store, a) => data(profileWire(store, pid(a))) },
  { method: 'get', pattern: new RegExp(`^${P}/balances$`), handle: (store, a) => data(balancesWire(store, pid(a))) },
  {
    method: 'get',
    pattern: new RegExp(`^${P}/benefits$`),
    handle(store, a) {
      store.profile(pid(a));
      // The guide's filter[status]=active: the resource shows no status, but the guide's tenant
      // answers only what is active (is_redeemable and not is_expired), so the mock does too.
      const status = a.query['filter[status]'];
      const benefits = store.benefitsOf(pid(a)).filter((b) => status === undefined || store.benefitStatus(b) === status);
      return list(benefits, a, (b) => benefitWire(store, b));
    },
  },
  {
    method: 'get',
    pattern: new RegExp(`^${P}/benefits/redeemable$`),
    handle(store, a) {
      store.profile(pid(a));
      const benefits = store.benefitsOf(pid(a)).filter((b) => store.benefitStatus(b) === 'active');
      return list(benefits, a, (b) => benefitWire(store, b));
    },
  },

  // Redemptions: guide form.
  { method: 'post', pattern: new RegExp(`^${P}/redemptions$`), handle: (store, a) => written(store, a, redeemBalance(store, pid(a), a.body), 201) },
  {
    method: 'post',
    pattern: new RegExp(`^${P}/benefits/(?<bid>[^/]+)/redemptions$`),
    handle: (store, a) =>
      written(store, a, redeemBenefit(store, pid(a), intParam(a.params['bid'], 'Benefit'), a.body, 'guide'), 201),
  },
  {
    method: 'post',
    pattern: new RegExp(`^${P}/benefits/(?<bid>[^/]+)/redeem$`),
    handle: (store, a) =>
      written(store, a, redeemBenefit(store, pid(a), intParam(a.params['bid'], 'Benefit'), a.body, 'reference'), 201),
  },
  {
    method: 'post',
    pattern: new RegExp(`^${P}/redemptions/${R}/reverse$`),
    handle: (store, a) => written(store, a, reverseRedemption(store, rid(a), a.body, pid(a))),
  },
  {
    method: 'post',
    pattern: new RegExp(`^${P}/redemptions/${R}/refund$`),
    handle: (store, a) => written(store, a, refundRedemption(store, rid(a), a.body, { profileId: pid(a) })),
  },

  // Redemptions: reference form.
  {
    method: 'get',
    pattern: /^\/redemptions$/,
    handle(store, a) {
      // The server filters on the sale id it keeps, though a listed redemption never echoes it.
      const profileId = a.query['filter[profile_id]'];
      const saleId = a.query['filter[transaction_external_id]'];
      const type = a.query['filter[type]'];
      const found = store.redemptions.filter(
        (r) =>
          a.faults.listed(r) &&
          (profileId === undefined || r.profileId === profileId) &&
          (saleId === undefined || r.transactionExternalId === saleId) &&
          (type === undefined || r.type === type),
      );
      return list(found, a, (r) => listedRedemptionWire(store, r));
    },
  },
  { method: 'get', pattern: new RegExp(`^/redemptions/${R}$`), handle: (store, a) => data(listedRedemptionWire(store, store.redemption(rid(a)))) },
  { method: 'post', pattern: new RegExp(`^/redemptions/${R}/reversal$`), handle: (store, a) => written(store, a, reverseRedemption(store, rid(a), a.body)) },
  { method: 'post', pattern: new RegExp(`^/redemptions/${R}/return$`), handle: (store, a) => written(store, a, refundRedemption(store, rid(a), a.body)) },
  {
    method: 'post',
    pattern: new RegExp(`^/redemptions/${R}/benefit/return$`),
    handle: (store, a) => written(store, a, refundRedemption(store, rid(a), a.body, { benefitOnly: true })),
  },

  // Transactions.
  { method: 'post', pattern: /^\/transactions$/, handle: (store, a) => data(transactionWire(store, createTransaction(store, a.body)), 201) },
  {
    method: 'post',
    pattern: /^\/transactions\/update-create$/,
    handle(store, a) {
      const { transaction, created } = upsertTransaction(store, a.body);
      return data(transactionWire(store, transaction), created ? 201 : 200);
    },
  },

  // Staff.
  { method: 'post', pattern: /^\/staff$/, handle: (store, a) => data(profileWire(store, createStaff(store, a.body).id), 201) },
  { method: 'get', pattern: /^\/staff\/(?<sid>[^/]+)$/, handle: (store, a) => data(profileWire(store, getStaff(store, a.params['sid'] ?? '').id)) },
  {
    method: 'put',
    pattern: /^\/staff\/(?<sid>[^/]+)$/,
    handle: (store, a) => data(profileWire(store, updateStaff(store, a.params['sid'] ?? '', a.body).id)),
  },
  {
    method: 'delete',
    pattern: /^\/staff\/(?<sid>[^/]+)$/,
    handle(store, a) {
      deleteStaff(store, a.params['sid'] ?? '');
      return { status: 204 };
    },
  },

  // Locations.
  { method: 'get', pattern: /^\/locations$/, handle: (store, a) => list(store.locations, a, locationWire) },
  {
    method: 'get',
    pattern: /^\/locations\/(?<lid>[^/]+)$/,
    handle(store, a) {
      const location = store.location(intParam(a.params['lid'], 'Location'));
      if (!location) throw notFound('Location not found.');
      return data(locationWire(location));
    },
  },
];
