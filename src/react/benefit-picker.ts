'use client';
/**
 * `omneo-pos-kit/react/benefit-picker`: the React component for `<omneo-benefit-picker>` alone. Importing it
 * registers that one tag and brings no other element. See `omneo-pos-kit/react`.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { OmneoBenefitPicker as OmneoBenefitPickerElement } from '../elements/benefit-picker/define.js';
import type {
  OmneoBenefitSelectEvent,
  OmneoErrorEvent,
} from '../elements/events.js';

/** `<omneo-benefit-picker>`: the member's active benefits, to choose what to redeem. */
export const OmneoBenefitPicker = createComponent({
  react: React,
  tagName: 'omneo-benefit-picker',
  elementClass: OmneoBenefitPickerElement,
  displayName: 'OmneoBenefitPicker',
  events: {
    onOmneoBenefitSelect: 'omneo-benefit-select' as EventName<OmneoBenefitSelectEvent>,
    onOmneoError: 'omneo-error' as EventName<OmneoErrorEvent>,
  },
});
