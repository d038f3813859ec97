import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../src/elements/balance/define.js';
import { elementArgs, elementArgTypes, memberId, mockOmneo, STAYS_LOADING_MS, type ElementArgs } from './support/mock-omneo.js';

interface BalanceArgs extends ElementArgs {
  variant: 'full' | 'compact';
  'redeem-points': boolean;
  onOmneoBalanceLoad?: (event: Event) => void;
  onOmneoError?: (event: Event) => void;
}

/** What a member can redeem at this till as the headline; their points (and what they are worth) and combined balance below. */
const meta = {
  title: 'Elements/Balance',
  component: 'omneo-balance',
  args: { ...elementArgs, variant: 'full', 'redeem-points': false },
  argTypes: { ...elementArgTypes, variant: { control: 'inline-radio', options: ['full', 'compact'] } },
  render: (args) => {
    const { client } = mockOmneo(args);
    return html`<omneo-balance .client=${client} theme=${args.theme} lang=${args.lang} variant=${args.variant}
      ?redeem-points=${args['redeem-points']}
      profile-id=${ifDefined(memberId(args.member))}
      @omneo-balance-load=${args.onOmneoBalanceLoad} @omneo-error=${args.onOmneoError}></omneo-balance>`;
  },
} satisfies Meta<BalanceArgs>;

export default meta;
type Story = StoryObj<BalanceArgs>;

/** The headline: the rewards this till can redeem ($25.00); points and the combined $40.00 below, labelled as such. */
export const Default: Story = { parameters: { shows: 'Rewards to redeem' } };

/** A till that redeems points too (`redeem-points`, as the panel's strategy allows): the headline is rewards plus points. */
export const RedeemsPoints: Story = { args: { 'redeem-points': true }, parameters: { shows: 'Rewards and points to redeem' } };

/** Omneo allows balances below zero: the headline reads $0.00, negative points keep their sign. */
export const BelowZero: Story = { args: { member: 'odd' }, parameters: { shows: '-240 pts' } };

/** One line, for a till's header. */
export const Compact: Story = { args: { variant: 'compact' }, parameters: { shows: '$25.00' } };

/** A member with nothing to spend. */
export const NothingToSpend: Story = { args: { member: 'empty' }, parameters: { shows: '$0.00' } };

/** No member chosen yet. */
export const NoMember: Story = { args: { member: 'none' }, parameters: { shows: 'No member' } };

/** The tenant is slow: a skeleton, busy for assistive technology. */
export const Loading: Story = { args: { latencyMs: STAYS_LOADING_MS }, parameters: { shows: 'Loading balances…' } };

/** The tenant fails (503): a readable message and "Try again" (which then works). */
export const Failed: Story = { args: { failure: 'server' }, parameters: { shows: 'Try again' } };

/** Dark theme, in French. */
export const DarkFrench: Story = { args: { theme: 'dark', lang: 'fr' }, parameters: { shows: 'Récompenses utilisables' } };
