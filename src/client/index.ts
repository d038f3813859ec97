/**
 * `omneo-pos-kit/client`: the typed Omneo client, its transport and its errors. No DOM.
 */
export { createOmneoClient } from './client.js';
export { fetchTransport, buildUrl } from './transport.js';
export { guideRoutes, referenceRoutes, resolveRoutes } from './routes.js';
export { DEFAULT_RETRY, parseRetryAfter } from './request.js';
export { amountToCents, dollarsToCents, centsToDollars } from './money.js';
export type { CentsRounding } from './money.js';
export { parseOmneoTimestamp } from './time.js';
export {
  OmneoError,
  OmneoNetworkError,
  OmneoTimeoutError,
  OmneoAbortError,
  OmneoUnauthorizedError,
  OmneoNotFoundError,
  OmneoValidationError,
  OmneoRateLimitError,
  OmneoServerError,
  OmneoHttpError,
  OmneoUnexpectedResponseError,
  OmneoInputError,
  isOutcomeUnknown,
} from './errors.js';

export type { OmneoClient, OmneoClientOptions } from './client.js';
export type {
  OmneoTransport,
  OmneoRequest,
  OmneoResponse,
  FetchTransportOptions,
  TokenRequest,
  HttpMethod,
} from './transport.js';
export type { RouteTable, RouteName, RouteParams, RoutesOption } from './routes.js';
export type { RetryPolicy, CallOptions } from './request.js';
export type { AnyOmneoError, OmneoErrorCode, ResponseIssue } from './errors.js';
export type {
  Balances,
  Benefit,
  BenefitKind,
  Identity,
  IdentityMatch,
  Location,
  Page,
  Profile,
  Redemption,
  Staff,
  Transaction,
} from './schemas.js';
export type {
  RedeemRewardsInput,
  RedeemBenefitInput,
  RedemptionStrategy,
  TransactionInput,
  TransactionItemInput,
  TransactionDiscountInput,
  StaffInput,
} from './wire.js';
