/**
 * What the demo till tells a newcomer: the seeded test cards (each with a button that scans
 * that card) and what to try. The cards are the mock tenant's
 * seed (src/mocks/seed.ts), so they always match what the tenant holds.
 */
import { SEED } from '../src/mocks/index.js';

/** One test card: whose it is and what it shows. */
export interface TestCard {
  card: string;
  name: string;
  shows: string;
}

export const TEST_CARDS: readonly TestCard[] = [
  { card: SEED.ava.card, name: 'Ava Nguyen', shows: '$25 rewards, 1,500 points, a gift and a voucher' },
  { card: SEED.noah.card, name: 'Noah Smith', shows: '$50 rewards, no benefits' },
  { card: SEED.empty.card, name: 'Zara Empty', shows: 'nothing to redeem' },
  { card: SEED.many.card, name: 'Bea Plenty', shows: '200 benefits: filter them' },
  { card: SEED.odd.card, name: 'A walk-in', shows: 'no name, points below zero, apply-at-till benefits' },
];

/**
 * Hands `card` to the lookup as a host's own scanner API would (`lookup.scan(code)`): looked up
 * at once, and refused while a redemption is held. A real wedge scanner needs no button: with
 * `scan-anywhere`, its burst typed anywhere on the page goes to the lookup. (Replaying a burst
 * with timers was flaky on a loaded machine: a gap past `scan-gap` broke it in two.)
 */
export function playScan(card: string): void {
  document.querySelector('omneo-member-lookup')?.scan(card);
}

/** Fills `list` with one row per test card: a scan button, the number and what it shows. */
export function renderTestCards(list: HTMLElement): void {
  list.replaceChildren(
    ...TEST_CARDS.map(({ card, name, shows }) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'scan-card';
      button.dataset.card = card;
      button.textContent = name;
      button.setAttribute('aria-label', `Scan ${name}’s card, ${card}`);
      const number = document.createElement('code');
      number.textContent = card;
      const note = document.createElement('span');
      note.className = 'muted';
      note.textContent = shows;
      item.append(button, number, note);
      return item;
    }),
  );
  list.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-card]');
    if (!button) return;
    playScan(button.dataset.card!);
  });
}
