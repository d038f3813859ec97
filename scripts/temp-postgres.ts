/**
 * A throwaway PostgreSQL server for the store's tests and the load script, when no
 * `DATABASE_URL` is given: a fresh cluster (`initdb`) in a temp dir, started with `pg_ctl` on a
 * free local port, listening on 127.0.0.1 and on a socket in the same dir, trusted local auth,
 * stopped and removed by `stop()`. Needs Debian's `postgresql` package (the binaries under
 * /usr/lib/postgresql/<version>/bin, or on PATH). As root, the server runs as the `postgres`
 * user (PostgreSQL refuses to run as root), which then owns the temp dir.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  url: string;
  /** The URL of another database on the same server. */
  urlOf: (database: string) => string;
  stop: () => void;
}

/** The directory holding `initdb` and `pg_ctl`, or `null` when PostgreSQL is not installed. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (existsSync(join(root, v, 'bin', 'initdb'))) return join(root, v, 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const found = which.stdout.trim();
  return which.status === 0 && found ? found.replace(/\/initdb$/, '') : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a fresh cluster. `fsync: false` speeds tests that do not survive a machine crash up;
 * leave it on (the default) to measure what a real server does.
 */
export async function startTempPostgres(options: { fsync?: boolean } = {}): Promise<TempPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed: apt-get install -y postgresql, or set DATABASE_URL.');
  const dir = mkdtempSync(join(tmpdir(), 'omneo-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  // As root, every command runs as `postgres`, which must own the directory.
  const run = (command: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, command), ...args]] : [join(bin, command), args];
    return execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  };
  if (asRoot) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-instructions', '--no-sync', '-E', 'UTF8', '--locale=C']);
    const conf = [
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${dir}'`,
      `fsync = ${options.fsync === false ? 'off' : 'on'}`,
      'max_connections = 200',
      "log_min_messages = 'fatal'",
    ].join('\n');
    writeFileSync(join(data, 'postgresql.auto.conf'), `${conf}\n`);
    if (asRoot) {
      const { uid, gid } = postgresUser();
      chownSync(join(data, 'postgresql.auto.conf'), uid, gid);
    }
    run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '30', 'start']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start a temporary PostgreSQL: ${(error as { stderr?: string }).stderr ?? error}`);
  }
  let stopped = false;
  const urlOf = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    url: urlOf('postgres'),
    urlOf,
    stop: () => {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function postgresUser(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}
