/**
 * The demo till's dev server (`npm start`).
 *
 * By default the page runs on the built-in mock tenant through msw's service worker. With
 * OMNEO_BASE_URL and OMNEO_TOKEN set, the page calls `/omneo/...` on this server, which
 * forwards to the real tenant and adds the token there: the token never reaches the page
 * (only VITE_-prefixed variables are exposed to it, and the mode below is all it learns).
 */
import { defineConfig, type ProxyOptions } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const baseUrl = process.env.OMNEO_BASE_URL;
const token = process.env.OMNEO_TOKEN;
const live = Boolean(baseUrl && token);

function omneoProxy(target: URL, bearer: string): Record<string, ProxyOptions> {
  const prefix = target.pathname.replace(/\/+$/, '');
  return {
    '/omneo/api/v3': {
      target: target.origin,
      changeOrigin: true,
      rewrite: (path) => path.replace(/^\/omneo\/api\/v3/, prefix),
      configure(proxy) {
        proxy.on('proxyReq', (request) => {
          request.setHeader('Authorization', `Bearer ${bearer}`);
          request.removeHeader('cookie');
        });
      },
    },
  };
}

export default defineConfig({
  root,
  publicDir: 'public',
  define: { 'import.meta.env.VITE_OMNEO_MODE': JSON.stringify(live ? 'live' : 'mock') },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.PORT ?? 5173),
    ...(live ? { proxy: omneoProxy(new URL(baseUrl!), token!) } : {}),
  },
});
