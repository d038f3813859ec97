import { css } from 'lit';
import { token } from '../styles/tokens.js';

// The grids have one column that may be narrower than its content's min-content (the amount
// input's intrinsic width, say), so the panel fits a narrow till column.
export const redemptionPanelStyles = css`
  :host {
    --_background: var(--omneo-panel-background, ${token('color-surface')});
    --_border: var(--omneo-panel-border-color, ${token('color-border')});
    --_accent: var(--omneo-panel-accent-color, ${token('color-accent')});
    --_on-accent: var(--omneo-panel-on-accent-color, ${token('color-on-accent')});
    --_share: var(--omneo-panel-share-color, ${token('color-accent')});
    background: var(--_background);
    border-radius: ${token('radius')};
  }
  [part~='panel'],
  [part~='form'],
  [part~='held'] {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: ${token('space-3')};
  }
  [part~='heading'],
  [part~='recovery-heading'] {
    margin: 0;
    font-size: ${token('font-size-large')};
  }
  [part~='recovery-heading'] {
    font-size: ${token('font-size')};
  }
  [part~='field'] {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: ${token('space-1')};
  }
  [part~='label'] {
    font-size: ${token('font-size-small')};
    font-weight: ${token('font-weight-bold')};
  }
  [part~='amount-row'] {
    display: flex;
    gap: ${token('space-2')};
  }
  [part~='input'] {
    flex: 1;
    min-width: 0;
    min-height: ${token('size-touch')};
    padding: 0 ${token('space-3')};
    border: 1px solid var(--_border);
    border-radius: ${token('radius')};
    background: ${token('color-surface')};
    color: ${token('color-text')};
    font: inherit;
    font-size: ${token('font-size-large')};
    font-variant-numeric: tabular-nums;
  }
  [part~='input'][aria-invalid='true'] {
    border-color: ${token('color-danger')};
  }
  [part~='hint'],
  [part~='balance-after'],
  [part~='countdown'] {
    margin: 0;
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-small')};
  }
  [part~='amount-error'],
  [part~='status'][part~='error'] {
    margin: 0;
    padding: ${token('space-2')} ${token('space-3')};
    border-radius: ${token('radius')};
    background: ${token('color-danger-surface')};
    color: ${token('color-danger')};
  }
  [part~='benefits'],
  [part~='recovery-list'] {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: ${token('space-1')};
  }
  [part~='benefit'] {
    display: flex;
    justify-content: space-between;
    gap: ${token('space-2')};
  }
  [part~='benefit'] > span {
    flex: none;
  }
  /* Applied at the till: the name and label on one line, the code and instructions below. */
  [part~='benefit'][part~='apply'] {
    flex-wrap: wrap;
  }
  [part~='apply-label'] {
    font-weight: ${token('font-weight-bold')};
  }
  [part~='benefit'] > [part~='pos-code'],
  [part~='benefit'] > [part~='store-instructions'] {
    flex: 1 0 100%;
    min-width: 0;
    font-size: ${token('font-size-small')};
  }
  [part~='member'],
  [part~='nothing'] {
    margin: 0 0 ${token('space-2')};
  }
  [part~='status']:focus {
    outline: none;
  }
  [part~='status']:focus-visible {
    outline: 3px solid ${token('color-focus')};
  }
  [part~='confirm-button'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
    font-weight: ${token('font-weight-bold')};
  }
  [part~='confirm-button']:hover {
    background: var(--_accent);
    filter: brightness(1.1);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  [part~='status'] {
    margin: 0;
    min-height: 1.5em;
  }
  [part~='status'][part~='warning'] {
    padding: ${token('space-2')} ${token('space-3')};
    border-radius: ${token('radius')};
    background: ${token('color-warning-surface')};
    color: ${token('color-warning')};
  }
  [part~='skeleton'] {
    height: ${token('size-touch')};
    border-radius: ${token('radius')};
    background: ${token('color-skeleton')};
    animation: omneo-pulse 1.2s ease-in-out infinite;
  }
  @keyframes omneo-pulse {
    50% {
      opacity: 0.45;
    }
  }
`;
