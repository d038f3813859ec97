import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../src/elements/member-lookup/define.js';
import { elementArgs, elementArgTypes, inShadow, memberId, mockOmneo, STAYS_LOADING_MS, typeInto, waitFor, type ElementArgs } from './support/mock-omneo.js';

interface LookupArgs extends ElementArgs {
  /** Typed into the field once the story is shown (by its `play` function). */
  search: string;
  debounce: number;
  onOmneoMemberSelect?: (event: Event) => void;
  onOmneoMemberClear?: (event: Event) => void;
  onOmneoScan?: (event: Event) => void;
  onOmneoError?: (event: Event) => void;
}

/**
 * One field for a card scan, an email, a name or a phone number. Try typing `Lee`, `ava`, or
 * scanning (typing fast) `2770001234567` and Enter.
 */
const meta = {
  title: 'Elements/Member lookup',
  component: 'omneo-member-lookup',
  args: { ...elementArgs, member: 'none', search: '', debounce: 250 },
  argTypes: {
    ...elementArgTypes,
    search: { control: 'text', description: 'Typed into the field when the story starts.', table: { category: 'story' } },
  },
  render: (args) => {
    const { client } = mockOmneo(args);
    return html`<omneo-member-lookup .client=${client} theme=${args.theme} lang=${args.lang}
      profile-id=${ifDefined(memberId(args.member))} debounce=${args.debounce}
      @omneo-member-select=${args.onOmneoMemberSelect} @omneo-member-clear=${args.onOmneoMemberClear}
      @omneo-scan=${args.onOmneoScan} @omneo-error=${args.onOmneoError}></omneo-member-lookup>`;
  },
  play: async ({ canvasElement, args }) => {
    if (!args.search) return;
    const field = await waitFor(() => inShadow<HTMLInputElement>(canvasElement, 'omneo-member-lookup', 'input'), 'the field');
    typeInto(field, args.search);
    // Settled once the live region speaks: searching, found, or nothing found.
    await waitFor(() => inShadow(canvasElement, 'omneo-member-lookup', '[part~="status"]')?.textContent?.trim(), 'the search to start');
  },
} satisfies Meta<LookupArgs>;

export default meta;
type Story = StoryObj<LookupArgs>;

/** At rest: the field, waiting for a scan or a search. */
export const Default: Story = { parameters: { shows: 'Find member' } };

/** A search with several results: a listbox, arrow keys to move, Enter to choose. */
export const SearchResults: Story = { args: { search: 'Lee' }, parameters: { shows: '2 members found' } };

/** A search that matches every seeded member: a long listbox. */
export const ManyResults: Story = { args: { search: 'example' }, parameters: { shows: '9 members found' } };

/** A search that finds nobody. */
export const NoMatch: Story = { args: { search: 'Nobody at all' }, parameters: { shows: 'No member found' } };

/** A member already chosen (`profile-id`): their details, masked, with "Change member". */
export const Chosen: Story = { args: { member: 'ava' }, parameters: { shows: 'Ava Nguyen' } };

/** Names, tier and tags full of markup and mixed scripts are shown as text, never as HTML. */
export const HostileText: Story = { args: { member: 'hostile' }, parameters: { shows: '<img src=x onerror=alert(1)>' } };

/** The tenant is slow: the search stays pending. */
export const Loading: Story = { args: { search: 'Lee', latencyMs: STAYS_LOADING_MS }, parameters: { shows: 'Searching…' } };

/** The tenant fails (503): a readable message and "Try again" (which then works). */
export const Failed: Story = { args: { member: 'ava', failure: 'server' }, parameters: { shows: 'Try again' } };

/** Dark theme, in French. */
export const DarkFrench: Story = { args: { theme: 'dark', lang: 'fr', search: 'Lee' }, parameters: { shows: '2 membres trouvés' } };
