import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, render } from 'lit';
import '../src/elements/balance/define.js';
import '../src/elements/benefit-picker/define.js';
import '../src/elements/member-lookup/define.js';
import '../src/elements/redemption-panel/define.js';
import { provideOmneoSession } from '../src/elements/session.js';
import { darkTokens, lightTokens } from '../src/elements/styles/tokens.js';
import { memoryStore, RedemptionJournal, type Sale } from '../src/rules/index.js';
import { elementArgs, elementArgTypes, guideSale, memberId, mockOmneo, type ElementArgs } from './support/mock-omneo.js';

interface CheckoutArgs extends ElementArgs {
  sale: Sale;
}

/**
 * All four elements under one `provideOmneoSession`, as a till embeds them: the member chosen
 * in the lookup flows to the balance, the benefits and the panel; the panel redeems what the
 * picker chose; balances refresh after a redemption. The host wires nothing but the session
 * and the sale.
 */
const meta = {
  title: 'Checkout',
  args: { ...elementArgs, member: 'none', sale: guideSale() },
  argTypes: { ...elementArgTypes, sale: { control: 'object', description: 'The POS sale given to the panel.' } },
  render: (args) => {
    const { tenant, client } = mockOmneo(args);
    const till = document.createElement('div');
    const dark = args.theme === 'dark';
    // Two columns where there is room, one below the other where not.
    till.style.cssText = `display: flex; flex-wrap: wrap; gap: 16px; padding: 16px;
      background: ${dark ? darkTokens['color-surface'] : lightTokens['color-surface']};`;
    till.lang = args.lang;
    const session = provideOmneoSession(till, { client, currency: 'AUD', locale: args.lang });
    const theme = args.theme;
    render(
      html`<div style="flex: 1 1 320px; display: grid; gap: 16px; align-content: start;">
          <omneo-member-lookup theme=${theme}></omneo-member-lookup>
          <omneo-balance theme=${theme}></omneo-balance>
          <omneo-benefit-picker theme=${theme} multiple .now=${tenant.clock.now}></omneo-benefit-picker>
        </div>
        <omneo-redemption-panel style="flex: 1 1 320px;" theme=${theme} .sale=${args.sale} .now=${tenant.clock.now}
          .journal=${new RedemptionJournal(memoryStore())} staff-id="1993" location-id="2" timezone="Australia/Melbourne"></omneo-redemption-panel>`,
      till,
    );
    const id = memberId(args.member);
    // A member chosen before the story starts, as if scanned: every element follows the session.
    if (id) void client.profiles.get(id).then((profile) => session.setProfile(profile));
    return till;
  },
} satisfies Meta<CheckoutArgs>;

export default meta;
type Story = StoryObj<CheckoutArgs>;

/** The start of a sale: scan a card (try typing `2770001234567` and Enter) or search `Lee`. */
export const StartOfSale: Story = { parameters: { shows: 'Find member' } };

/** Ava chosen: her balance, her benefits to pick, and the panel ready to redeem against the sale. */
export const MemberChosen: Story = { args: { member: 'ava' }, parameters: { shows: 'Free coffee' } };

/** A member whose names, tier, tags and benefits are full of markup: every element shows it as text. */
export const HostileText: Story = { args: { member: 'hostile' }, parameters: { shows: '<img src=x onerror=alert(1)>' } };

/** The same till in the dark theme and in French. */
export const DarkFrench: Story = { args: { member: 'ava', theme: 'dark', lang: 'fr' }, parameters: { shows: 'Récompenses utilisables' } };
