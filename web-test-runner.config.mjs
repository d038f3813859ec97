// Every browser test (test/**/*.test.ts, except the Node-only ones) in headless Chromium.
// The Chromium comes from the machine (CHROME_PATH or Debian's /usr/bin/chromium): no npm
// package can download a browser here. scripts/find-chromium.mjs finds or installs it.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { readFileSync } from 'node:fs';
import { findChromium } from './scripts/find-chromium.mjs';
import { reactAsEsm } from './test/react/react-esm-plugin.mjs';

const executablePath = findChromium();

export default {
  files: ['test/**/*.test.ts', '!test/node/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), reactAsEsm()],
  concurrency: 2,
  // msw's service worker, written by `msw init .wtr-public` (scripts/test.mjs runs it), must be
  // served from the root so it may control every test page.
  middleware: [
    function mockServiceWorker(context, next) {
      if (context.path !== '/mockServiceWorker.js') return next();
      context.type = 'application/javascript';
      context.body = readFileSync('.wtr-public/mockServiceWorker.js');
    },
  ],
  testFramework: { config: { timeout: 10000 } },
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
};
