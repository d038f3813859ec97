/**
 * The elements' public API without registering any tag: the classes (for hosts that choose
 * their own tag names), the events, the session, the design tokens and the catalogue.
 * `./member-lookup/define.js` and `./balance/define.js` register the default tags.
 */
export { OmneoMemberLookup } from './member-lookup/member-lookup.js';
export { OmneoBalance } from './balance/balance.js';
export {
  OmneoEvent,
  OmneoMemberSelectEvent,
  OmneoMemberClearEvent,
  OmneoScanEvent,
  OmneoErrorEvent,
  OmneoBalanceLoadEvent,
} from './events.js';
export { OmneoSession, OmneoSessionChangeEvent, omneoSessionContext, provideOmneoSession } from './session.js';
export { defineElement } from './shared/define.js';
export { lightTokens, darkTokens, tokenProperties, omneoThemeStyles } from './styles/tokens.js';
export { supportedLanguages } from './i18n.js';

export type {
  OmneoMemberSelectDetail,
  OmneoScanDetail,
  OmneoErrorDetail,
  OmneoBalanceLoadDetail,
  OmneoOperation,
} from './events.js';
export type { OmneoSessionOptions, OmneoSessionChange } from './session.js';
export type { TokenName } from './styles/tokens.js';
export type { Messages } from './i18n.js';
