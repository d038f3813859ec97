/**
 * `omneo-pos-kit sync --since <date> --base-url URL [--token-env OMNEO_TOKEN]
 *   [--store sqlite|postgres] [--db customers.db | --database-url URL]`: applies the profiles
 * Omneo updated since a date to the customer store, by the webhook receiver's rules (see
 * src/server/profile-sync.ts), for a receiver that was down longer than Omneo retries. In this
 * repository: `npm run sync -- …`. Node only. The token is read from the environment variable
 * named by `--token-env`, never from the command line.
 */
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { CustomerStore } from '../server/types.js';

const USAGE =
  'usage: omneo-pos-kit sync --since <YYYY-MM-DD[ HH:mm:ss]> --base-url URL [--token-env OMNEO_TOKEN] [--store sqlite|postgres] [--db customers.db | --database-url URL]';

export async function runSyncCommand(
  args: string[],
  io: { env: NodeJS.ProcessEnv; out(line: string): void; err(line: string): void; fetch?: typeof fetch },
): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        since: { type: 'string' },
        'base-url': { type: 'string' },
        'token-env': { type: 'string', default: 'OMNEO_TOKEN' },
        store: { type: 'string', default: 'sqlite' },
        db: { type: 'string' },
        'database-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    io.err(`sync: ${error instanceof Error ? error.message : String(error)}`);
    io.err(USAGE);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const { parseSince, syncProfilesSince } = await import('../server/profile-sync.js');
  const since = values.since === undefined ? null : parseSince(values.since);
  const baseUrl = values['base-url'] ?? io.env['OMNEO_BASE_URL'];
  const token = io.env[values['token-env']];
  const problems = [
    since === null && '--since must be a date (2026-11-30 or 2026-11-30 14:00:00, UTC)',
    !baseUrl && '--base-url (or OMNEO_BASE_URL) is required',
    !token && `the token variable ${values['token-env']} is not set`,
    values.store !== 'sqlite' && values.store !== 'postgres' && '--store must be sqlite or postgres',
  ].filter(Boolean);
  if (problems.length > 0 || since === null || !baseUrl || !token) {
    for (const problem of problems) io.err(`sync: ${problem}`);
    io.err(USAGE);
    return 2;
  }
  let store: CustomerStore;
  try {
    if (values.store === 'postgres') {
      const { openPostgresCustomerStore } = await import('../server/postgres-store.js');
      store = await openPostgresCustomerStore({ connectionString: values['database-url'] ?? io.env['DATABASE_URL'] });
    } else {
      const { sqliteCustomerStore } = await import('../server/sqlite-store.js');
      store = sqliteCustomerStore(values.db ?? io.env['CUSTOMER_DB'] ?? './customers.db');
    }
  } catch (error) {
    io.err(`sync: cannot open the ${values.store} customer store: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  try {
    const report = await syncProfilesSince({
      baseUrl,
      token,
      since,
      store,
      ...(io.fetch ? { fetch: io.fetch } : {}),
      onPage: (page, n) => io.out(`sync: page ${page}, ${n} profiles`),
    });
    const outcomes = Object.entries(report.outcomes).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
    io.out(`sync: ${report.seen} profiles in ${report.pages} pages since ${since.toISOString()}: ${outcomes}; older skipped ${report.older}; unreadable ${report.unreadable.length}`);
    for (const { profileId, reason } of report.unreadable) io.err(`sync: unreadable ${profileId ?? '-'} ${reason}`);
    return report.unreadable.length > 0 ? 1 : 0;
  } catch (error) {
    io.err(`sync: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runSyncCommand(process.argv.slice(2), {
    env: process.env,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
}
