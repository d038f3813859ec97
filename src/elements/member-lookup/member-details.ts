/**
 * A member's name, tier and contact details, as one result in the list or the chosen member.
 * Every value is a text binding: nothing from Omneo is ever parsed as HTML. Each is isolated
 * and clipped to the row (shared/outside-text.ts), so a long or right-to-left name cannot
 * widen the list or reorder what is around it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Profile } from '../../client/index.js';
import type { Messages } from '../i18n.js';
import { outsideText } from '../shared/outside-text.js';
import { maskEmail, maskPhone } from './masking.js';

export function renderMemberDetails(profile: Profile, revealed: boolean, m: Messages): TemplateResult {
  const email = profile.email ? (revealed ? profile.email : maskEmail(profile.email)) : null;
  const phone = profile.mobilePhone ? (revealed ? profile.mobilePhone : maskPhone(profile.mobilePhone)) : null;
  const tier = profile.tier?.name ?? null;
  return html`<span part="name" class="holds-outside">${profile.fullName !== null ? outsideText(profile.fullName) : m.unnamed}</span>
    <span part="details" class="holds-outside">${tier !== null ? html`<span><span class="visually-hidden">${m.tier}: </span>${outsideText(tier)}</span>` : nothing}${email !== null
        ? html`<span><span class="visually-hidden">${m.email}: </span>${outsideText(email)}</span>`
        : nothing}${phone !== null ? html`<span><span class="visually-hidden">${m.phone}: </span>${outsideText(phone)}</span>` : nothing}</span>`;
}
