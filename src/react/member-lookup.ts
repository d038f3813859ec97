'use client';
/**
 * `omneo-pos-kit/react/member-lookup`: the React component for `<omneo-member-lookup>` alone. Importing it
 * registers that one tag and brings no other element. See `omneo-pos-kit/react`.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { OmneoMemberLookup as OmneoMemberLookupElement } from '../elements/member-lookup/define.js';
import type {
  OmneoErrorEvent,
  OmneoMemberClearEvent,
  OmneoMemberSelectEvent,
  OmneoScanEvent,
} from '../elements/events.js';

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
    onOmneoError: 'omneo-error' as EventName<OmneoErrorEvent>,
  },
});
