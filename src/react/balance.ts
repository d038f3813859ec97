'use client';
/**
 * `omneo-pos-kit/react/balance`: the React component for `<omneo-balance>` alone. Importing it
 * registers that one tag and brings no other element. See `omneo-pos-kit/react`.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { OmneoBalance as OmneoBalanceElement } from '../elements/balance/define.js';
import type {
  OmneoBalanceLoadEvent,
  OmneoErrorEvent,
} from '../elements/events.js';

/** `<omneo-balance>`: the member's rewards, points and combined balance. */
export const OmneoBalance = createComponent({
  react: React,
  tagName: 'omneo-balance',
  elementClass: OmneoBalanceElement,
  displayName: 'OmneoBalance',
  events: {
    onOmneoBalanceLoad: 'omneo-balance-load' as EventName<OmneoBalanceLoadEvent>,
    onOmneoError: 'omneo-error' as EventName<OmneoErrorEvent>,
  },
});
