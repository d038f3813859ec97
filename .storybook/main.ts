/**
 * Storybook for the kit's elements: `npm run storybook` (dev server) and `npm run
 * build-storybook` (static, into storybook-static/). Stories run on the mock tenant in-page,
 * so there is no service worker and nothing on the network.
 */
import type { StorybookConfig } from '@storybook/web-components-vite';
import { fileURLToPath } from 'node:url';

const config: StorybookConfig = {
  framework: '@storybook/web-components-vite',
  stories: ['../stories/**/*.stories.ts'],
  // Docs pages from custom-elements.json (attributes, properties, events, parts, CSS properties).
  addons: ['@storybook/addon-docs'],
  core: {
    disableTelemetry: true,
    // The root vite.config.ts is the library build (lib entries, externals): not for Storybook.
    builder: { name: '@storybook/builder-vite', options: { viteConfigPath: fileURLToPath(new URL('./vite.config.ts', import.meta.url)) } },
  },
  // The preview bundles the mock tenant (msw, zod) for the stories: large, and expected.
  // (Storybook takes only `build.target` from the Vite config file.)
  viteFinal: (config) => ({ ...config, build: { ...config.build, chunkSizeWarningLimit: 1500 } }),
};

export default config;
