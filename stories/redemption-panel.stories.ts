import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ref } from 'lit/directives/ref.js';
import '../src/elements/redemption-panel/define.js';
import type { OmneoRedemptionPanel } from '../src/elements/redemption-panel/redemption-panel.js';
import { memoryStore, RedemptionJournal, type Sale } from '../src/rules/index.js';
import {
  elementArgs,
  elementArgTypes,
  guideSale,
  inShadow,
  memberId,
  mockOmneo,
  STAYS_LOADING_MS,
  waitFor,
  type ElementArgs,
} from './support/mock-omneo.js';

interface PanelArgs extends ElementArgs {
  /** The POS sale; `null` for none. */
  sale: Sale | null;
  /** How many of the member's active benefits are chosen to redeem with the rewards. */
  benefitCount: number;
  onOmneoRedeemRequest?: (event: Event) => void;
  onOmneoRedemptionCreated?: (event: Event) => void;
  onOmneoRedemptionSettled?: (event: Event) => void;
  onOmneoRedemptionRecover?: (event: Event) => void;
  onOmneoError?: (event: Event) => void;
}

/**
 * Redeems a member's rewards (and chosen benefits) against the sale: the amount, how it is
 * spread over the sale's lines, then the held redemption with its reversal countdown. Each
 * story has its own in-memory journal, so nothing is left for recovery between stories.
 */
const meta = {
  title: 'Elements/Redemption panel',
  component: 'omneo-redemption-panel',
  args: { ...elementArgs, sale: guideSale(), benefitCount: 0 },
  argTypes: {
    ...elementArgTypes,
    sale: { control: 'object', description: 'The POS sale (`.sale`).' },
    benefitCount: {
      control: { type: 'number', min: 0, max: 6 },
      description: "How many of the member's benefits are chosen (`.benefits`).",
      table: { category: 'story' },
    },
  },
  render: (args) => {
    const { tenant, client } = mockOmneo(args);
    const profileId = memberId(args.member);
    // `.benefits` are the member's own, read from the tenant once the panel is on the page.
    const chooseBenefits = (el: Element | undefined) => {
      if (!el || !profileId || args.benefitCount <= 0) return;
      void client.benefits.active(profileId).then((all) => ((el as OmneoRedemptionPanel).benefits = all.slice(0, args.benefitCount)));
    };
    return html`<omneo-redemption-panel ${ref(chooseBenefits)} .client=${client} .now=${tenant.clock.now}
      .journal=${new RedemptionJournal(memoryStore())} .sale=${args.sale} theme=${args.theme} lang=${args.lang}
      profile-id=${ifDefined(profileId)} staff-id="1993" location-id="2" timezone="Australia/Melbourne"
      @omneo-redeem-request=${args.onOmneoRedeemRequest} @omneo-redemption-created=${args.onOmneoRedemptionCreated}
      @omneo-redemption-settled=${args.onOmneoRedemptionSettled} @omneo-redemption-recover=${args.onOmneoRedemptionRecover}
      @omneo-error=${args.onOmneoError}></omneo-redemption-panel>`;
  },
} satisfies Meta<PanelArgs>;

export default meta;
type Story = StoryObj<PanelArgs>;

/** The most that can be redeemed, and how it is spread over the sale (the gift card gets nothing). */
export const Default: Story = { parameters: { shows: 'Jacket' } };

/** Rewards and two benefits together. */
export const WithBenefits: Story = { args: { benefitCount: 2 }, parameters: { shows: 'Free coffee' } };

/** Confirmed: held in Omneo while the host takes payment, with the reversal countdown and Cancel. */
export const Held: Story = {
  parameters: { shows: 'Take payment' },
  play: async ({ canvasElement }) => {
    const confirm = await waitFor(() => {
      const button = inShadow<HTMLButtonElement>(canvasElement, 'omneo-redemption-panel', '[part~="confirm-button"]');
      return button && !button.disabled ? button : null;
    }, 'the confirm button');
    confirm.click();
    await waitFor(() => inShadow(canvasElement, 'omneo-redemption-panel', '[part~="cancel-button"]'), 'the held redemption');
  },
};

/** A basket of 30 lines: the table grows, the shares still add up to the amount. */
export const LongSale: Story = {
  args: {
    sale: {
      id: 'story-long-sale',
      currency: 'AUD',
      lines: Array.from({ length: 30 }, (_, i) => ({ id: `l${i + 1}`, name: `Item ${i + 1}`, quantity: 1, amountCents: 995 + i * 100 })),
    },
  },
  parameters: { shows: 'Item 30' },
};

/** In a narrow till column (280px): the table tightens its cells instead of overflowing. */
export const NarrowColumn: Story = {
  render: (args) => html`<div style="width: 280px">${meta.render(args)}</div>`,
  parameters: { shows: 'Jacket' },
};

/** A member with no rewards and no benefits: a calm state that says so, with nothing to press. */
export const NothingToRedeem: Story = { args: { member: 'empty' }, parameters: { shows: 'Nothing to redeem' } };

/**
 * One benefit of each kind (the seeded walk-in): only the $20 voucher takes money off, in its own
 * column; the discount, competition, event, bonus and nameless benefit are applied at the till
 * by their POS code.
 */
export const BenefitKinds: Story = { args: { member: 'odd', benefitCount: 6 }, parameters: { shows: 'Apply at the till' } };

/** Benefit names and descriptions full of markup, shown as text. */
export const HostileText: Story = { args: { member: 'hostile', benefitCount: 2 }, parameters: { shows: '<img src=x onerror=alert("benefit")>' } };

/** The tenant is slow: the balance is still loading. */
export const Loading: Story = { args: { latencyMs: STAYS_LOADING_MS }, parameters: { shows: 'Redeem' } };

/** Loading the balance fails (503): a readable message and "Try again" (which then works). */
export const Failed: Story = { args: { failure: 'server' }, parameters: { shows: 'Try again' } };

/** Dark theme, in French. */
export const DarkFrench: Story = { args: { theme: 'dark', lang: 'fr' }, parameters: { shows: 'Utiliser' } };
