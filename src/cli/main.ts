/**
 * The kit's command line: `omneo-pos-kit staff …` (see staff.ts). Node only.
 */
import process from 'node:process';
import { runStaffCommand } from './staff.js';

const [, , topic, ...args] = process.argv;
if (topic !== 'staff') {
  console.error('usage: omneo-pos-kit staff <add|show|update|remove> [options]   (omneo-pos-kit staff --help)');
  process.exit(2);
}
const code = await runStaffCommand(args, {
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  mockFetch: async () => (await import('../mocks/index.js')).createMockTenant().fetch,
});
process.exit(code);
