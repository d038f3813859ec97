/**
 * Every Omneo route the kit calls, in one table. The POS integration guide and the API
 * reference disagree on several paths; `'reference'` (the default) follows Omneo's API
 * reference and its own TypeScript SDK (whose integration tests run against live tenants),
 * `'guide'` the guide's forms (reverse, refund and benefit paths that no reference page or SDK
 * call has), and a partial table overrides single entries over the reference's.
 * Bodies here are already in Omneo's wire form (dollars, snake_case).
 */
import type { RequestSpec } from './request.js';

/** One path segment, encoded; a dot segment is encoded too, so no URL parser can collapse it. */
const seg = (value: string | number) => {
  const encoded = encodeURIComponent(String(value));
  return encoded === '.' || encoded === '..' ? encoded.replaceAll('.', '%2E') : encoded;
};

/** The parameters of each route. */
export interface RouteParams {
  identityLookup: { handle: string; identifier: string };
  profileGet: { profileId: string };
  profileSearch: { text: string; pageSize: number };
  balances: { profileId: string };
  activeBenefits: { profileId: string; page: number };
  redeemRewards: { profileId: string; body: Record<string, unknown> };
  redeemBenefit: { profileId: string; benefitId: number; issuedAt: string; timezone: string; count: number; saleId?: string | undefined };
  reverse: { profileId: string; redemptionId: number; saleId?: string | undefined };
  refund: { profileId: string; redemptionId: number; amount?: number | undefined; saleId?: string | undefined };
  refundBenefit: { profileId: string; redemptionId: number; count: number; saleId?: string | undefined };
  findRedemptions: { profileId: string; saleId: string; page: number };
  createTransaction: { body: Record<string, unknown> };
  upsertTransaction: { body: Record<string, unknown> };
  staffCreate: { body: Record<string, unknown> };
  staffGet: { staffId: string };
  staffUpdate: { staffId: string; body: Record<string, unknown> };
  staffDelete: { staffId: string };
  locationsList: Record<string, never>;
  locationGet: { locationId: number };
}

export type RouteTable = { [K in keyof RouteParams]: (params: RouteParams[K]) => RequestSpec };
export type RouteName = keyof RouteParams;

/** Routes both forms share. */
const common = {
  profileGet: ({ profileId }) => ({ method: 'GET', path: `/profiles/${seg(profileId)}` }),
  balances: ({ profileId }) => ({ method: 'GET', path: `/profiles/${seg(profileId)}/balances` }),
  redeemRewards: ({ profileId, body }) => ({ method: 'POST', path: `/profiles/${seg(profileId)}/redemptions`, body }),
  // Only the reference documents a way to find a redemption again; the guide has none.
  findRedemptions: ({ profileId, saleId, page }) => ({
    method: 'GET',
    path: '/redemptions',
    query: {
      'filter[profile_id]': profileId,
      'filter[transaction_external_id]': saleId,
      'page[size]': '100',
      'page[number]': String(page),
    },
  }),
  createTransaction: ({ body }) => ({ method: 'POST', path: '/transactions', body }),
  upsertTransaction: ({ body }) => ({ method: 'POST', path: '/transactions/update-create', body }),
  staffCreate: ({ body }) => ({ method: 'POST', path: '/staff', body }),
  staffGet: ({ staffId }) => ({ method: 'GET', path: `/staff/${seg(staffId)}` }),
  staffUpdate: ({ staffId, body }) => ({ method: 'PUT', path: `/staff/${seg(staffId)}`, body }),
  staffDelete: ({ staffId }) => ({ method: 'DELETE', path: `/staff/${seg(staffId)}` }),
  locationsList: () => ({ method: 'GET', path: '/locations' }),
  locationGet: ({ locationId }) => ({ method: 'GET', path: `/locations/${seg(locationId)}` }),
} satisfies Partial<RouteTable>;

/** The POS integration guide's form (selectable: `routes: 'guide'`). */
export const guideRoutes: RouteTable = {
  ...common,
  identityLookup: ({ handle, identifier }) => ({
    method: 'GET',
    path: '/identities/search',
    query: { handle, identifier },
  }),
  profileSearch: ({ text, pageSize }) => ({
    method: 'GET',
    path: '/profiles',
    query: { search: text, 'page[size]': String(pageSize) },
  }),
  activeBenefits: ({ profileId, page }) => ({
    method: 'GET',
    path: `/profiles/${seg(profileId)}/benefits`,
    query: { 'filter[status]': 'active', 'page[size]': '100', 'page[number]': String(page) },
  }),
  redeemBenefit: ({ profileId, benefitId, issuedAt, timezone, saleId }) => ({
    method: 'POST',
    path: `/profiles/${seg(profileId)}/benefits/${seg(benefitId)}/redemptions`,
    body: { issued_at: issuedAt, timezone, ...(saleId ? { transaction_external_id: saleId } : {}) },
  }),
  reverse: ({ profileId, redemptionId }) => ({
    method: 'POST',
    path: `/profiles/${seg(profileId)}/redemptions/${seg(redemptionId)}/reverse`,
  }),
  refund: ({ profileId, redemptionId, amount }) => ({
    method: 'POST',
    path: `/profiles/${seg(profileId)}/redemptions/${seg(redemptionId)}/refund`,
    body: amount === undefined ? {} : { amount },
  }),
  refundBenefit: ({ profileId, redemptionId }) => ({
    method: 'POST',
    path: `/profiles/${seg(profileId)}/redemptions/${seg(redemptionId)}/refund`,
    body: {},
  }),
};

/** The API reference's and Omneo SDK's form: the default. */
export const referenceRoutes: RouteTable = {
  ...common,
  identityLookup: ({ handle, identifier }) => ({
    method: 'GET',
    path: '/identities',
    query: { 'filter[handle]': handle, 'filter[identifier]': identifier, include: 'profile' },
  }),
  profileSearch: ({ text, pageSize }) => ({
    method: 'GET',
    path: '/profiles',
    query: { 'filter[search]': text, 'page[size]': String(pageSize) },
  }),
  activeBenefits: ({ profileId, page }) => ({
    method: 'GET',
    path: `/profiles/${seg(profileId)}/benefits/redeemable`,
    query: { 'page[size]': '100', 'page[number]': String(page) },
  }),
  redeemBenefit: ({ profileId, benefitId, count, saleId }) => ({
    method: 'POST',
    path: `/profiles/${seg(profileId)}/benefits/${seg(benefitId)}/redeem`,
    body: { count, ...(saleId ? { transaction_external_id: saleId } : {}) },
  }),
  reverse: ({ redemptionId }) => ({ method: 'POST', path: `/redemptions/${seg(redemptionId)}/reversal` }),
  // The return body takes the sale id, so a return is found again by the sale's filter.
  refund: ({ redemptionId, amount, saleId }) => ({
    method: 'POST',
    path: `/redemptions/${seg(redemptionId)}/return`,
    body: { ...(amount === undefined ? {} : { amount }), ...(saleId ? { transaction_external_id: saleId } : {}) },
  }),
  refundBenefit: ({ redemptionId, count }) => ({
    method: 'POST',
    path: `/redemptions/${seg(redemptionId)}/benefit/return`,
    body: { count },
  }),
};

/** `'reference'`, `'guide'`, or single entries that replace the reference's. */
export type RoutesOption = 'guide' | 'reference' | Partial<RouteTable>;

export function resolveRoutes(option: RoutesOption = 'reference'): RouteTable {
  if (option === 'guide') return guideRoutes;
  if (option === 'reference') return referenceRoutes;
  return { ...referenceRoutes, ...option };
}
