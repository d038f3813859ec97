// `npm start`: the demo till on the built-in mock tenant. Writes msw's service worker into
// demo/public (no postinstall: npm 11 skips them), then runs Vite's dev server on the demo.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);
const init = spawnSync(bin('msw'), ['init', 'demo/public', '--no-save'], { stdio: 'inherit' });
if (init.status !== 0) process.exit(init.status ?? 1);
const server = spawnSync(bin('vite'), ['--config', 'demo/vite.config.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(server.status ?? 0);
