'use client';
/**
 * `omneo-pos-kit/react`: React components for the kit's elements, made with `@lit/react`.
 *
 * Importing this module registers the four default tags (as importing the package root does).
 * For one element alone, import its own entry instead (`omneo-pos-kit/react/balance`,
 * `/react/member-lookup`, `/react/benefit-picker`, `/react/redemption-panel`): it registers that
 * tag only and brings no other element. Each component passes its props to the element as
 * properties (so `client`, `profile`, `sale` and `benefits` are objects, not strings) and each
 * `omneo-*` event to a typed `onOmneo…` prop:
 *
 * ```tsx
 * <OmneoMemberLookup client={client} onOmneoMemberSelect={(e) => setProfile(e.detail.profile)} />
 * ```
 *
 * Every module here starts with `"use client"`: under React Server Components they render on
 * the client. React is a peer dependency (optional): only these entries need it.
 */
export { OmneoMemberLookup } from './member-lookup.js';
export { OmneoBalance } from './balance.js';
export { OmneoBenefitPicker } from './benefit-picker.js';
export { OmneoRedemptionPanel } from './redemption-panel.js';
