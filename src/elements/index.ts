/**
 * The elements' public API without registering any tag: the classes (for hosts that choose
 * their own tag names), the events, the session, the design tokens and the message catalogue
 * (English built in; `omneo-pos-kit/locales/fr` registers French).
 * Each `./<element>/define.js` registers one default tag; the package root registers all four.
 */
export { OmneoMemberLookup } from './member-lookup/member-lookup.js';
export { OmneoBalance } from './balance/balance.js';
export { OmneoBenefitPicker } from './benefit-picker/benefit-picker.js';
export { OmneoRedemptionPanel } from './redemption-panel/redemption-panel.js';
export {
  OmneoEvent,
  OmneoMemberSelectEvent,
  OmneoMemberClearEvent,
  OmneoScanEvent,
  OmneoErrorEvent,
  OmneoBalanceLoadEvent,
  OmneoBenefitSelectEvent,
  OmneoRedeemRequestEvent,
  OmneoRedemptionCreatedEvent,
  OmneoRedemptionSettledEvent,
  OmneoRedemptionRecoverEvent,
} from './events.js';
export { OmneoSession, OmneoSessionChangeEvent, OmneoSessionLockedError, omneoSessionContext, provideOmneoSession } from './session.js';
export { defineElement } from './shared/define.js';
export { lightTokens, darkTokens, tokenProperties, omneoThemeStyles } from './styles/tokens.js';
export { registerMessages, registeredLanguages, messagesFor } from './i18n.js';

export type {
  OmneoMemberSelectDetail,
  OmneoScanDetail,
  OmneoErrorDetail,
  OmneoBalanceLoadDetail,
  OmneoOperation,
  OmneoBenefitSelectDetail,
  OmneoRedeemRequestDetail,
  OmneoRedemptionCreatedDetail,
  OmneoRedemptionSettledDetail,
  OmneoRedemptionRecoverDetail,
  OmneoPaymentDetails,
  SettledRedemption,
  AppliedBenefit,
  OmneoEventMap,
} from './events.js';
// The type of `OmneoErrorEvent.error`; its home is the client's errors.
export type { AnyOmneoError } from '../client/errors.js';
export type { OmneoSessionOptions, OmneoSessionChange, OmneoSessionLockReason } from './session.js';
export type { TokenName } from './styles/tokens.js';
export type { Messages } from './i18n.js';
