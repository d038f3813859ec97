/**
 * `omneo-pos-kit/react`: React components for the kit's elements, made with `@lit/react`.
 *
 * Importing this module registers the four default tags (as importing the package root does).
 * Each component passes its props to the element as properties (so `client`, `profile`,
 * `sale` and `benefits` are objects, not strings) and each `omneo-*` event to a typed
 * `onOmneo…` prop:
 *
 * ```tsx
 * <OmneoMemberLookup client={client} onOmneoMemberSelect={(e) => setProfile(e.detail.profile)} />
 * ```
 *
 * React is a peer dependency (optional): only this entry needs it.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { OmneoBalance as OmneoBalanceElement } from '../elements/balance/define.js';
import { OmneoBenefitPicker as OmneoBenefitPickerElement } from '../elements/benefit-picker/define.js';
import { OmneoMemberLookup as OmneoMemberLookupElement } from '../elements/member-lookup/define.js';
import { OmneoRedemptionPanel as OmneoRedemptionPanelElement } from '../elements/redemption-panel/define.js';
import type {
  OmneoBalanceLoadEvent,
  OmneoBenefitSelectEvent,
  OmneoErrorEvent,
  OmneoMemberClearEvent,
  OmneoMemberSelectEvent,
  OmneoRedeemRequestEvent,
  OmneoRedemptionCreatedEvent,
  OmneoRedemptionRecoverEvent,
  OmneoRedemptionSettledEvent,
  OmneoScanEvent,
} from '../elements/events.js';

const onOmneoError = 'omneo-error' as EventName<OmneoErrorEvent>;

/** `<omneo-member-lookup>`: finds the member by card scan, card number, email, name or phone. */
export const OmneoMemberLookup = createComponent({
  react: React,
  tagName: 'omneo-member-lookup',
  elementClass: OmneoMemberLookupElement,
  displayName: 'OmneoMemberLookup',
  events: {
    onOmneoMemberSelect: 'omneo-member-select' as EventName<OmneoMemberSelectEvent>,
    onOmneoMemberClear: 'omneo-member-clear' as EventName<OmneoMemberClearEvent>,
    onOmneoScan: 'omneo-scan' as EventName<OmneoScanEvent>,
    onOmneoError,
  },
});

/** `<omneo-balance>`: the member's rewards, points and combined balance. */
export const OmneoBalance = createComponent({
  react: React,
  tagName: 'omneo-balance',
  elementClass: OmneoBalanceElement,
  displayName: 'OmneoBalance',
  events: {
    onOmneoBalanceLoad: 'omneo-balance-load' as EventName<OmneoBalanceLoadEvent>,
    onOmneoError,
  },
});

/** `<omneo-benefit-picker>`: the member's active benefits, to choose what to redeem. */
export const OmneoBenefitPicker = createComponent({
  react: React,
  tagName: 'omneo-benefit-picker',
  elementClass: OmneoBenefitPickerElement,
  displayName: 'OmneoBenefitPicker',
  events: {
    onOmneoBenefitSelect: 'omneo-benefit-select' as EventName<OmneoBenefitSelectEvent>,
    onOmneoError,
  },
});

/** `<omneo-redemption-panel>`: redeems against the sale, and settles the redemption with it. */
export const OmneoRedemptionPanel = createComponent({
  react: React,
  tagName: 'omneo-redemption-panel',
  elementClass: OmneoRedemptionPanelElement,
  displayName: 'OmneoRedemptionPanel',
  events: {
    onOmneoRedeemRequest: 'omneo-redeem-request' as EventName<OmneoRedeemRequestEvent>,
    onOmneoRedemptionCreated: 'omneo-redemption-created' as EventName<OmneoRedemptionCreatedEvent>,
    onOmneoRedemptionSettled: 'omneo-redemption-settled' as EventName<OmneoRedemptionSettledEvent>,
    onOmneoRedemptionRecover: 'omneo-redemption-recover' as EventName<OmneoRedemptionRecoverEvent>,
    onOmneoError,
  },
});
