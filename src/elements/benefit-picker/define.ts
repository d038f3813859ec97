/** Registers `<omneo-benefit-picker>`. Import this module (or the package root) to use the tag. */
import { defineElement } from '../shared/define.js';
import { OmneoBenefitPicker } from './benefit-picker.js';

defineElement('omneo-benefit-picker', OmneoBenefitPicker);

export { OmneoBenefitPicker };

declare global {
  interface HTMLElementTagNameMap {
    'omneo-benefit-picker': OmneoBenefitPicker;
  }
}
