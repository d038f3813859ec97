import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../src/elements/benefit-picker/define.js';
import type { OmneoBenefitPicker } from '../src/elements/benefit-picker/benefit-picker.js';
import { provideOmneoSession } from '../src/elements/session.js';
import { SEED } from '../src/mocks/index.js';
import { elementArgs, elementArgTypes, inShadow, memberId, mockOmneo, STAYS_LOADING_MS, typeInto, waitFor, type ElementArgs } from './support/mock-omneo.js';

interface PickerArgs extends ElementArgs {
  multiple: boolean;
  'show-unavailable': boolean;
  'filter-threshold': number;
  onOmneoBenefitSelect?: (event: Event) => void;
  onOmneoError?: (event: Event) => void;
}

/** A member's active benefits, to choose one (a listbox) or several (`multiple`, checkboxes). */
const meta = {
  title: 'Elements/Benefit picker',
  component: 'omneo-benefit-picker',
  args: { ...elementArgs, multiple: false, 'show-unavailable': false, 'filter-threshold': 8 },
  argTypes: { ...elementArgTypes, 'filter-threshold': { control: { type: 'number', min: 0, step: 1 } } },
  render: (args) => {
    const { tenant, client } = mockOmneo(args);
    // Expiries are measured on the tenant's clock, as the tenant set them.
    return html`<omneo-benefit-picker .client=${client} .now=${tenant.clock.now} theme=${args.theme} lang=${args.lang}
      profile-id=${ifDefined(memberId(args.member))} ?multiple=${args.multiple} ?show-unavailable=${args['show-unavailable']}
      filter-threshold=${args['filter-threshold']}
      @omneo-benefit-select=${args.onOmneoBenefitSelect} @omneo-error=${args.onOmneoError}></omneo-benefit-picker>`;
  },
} satisfies Meta<PickerArgs>;

export default meta;
type Story = StoryObj<PickerArgs>;

/** One benefit at a time: name, description, value, expiry and POS code. */
export const Default: Story = { parameters: { shows: 'Free coffee' } };

/** Several at a time: checkboxes. */
export const Multiple: Story = { args: { multiple: true }, parameters: { shows: 'COFFEE-5' } };

/** 200 benefits: the list scrolls inside the picker under a filter box; arrow keys, Home and End. */
export const ManyBenefits: Story = { args: { member: 'many', multiple: true }, parameters: { shows: '200 benefits' } };

/** The long list filtered: "voucher" leaves the 50 $5 vouchers; Arrow Down moves into them, Enter chooses. */
export const ManyBenefitsFiltered: Story = {
  args: { member: 'many', multiple: true },
  parameters: { shows: '50 of 200 benefits' },
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const filter = await waitFor(() => inShadow<HTMLInputElement>(canvasElement, 'omneo-benefit-picker', '[part~="filter"]'), 'the filter box');
    typeInto(filter, 'voucher');
  },
};

/** Benefits applied at the till (a percentage, an event, a gift) carry a badge; money off shows its value. */
export const ApplyAtTill: Story = { args: { member: 'odd', multiple: true }, parameters: { shows: 'Apply at the till' } };

/** A member with nothing to redeem. */
export const NoBenefits: Story = { args: { member: 'empty' }, parameters: { shows: 'No benefits to redeem.' } };

/** Names, descriptions and codes full of markup, right-to-left text and emoji, shown as text. */
export const HostileText: Story = { args: { member: 'hostile' }, parameters: { shows: '<img src=x onerror=alert("benefit")>' } };

/** The tenant is slow: placeholder rows. */
export const Loading: Story = { args: { latencyMs: STAYS_LOADING_MS }, parameters: { shows: 'Loading benefits…' } };

/** The tenant fails (503): a readable message and "Try again" (which then works). */
export const Failed: Story = { args: { failure: 'server' }, parameters: { shows: 'Try again' } };

/** Dark theme, in French. */
export const DarkFrench: Story = { args: { theme: 'dark', lang: 'fr' }, parameters: { shows: '2 avantages' } };

/**
 * A redemption is held (the session's lock, as the panel takes it): the chosen coffee cannot be
 * unchosen nor another benefit chosen, and the picker says why.
 */
export const LockedWhileHeld: Story = {
  args: { multiple: true },
  parameters: { shows: 'A redemption is in progress' },
  render: (args) => {
    const { tenant, client } = mockOmneo(args);
    return html`<div data-session-host lang=${args.lang}>
      <omneo-benefit-picker .client=${client} .now=${tenant.clock.now} theme=${args.theme} ?multiple=${args.multiple}></omneo-benefit-picker>
    </div>`;
  },
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const host = canvasElement.querySelector<HTMLElement>('[data-session-host]')!;
    const picker = host.querySelector<OmneoBenefitPicker>('omneo-benefit-picker')!;
    const session = provideOmneoSession(host, { client: picker.client! });
    session.setProfile(await picker.client!.profiles.get(SEED.ava.id));
    await waitFor(() => inShadow(host, 'omneo-benefit-picker', '[part~="option"]'), 'the benefits');
    picker.selected = [SEED.ava.benefits.coffee];
    session.hold(host);
  },
};
