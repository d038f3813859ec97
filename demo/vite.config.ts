/**
 * The demo till's dev server (`npm start`). By default the page runs on the built-in mock
 * tenant through msw's service worker.
 */
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  publicDir: 'public',
  server: { host: '127.0.0.1', port: Number(process.env.PORT ?? 5173), strictPort: false },
});
