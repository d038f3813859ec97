'use client';
/**
 * `omneo-pos-kit/react/redemption-panel`: the React component for `<omneo-redemption-panel>` alone. Importing it
 * registers that one tag and brings no other element. See `omneo-pos-kit/react`.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { OmneoRedemptionPanel as OmneoRedemptionPanelElement } from '../elements/redemption-panel/define.js';
import type {
  OmneoErrorEvent,
  OmneoRedeemRequestEvent,
  OmneoRedemptionCreatedEvent,
  OmneoRedemptionRecoverEvent,
  OmneoRedemptionSettledEvent,
} from '../elements/events.js';

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
    onOmneoError: 'omneo-error' as EventName<OmneoErrorEvent>,
  },
});
