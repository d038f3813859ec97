/**
 * A member's name, tier and contact details, as one result in the list or the chosen member.
 * Every value is a text binding: nothing from Omneo is ever parsed as HTML.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Profile } from '../../client/index.js';
import type { Messages } from '../i18n.js';
import { maskEmail, maskPhone } from './masking.js';

export function renderMemberDetails(profile: Profile, revealed: boolean, m: Messages): TemplateResult {
  const email = profile.email ? (revealed ? profile.email : maskEmail(profile.email)) : null;
  const phone = profile.mobilePhone ? (revealed ? profile.mobilePhone : maskPhone(profile.mobilePhone)) : null;
  const tier = profile.tier?.name ?? null;
  return html`<span part="name">${profile.fullName ?? m.unnamed}</span>
    <span part="details">${tier !== null ? html`<span><span class="visually-hidden">${m.tier}: </span>${tier}</span>` : nothing}${email !== null
        ? html`<span><span class="visually-hidden">${m.email}: </span>${email}</span>`
        : nothing}${phone !== null ? html`<span><span class="visually-hidden">${m.phone}: </span>${phone}</span>` : nothing}</span>`;
}
