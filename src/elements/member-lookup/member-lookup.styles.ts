import { css } from 'lit';
import { token } from '../styles/tokens.js';

export const memberLookupStyles = css`
  :host {
    --_background: var(--omneo-lookup-background, ${token('color-surface')});
    --_border: var(--omneo-lookup-border-color, ${token('color-border')});
    --_active: var(--omneo-lookup-option-active-background, ${token('color-surface-alt')});
    --_accent: var(--omneo-lookup-accent-color, ${token('color-accent')});
    background: var(--_background);
    border-radius: ${token('radius')};
  }
  [part~='field'] {
    display: grid;
    gap: ${token('space-1')};
  }
  [part~='label'] {
    font-size: ${token('font-size-small')};
    font-weight: ${token('font-weight-bold')};
  }
  [part~='input'] {
    min-height: ${token('size-touch')};
    padding: 0 ${token('space-3')};
    border: 1px solid var(--_border);
    border-radius: ${token('radius')};
    background: ${token('color-surface')};
    color: ${token('color-text')};
    font: inherit;
  }
  [part~='status'] {
    min-height: 1.5em;
    margin: ${token('space-2')} 0;
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-small')};
  }
  [part~='status']:empty {
    margin: 0;
  }
  [part~='error'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token('space-2')};
    padding: ${token('space-2')} ${token('space-3')};
    border-radius: ${token('radius')};
    background: ${token('color-danger-surface')};
    color: ${token('color-danger')};
  }
  [part~='results'] {
    margin: 0;
    padding: 0;
    list-style: none;
    border: 1px solid var(--_border);
    border-radius: ${token('radius')};
    overflow: hidden;
  }
  [part~='option'] {
    display: grid;
    gap: 2px;
    min-height: ${token('size-touch')};
    padding: ${token('space-2')} ${token('space-3')};
    cursor: pointer;
  }
  [part~='option'] + [part~='option'] {
    border-top: 1px solid ${token('color-surface-alt')};
  }
  [part~='option']:hover,
  [part~='option-active'] {
    background: var(--_active);
  }
  [part~='option-active'] {
    box-shadow: inset 4px 0 0 var(--_accent);
  }
  [part~='name'] {
    font-weight: ${token('font-weight-bold')};
  }
  [part~='details'] {
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-small')};
  }
  [part~='details'] > span + span::before {
    content: ' · ';
  }
  [part~='member'] {
    display: grid;
    gap: ${token('space-1')};
    padding: ${token('space-3')};
    border: 1px solid var(--_border);
    border-radius: ${token('radius')};
  }
  [part~='member']:focus {
    outline: none;
  }
  [part~='member']:focus-visible {
    outline: 3px solid ${token('color-focus')};
  }
  [part~='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-2')};
    margin-top: ${token('space-2')};
  }
  [part~='change-button'][aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  [part~='locked-note'] {
    margin: ${token('space-2')} 0 0;
    color: ${token('color-text-muted')};
  }
  [part~='reveal-button'][aria-pressed='true'] {
    border-color: var(--_accent);
  }
`;
