import { css } from 'lit';
import { token } from '../styles/tokens.js';

export const benefitPickerStyles = css`
  :host {
    --_background: var(--omneo-picker-background, ${token('color-surface')});
    --_border: var(--omneo-picker-border-color, ${token('color-border')});
    --_selected: var(--omneo-picker-selected-background, ${token('color-surface-alt')});
    --_accent: var(--omneo-picker-accent-color, ${token('color-accent')});
    display: block;
    background: var(--_background);
    border-radius: ${token('radius')};
  }
  [part~='list'] {
    margin: 0;
    padding: 0;
    list-style: none;
    border: 1px solid var(--_border);
    border-radius: ${token('radius')};
    overflow: hidden;
  }
  /* A long list scrolls inside the picker, so 200 benefits stay one screen tall. */
  [part~='long'] {
    max-height: 22rem;
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  [part~='filter'] {
    box-sizing: border-box;
    width: 100%;
    min-height: ${token('size-touch')};
    margin: 0 0 ${token('space-2')};
    padding: 0 ${token('space-3')};
    border: 1px solid var(--_border);
    border-radius: ${token('radius')};
    background: ${token('color-surface')};
    color: inherit;
    font: inherit;
  }
  [part~='locked-note'] {
    margin: 0 0 ${token('space-2')};
    padding: ${token('space-2')} ${token('space-3')};
    border-radius: ${token('radius')};
    background: ${token('color-warning-surface')};
    color: ${token('color-warning')};
    font-size: ${token('font-size-small')};
  }
  [part~='locked'] [part~='option'] {
    cursor: not-allowed;
  }
  [part~='locked'] [part~='option']:not([part~='option-selected']) {
    color: ${token('color-text-muted')};
  }
  [part~='apply-badge'] {
    padding: 0 ${token('space-2')};
    border: 1px solid currentColor;
    border-radius: 999px;
    color: ${token('color-text')};
    font-weight: ${token('font-weight-bold')};
  }
  [part~='option'] {
    display: flex;
    align-items: flex-start;
    gap: ${token('space-3')};
    min-height: ${token('size-touch')};
    padding: ${token('space-2')} ${token('space-3')};
    border-bottom: 1px solid var(--_border);
    border-inline-start: 4px solid transparent;
    cursor: pointer;
  }
  [part~='option']:last-child {
    border-bottom: 0;
  }
  [part~='option']:focus-visible {
    outline-offset: -3px;
  }
  [part~='option-selected'] {
    background: var(--_selected);
    border-inline-start-color: var(--_accent);
  }
  [part~='option-unavailable'] {
    cursor: not-allowed;
    color: ${token('color-text-muted')};
  }
  [part~='check'] {
    flex: none;
    width: 1.25em;
    height: 1.25em;
    margin-top: 0.125em;
    border: 2px solid var(--_border);
    border-radius: 50%;
  }
  :host([multiple]) [part~='check'] {
    border-radius: 4px;
  }
  [part~='option-selected'] [part~='check'] {
    border-color: var(--_accent);
    background: radial-gradient(circle, var(--_accent) 45%, transparent 50%);
  }
  :host([multiple]) [part~='option-selected'] [part~='check'] {
    background: var(--_accent);
    box-shadow: inset 0 0 0 2px var(--_background);
  }
  [part~='body'] {
    flex: 1;
    display: grid;
    gap: 2px;
    min-width: 0;
  }
  [part~='name'] {
    font-weight: ${token('font-weight-bold')};
  }
  [part~='details'] {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-1')} ${token('space-3')};
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-small')};
    overflow-wrap: anywhere;
  }
  /* Two lines at most, then an ellipsis; the full text is the title. */
  [part~='description'] {
    flex-basis: 100%;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    overflow: hidden;
    unicode-bidi: isolate;
  }
  [part~='pos-code'] {
    display: flex;
    align-items: baseline;
    gap: 0.25em;
    min-width: 0;
    max-width: 100%;
  }
  [part~='pos-code'] > span {
    flex: none;
  }
  [part~='pos-code'] code {
    min-width: 0;
  }
  [part~='reason'] {
    color: ${token('color-warning')};
    font-weight: ${token('font-weight-bold')};
  }
  [part~='status'] {
    margin: ${token('space-2')} 0 0;
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-small')};
  }
  [part~='status'][part~='error'] {
    padding: ${token('space-2')} ${token('space-3')};
    border-radius: ${token('radius')};
    background: ${token('color-danger-surface')};
    color: ${token('color-danger')};
  }
  [part~='skeleton'] {
    display: grid;
    gap: ${token('space-2')};
  }
  [part~='skeleton'] span {
    display: block;
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
