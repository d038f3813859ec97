/** Vite settings for Storybook alone (the root vite.config.ts builds the library). */
import { defineConfig } from 'vite';

export default defineConfig({
  // Every Lit module the renderer and the kit import, pre-bundled together up front: found one
  // by one, they end up in two optimisation runs and the page loads two copies of Lit.
  optimizeDeps: {
    include: [
      'lit',
      'lit/decorators.js',
      'lit/directive-helpers.js',
      'lit/directives/if-defined.js',
      'lit/directives/live.js',
      'lit/directives/ref.js',
      'lit/directives/repeat.js',
      '@lit/context',
      '@lit/task',
      'zod/mini',
      'msw',
    ],
  },
  build: { target: 'es2022' },
});
