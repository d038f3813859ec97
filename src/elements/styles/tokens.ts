/**
 * The kit's design tokens: the one place their names and values live.
 *
 * Elements never set a `--omneo-*` token for the light theme; they read each one as
 * `var(--omneo-color-surface, <light value>)` (see {@link token}), so a token set on any
 * ancestor (or `:root`) reaches every element through inheritance. The dark theme is the same
 * names with other values, switched on by `theme="dark"` on the element, `theme="auto"` (follows
 * `prefers-color-scheme`), or the `omneo-theme-dark` class on an ancestor when the page adopts
 * {@link omneoThemeStyles}.
 */
import { css, unsafeCSS, type CSSResult } from 'lit';

/** Light values: the defaults. */
export const lightTokens = {
  'color-surface': '#ffffff',
  'color-surface-alt': '#f3f4f6',
  'color-text': '#1f2328',
  'color-text-muted': '#59636e',
  'color-border': '#8c959f',
  'color-accent': '#0b57d0',
  'color-on-accent': '#ffffff',
  'color-focus': '#0b57d0',
  'color-danger': '#b3261e',
  'color-danger-surface': '#fdecea',
  'color-warning': '#7a4d00',
  'color-warning-surface': '#fff4e0',
  'color-skeleton': '#e3e6ea',
  'space-1': '4px',
  'space-2': '8px',
  'space-3': '12px',
  'space-4': '16px',
  'space-6': '24px',
  radius: '8px',
  'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  'font-size-small': '0.875rem',
  'font-size': '1rem',
  'font-size-large': '1.25rem',
  'font-size-xlarge': '1.75rem',
  'font-weight-bold': '600',
  'size-touch': '44px',
  'motion-duration': '150ms',
} as const;

/** The token names, without the `--omneo-` prefix. */
export type TokenName = keyof typeof lightTokens;

/** Dark values: colours only; space, radius and type are the same in both themes. */
export const darkTokens: Partial<Record<TokenName, string>> = {
  'color-surface': '#16181c',
  'color-surface-alt': '#22262c',
  'color-text': '#e8eaed',
  'color-text-muted': '#a8b0ba',
  'color-border': '#6e7781',
  'color-accent': '#8ab4f8',
  'color-on-accent': '#0b1a33',
  'color-focus': '#8ab4f8',
  'color-danger': '#f2b8b5',
  'color-danger-surface': '#3b1715',
  'color-warning': '#f5c26b',
  'color-warning-surface': '#33260b',
  'color-skeleton': '#2c3138',
};

/** Every token's full custom property name (`--omneo-color-surface`, ...). */
export const tokenProperties: readonly string[] = Object.keys(lightTokens).map((name) => `--omneo-${name}`);

/** `var(--omneo-<name>, <light value>)`, for use inside an element's `css` template. */
export function token(name: TokenName): CSSResult {
  return unsafeCSS(`var(--omneo-${name}, ${lightTokens[name]})`);
}

function declarations(values: Partial<Record<TokenName, string>>): CSSResult {
  return unsafeCSS(
    Object.entries(values)
      .map(([name, value]) => `--omneo-${name}: ${value};`)
      .join('\n'),
  );
}

/** Switches an element's tokens by its `theme` attribute. Every element includes this. */
export const themeStyles = css`
  :host([theme='dark']) {
    ${declarations(darkTokens)}
    color-scheme: dark;
  }
  :host([theme='light']) {
    ${declarations(lightTokens)}
    color-scheme: light;
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${declarations(darkTokens)}
      color-scheme: dark;
    }
  }
`;

/**
 * For the page, not the elements: `.omneo-theme-dark` / `.omneo-theme-light` on any ancestor
 * themes every kit element inside it. Adopt it once:
 * `document.adoptedStyleSheets = [...document.adoptedStyleSheets, omneoThemeStyles.styleSheet!]`.
 */
export const omneoThemeStyles = css`
  .omneo-theme-dark {
    ${declarations(darkTokens)}
  }
  .omneo-theme-light {
    ${declarations(lightTokens)}
  }
`;
