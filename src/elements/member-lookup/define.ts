/** Registers `<omneo-member-lookup>`. Import this module (or the package root) to use the tag. */
import { defineElement } from '../shared/define.js';
import { OmneoMemberLookup } from './member-lookup.js';

defineElement('omneo-member-lookup', OmneoMemberLookup);

export { OmneoMemberLookup };

declare global {
  interface HTMLElementTagNameMap {
    'omneo-member-lookup': OmneoMemberLookup;
  }
}
