/** Registers `<omneo-redemption-panel>`. Import this module (or the package root) to use the tag. */
import { defineElement } from '../shared/define.js';
import { OmneoRedemptionPanel } from './redemption-panel.js';

defineElement('omneo-redemption-panel', OmneoRedemptionPanel);

export { OmneoRedemptionPanel };

declare global {
  interface HTMLElementTagNameMap {
    'omneo-redemption-panel': OmneoRedemptionPanel;
  }
}
