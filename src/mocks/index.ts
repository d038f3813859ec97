/**
 * `omneo-pos-kit/mocks`: an in-memory Omneo tenant with msw handlers over it, for tests,
 * stories, the demo and integrators' own tests. See DESIGN.md, "Mock tenant".
 */
export { createMockTenant, DEFAULT_MOCK_NOW } from './tenant.js';
export type { MockTenant, MockTenantOptions } from './tenant.js';
export { SEED } from './seed.js';
export { resourcePath } from './paths.js';
export { REVERSAL_WINDOW_MS, REFUND_REWARD_LIFETIME_MS } from './redemptions.js';
export { MALFORMED_BODY } from './faults.js';
export type { MockFaults } from './faults.js';
export type { MockClock, MockSnapshot } from './store.js';
export type {
  FaultMatch,
  MockBenefit,
  MockBenefitDefinition,
  MockIdentity,
  MockLocation,
  MockProfile,
  MockRedemption,
  MockRedemptionItem,
  MockRequestRecord,
  MockReward,
  MockTransaction,
} from './types.js';
