/**
 * `omneo-pos-kit migrate --database-url postgres://...` (or `DATABASE_URL`): creates or brings
 * up to date the PostgreSQL customer store's schema (src/server/postgres-migrations.ts), once,
 * whatever number of runs at once. In this repository: `npm run migrate -- --database-url URL`.
 * Node only; needs `pg` installed.
 */
import process from 'node:process';
import { pathToFileURL } from 'node:url';

export async function runMigrateCommand(
  args: string[],
  io: { env: NodeJS.ProcessEnv; out(line: string): void; err(line: string): void },
): Promise<number> {
  let url = io.env['DATABASE_URL'];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--database-url' && args[i + 1] !== undefined) url = args[++i];
    else if (args[i] === '--help' || args[i] === '-h') {
      io.out(USAGE);
      return 0;
    } else {
      io.err(USAGE);
      return 2;
    }
  }
  const { default: pg } = await import('pg');
  const { DatabaseUrlError, SCHEMA_VERSION, checkDatabaseUrl, migratePostgres } = await import('../server/postgres-store.js');
  let pool: import('pg').Pool;
  try {
    pool = new pg.Pool({ connectionString: checkDatabaseUrl(url), max: 1, connectionTimeoutMillis: 10_000 });
  } catch (error) {
    if (!(error instanceof DatabaseUrlError)) throw error;
    io.err(`migrate: ${error.message}`);
    return 2;
  }
  pool.on('error', () => undefined);
  try {
    const applied = await migratePostgres(pool);
    io.out(applied.length ? `migrate: applied ${applied.join(', ')}; schema at version ${SCHEMA_VERSION}` : `migrate: schema already at version ${SCHEMA_VERSION}`);
    return 0;
  } catch (error) {
    io.err(`migrate: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await pool.end().catch(() => undefined);
  }
}

const USAGE = 'usage: omneo-pos-kit migrate [--database-url postgres://user:password@host:port/database]   (default: $DATABASE_URL)';

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runMigrateCommand(process.argv.slice(2), {
    env: process.env,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
}
