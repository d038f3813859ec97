/** Registers `<omneo-balance>`. Import this module (or the package root) to use the tag. */
import { defineElement } from '../shared/define.js';
import { OmneoBalance } from './balance.js';

defineElement('omneo-balance', OmneoBalance);

export { OmneoBalance };

declare global {
  interface HTMLElementTagNameMap {
    'omneo-balance': OmneoBalance;
  }
}
