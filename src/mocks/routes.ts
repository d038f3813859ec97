/**
 * The tenant's route table: each Omneo route (both the POS guide's form and the API
 * reference's) as a method, a pattern on the resource path, and what it does to the store.
 */
import { FieldErrors, asObject, notFound, readRequired, readText } from './errors.js';
import { createStaff, deleteStaff, filterIdentities, findIdentity, getStaff, searchProfiles, updateStaff } from './people.js';
import { redeemBalance, redeemBenefit, refundRedemption, reverseRedemption } from './redemptions.js';
import type { MockStore } from './store.js';
import { createTransaction, upsertTransaction } from './transactions.js';
import {
  balancesWire,
  benefitWire,
  identityWire,
  locationWire,
  paginate,
  profileWire,
  redemptionWire,
  transactionWire,
} from './wire.js';

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
}

export interface MockRoute {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Matched against the resource path; named groups become params. */
  pattern: RegExp;
  handle(store: MockStore, args: RouteArgs): RouteAnswer;
}

const data = (body: unknown, status = 200): RouteAnswer => ({ status, body: { data: body } });
const list = (body: unknown): RouteAnswer => ({ status: 200, body });

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
    handle(store, { query, url }) {
      const withProfile = (query['include'] ?? '').split(',').includes('profile');
      return list(
        paginate(filterIdentities(store, query), query, url, (i) =>
          withProfile ? { ...identityWire(i), profile: profileWire(store, i.profileId) } : identityWire(i),
        ),
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
    handle: (store, { query, url }) => list(paginate(searchProfiles(store, query), query, url, (p) => profileWire(store, p.id))),
  },
  { method: 'get', pattern: new RegExp(`^${P}$`), handle: (store, a) => data(profileWire(store, pid(a))) },
  { method: 'get', pattern: new RegExp(`^${P}/balances$`), handle: (store, a) => data(balancesWire(store, pid(a))) },
  {
    method: 'get',
    pattern: new RegExp(`^${P}/benefits$`),
    handle(store, a) {
      store.profile(pid(a));
      const status = a.query['filter[status]'];
      const benefits = store.benefitsOf(pid(a)).filter((b) => status === undefined || store.benefitStatus(b) === status);
      return list(paginate(benefits, a.query, a.url, (b) => benefitWire(store, b)));
    },
  },
  {
    method: 'get',
    pattern: new RegExp(`^${P}/benefits/redeemable$`),
    handle(store, a) {
      store.profile(pid(a));
      const benefits = store.benefitsOf(pid(a)).filter((b) => store.benefitStatus(b) === 'active');
      return list(paginate(benefits, a.query, a.url, (b) => benefitWire(store, b)));
    },
  },

  // Redemptions: guide form.
  { method: 'post', pattern: new RegExp(`^${P}/redemptions$`), handle: (store, a) => data(redemptionWire(redeemBalance(store, pid(a), a.body)), 201) },
  {
    method: 'post',
    pattern: new RegExp(`^${P}/benefits/(?<bid>[^/]+)/redemptions$`),
    handle: (store, a) =>
      data(redemptionWire(redeemBenefit(store, pid(a), intParam(a.params['bid'], 'Benefit'), a.body, 'guide')), 201),
  },
  {
    method: 'post',
    pattern: new RegExp(`^${P}/benefits/(?<bid>[^/]+)/redeem$`),
    handle: (store, a) =>
      data(redemptionWire(redeemBenefit(store, pid(a), intParam(a.params['bid'], 'Benefit'), a.body, 'reference')), 201),
  },
  {
    method: 'post',
    pattern: new RegExp(`^${P}/redemptions/${R}/reverse$`),
    handle: (store, a) => data(redemptionWire(reverseRedemption(store, rid(a), pid(a)))),
  },
  {
    method: 'post',
    pattern: new RegExp(`^${P}/redemptions/${R}/refund$`),
    handle: (store, a) => data(redemptionWire(refundRedemption(store, rid(a), a.body, { profileId: pid(a) }))),
  },

  // Redemptions: reference form.
  {
    method: 'get',
    pattern: /^\/redemptions$/,
    handle(store, { query, url }) {
      const profileId = query['filter[profile_id]'];
      const saleId = query['filter[transaction_external_id]'];
      const type = query['filter[type]'];
      const found = store.redemptions.filter(
        (r) =>
          (profileId === undefined || r.profileId === profileId) &&
          (saleId === undefined || r.transactionExternalId === saleId) &&
          (type === undefined || r.type === type),
      );
      return list(paginate(found, query, url, redemptionWire));
    },
  },
  { method: 'get', pattern: new RegExp(`^/redemptions/${R}$`), handle: (store, a) => data(redemptionWire(store.redemption(rid(a)))) },
  { method: 'post', pattern: new RegExp(`^/redemptions/${R}/reversal$`), handle: (store, a) => data(redemptionWire(reverseRedemption(store, rid(a)))) },
  { method: 'post', pattern: new RegExp(`^/redemptions/${R}/return$`), handle: (store, a) => data(redemptionWire(refundRedemption(store, rid(a), a.body))) },
  {
    method: 'post',
    pattern: new RegExp(`^/redemptions/${R}/benefit/return$`),
    handle: (store, a) => data(redemptionWire(refundRedemption(store, rid(a), a.body, { benefitOnly: true }))),
  },

  // Transactions.
  { method: 'post', pattern: /^\/transactions$/, handle: (store, a) => data(transactionWire(createTransaction(store, a.body)), 201) },
  {
    method: 'post',
    pattern: /^\/transactions\/update-create$/,
    handle(store, a) {
      const { transaction, created } = upsertTransaction(store, a.body);
      return data(transactionWire(transaction), created ? 201 : 200);
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
  { method: 'get', pattern: /^\/locations$/, handle: (store, { query, url }) => list(paginate(store.locations, query, url, locationWire)) },
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
