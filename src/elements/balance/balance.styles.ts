import { css } from 'lit';
import { token } from '../styles/tokens.js';

export const balanceStyles = css`
  :host {
    --_background: var(--omneo-balance-background, ${token('color-surface')});
    --_accent: var(--omneo-balance-accent-color, ${token('color-accent')});
    --_figure-size: var(--omneo-balance-figure-size, ${token('font-size-xlarge')});
    background: var(--_background);
    border-radius: ${token('radius')};
  }
  [part~='balances'] {
    display: grid;
    gap: ${token('space-2')};
  }
  [part~='figures'] {
    display: grid;
    gap: ${token('space-2')};
    margin: 0;
  }
  [part~='row'] {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: ${token('space-2')};
  }
  dt {
    color: ${token('color-text-muted')};
  }
  dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
  [part~='points-value'] {
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-small')};
  }
  /* The headline: what this till can redeem. The other figures are secondary, below a rule. */
  [part~='headline'] {
    padding-bottom: ${token('space-2')};
    border-bottom: 1px solid ${token('color-border')};
  }
  [part~='headline'] dt {
    color: inherit;
    font-weight: ${token('font-weight-bold')};
  }
  [part~='headline'] > dd {
    color: var(--_accent);
    font-size: var(--_figure-size);
    font-weight: ${token('font-weight-bold')};
  }
  [part~='row']:not([part~='headline']) {
    font-size: ${token('font-size-small')};
  }
  [part~='below-zero'],
  [part~='negative'] {
    color: ${token('color-warning')};
  }
  [part~='below-zero'] {
    font-size: ${token('font-size-small')};
    font-weight: normal;
  }
  /* Out of date: outlined, not faded, so the figures keep their contrast. */
  [part~='stale'] {
    outline: 2px dashed ${token('color-warning')};
    outline-offset: ${token('space-1')};
    border-radius: ${token('radius')};
  }
  [part~='status'] {
    margin: 0;
    font-size: ${token('font-size-small')};
    color: ${token('color-text-muted')};
  }
  [part~='status'][part~='error'] {
    padding: ${token('space-2')} ${token('space-3')};
    border-radius: ${token('radius')};
    background: ${token('color-danger-surface')};
    color: ${token('color-danger')};
  }
  [part~='status'][part~='stale-marker'] {
    padding: ${token('space-1')} ${token('space-2')};
    border-radius: ${token('radius')};
    background: ${token('color-warning-surface')};
    color: ${token('color-warning')};
  }
  [part~='skeleton'] {
    display: grid;
    gap: ${token('space-2')};
  }
  [part~='skeleton'] span {
    display: block;
    height: 1.25em;
    border-radius: ${token('radius')};
    background: ${token('color-skeleton')};
    animation: omneo-pulse 1.2s ease-in-out infinite;
  }
  [part~='skeleton'] span:last-child {
    height: var(--_figure-size);
  }
  @keyframes omneo-pulse {
    50% {
      opacity: 0.45;
    }
  }
  :host([variant='compact']) {
    --_figure-size: ${token('font-size-large')};
  }
  :host([variant='compact']) [part~='balances'],
  :host([variant='compact']) [part~='figures'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token('space-4')};
  }
  :host([variant='compact']) [part~='row'] {
    justify-content: flex-start;
  }
  :host([variant='compact']) [part~='headline'] {
    padding-bottom: 0;
    border-bottom: 0;
  }
  :host([variant='compact']) [part~='skeleton'] {
    display: flex;
    gap: ${token('space-4')};
  }
  :host([variant='compact']) [part~='skeleton'] span {
    width: 6em;
  }
`;
