/**
 * The kit's command line: `omneo-pos-kit staff …` (see staff.ts), `omneo-pos-kit mock-server`
 * (see mock-server.ts), `omneo-pos-kit smoke …` (see smoke.ts), and for the webhook receiver's
 * customer store `omneo-pos-kit migrate …` (migrate.ts) and `omneo-pos-kit sync …` (sync.ts). Node only.
 */
import process from 'node:process';
import { runStaffCommand } from './staff.js';

const [, , topic, ...args] = process.argv;
if (topic === 'mock-server') {
  // Loaded only for this command: it needs msw, which the staff command does not.
  const { runMockServerCommand } = await import('./mock-server.js');
  const code = await runMockServerCommand(args, { out: (line) => console.log(line), err: (line) => console.error(line) });
  if (code !== undefined) process.exit(code);
} else if (topic === 'smoke') {
  const { runSmokeCommand } = await import('./smoke.js');
  process.exit(await runSmokeCommand(args, { env: process.env, out: (line) => console.log(line), err: (line) => console.error(line) }));
} else if (topic === 'migrate' || topic === 'sync') {
  const io = { env: process.env, out: (line: string) => console.log(line), err: (line: string) => console.error(line) };
  const code = topic === 'migrate'
    ? await (await import('./migrate.js')).runMigrateCommand(args, io)
    : await (await import('./sync.js')).runSyncCommand(args, io);
  process.exit(code);
} else if (topic !== 'staff') {
  console.error('usage: omneo-pos-kit staff <add|show|update|remove> [options]   (omneo-pos-kit staff --help)');
  console.error('       omneo-pos-kit mock-server [--port 4010] [--latency ms]');
  console.error('       omneo-pos-kit smoke --base-url URL --token-env NAME [--card N] [--write] [--out DIR]');
  console.error('       omneo-pos-kit migrate [--database-url URL]');
  console.error('       omneo-pos-kit sync --since DATE --base-url URL [--token-env NAME] [--store sqlite|postgres] [--db FILE | --database-url URL]');
  process.exit(2);
} else {
  const code = await runStaffCommand(args, {
    env: process.env,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    mockFetch: async () => (await import('../mocks/index.js')).createMockTenant().fetch,
  });
  process.exit(code);
}
