/**
 * What every element's shadow root shares: the theme switch, box sizing, the focus ring,
 * 44px buttons, the visually-hidden utility, outside text (shared/outside-text.ts) and
 * reduced motion.
 */
import { css } from 'lit';
import { themeStyles, token } from './tokens.js';

export const baseStyles = [
  themeStyles,
  css`
    :host {
      display: block;
      box-sizing: border-box;
      font-family: ${token('font-family')};
      font-size: ${token('font-size')};
      color: ${token('color-text')};
    }
    :host([hidden]) {
      display: none;
    }
    *,
    *::before,
    *::after {
      box-sizing: inherit;
    }
    button {
      min-height: ${token('size-touch')};
      min-width: ${token('size-touch')};
      padding: 0 ${token('space-4')};
      border: 1px solid ${token('color-border')};
      border-radius: ${token('radius')};
      background: ${token('color-surface')};
      color: ${token('color-text')};
      font: inherit;
      cursor: pointer;
      transition: background-color ${token('motion-duration')} ease;
    }
    button:hover {
      background: ${token('color-surface-alt')};
    }
    :focus-visible {
      outline: 3px solid ${token('color-focus')};
      outline-offset: 2px;
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      margin: -1px;
      padding: 0;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
      border: 0;
    }
    /* Outside text: isolated (an atomic inline, so no bidi control escapes it), one line, clipped. */
    .outside {
      display: inline-block;
      max-width: 100%;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      vertical-align: bottom;
      unicode-bidi: isolate;
    }
    /* A box with outside text in it is as wide as its container lets it be, never as its text:
       size containment keeps the text's length out of every min- and max-content width. */
    .holds-outside {
      contain: inline-size;
    }
    @media (prefers-reduced-motion: reduce) {
      *,
      *::before,
      *::after {
        animation: none !important;
        transition: none !important;
      }
    }
  `,
];
