/**
 * `omneo-pos-kit`: the whole kit. Importing it defines the four elements under their default
 * tags (`<omneo-member-lookup>`, `<omneo-balance>`, `<omneo-benefit-picker>`,
 * `<omneo-redemption-panel>`) and re-exports the client, the rules and the elements' API.
 * For your own tag names, import the classes from `omneo-pos-kit/elements` instead.
 */
import './elements/member-lookup/define.js';
import './elements/balance/define.js';
import './elements/benefit-picker/define.js';
import './elements/redemption-panel/define.js';

export * from './client/index.js';
export * from './rules/index.js';
export * from './elements/index.js';
