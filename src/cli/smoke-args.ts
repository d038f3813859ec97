/**
 * The smoke command's arguments, checked before anything is sent: a bad one ends with exit
 * code 2 and no request.
 */

export const SMOKE_USAGE = `usage: omneo-pos-kit smoke --base-url URL --token-env NAME [--card N] [--write] [--out DIR]
  --base-url URL    the tenant's API root, e.g. https://api.acme.getomneo.com/api/v3
  --token-env NAME  the environment variable that holds the bearer token (never the token itself)
  --card N          a member's card: the identity lookup, then their profile, balances, benefits, redemptions
  --handle H        the identity handle the card is looked up under (default loyalty-card)
  --profile UUID    a profile to check when no --card is given
  --routes FORM     reference (default: Omneo's API reference and SDK) or guide (the POS guide's forms)
  --write           also redeem 0.01 with a fresh sale id, find it again by that sale id, and reverse it
  --out DIR         where the masked bodies go (default ./omneo-smoke-<date>-<time>/)
exit code: 0 every route parsed, 1 one did not, 2 bad arguments`;

export interface SmokeOptions {
  baseUrl: string;
  tokenEnv: string;
  card?: string;
  handle: string;
  profile?: string;
  routes: 'reference' | 'guide';
  write: boolean;
  out?: string;
}

export class SmokeUsageError extends Error {
  constructor(
    message: string,
    readonly help = false,
  ) {
    super(message);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const VALUED = new Set(['--base-url', '--token-env', '--card', '--handle', '--profile', '--routes', '--out']);

/** Parses the arguments; throws {@link SmokeUsageError} (with `help` for `--help`). */
export function parseSmokeArgs(args: readonly string[]): SmokeOptions {
  const values = new Map<string, string>();
  let write = false;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--help' || arg === '-h') throw new SmokeUsageError('', true);
    if (arg === '--write') {
      write = true;
      continue;
    }
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    // An unknown value is not echoed: it may be a token pasted in the wrong place.
    if (!VALUED.has(flag)) throw new SmokeUsageError(flag.startsWith('--') ? `Unknown option ${JSON.stringify(flag.slice(0, 40))}.` : `Unexpected value at argument ${i + 1}.`);
    const value = inline ?? args[(i += 1)];
    if (value === undefined || value.trim() === '' || (inline === undefined && value.startsWith('--'))) throw new SmokeUsageError(`${flag} needs a value.`);
    if (values.has(flag)) throw new SmokeUsageError(`${flag} is given twice.`);
    values.set(flag, value.trim());
  }

  const baseUrl = values.get('--base-url');
  if (!baseUrl) throw new SmokeUsageError('--base-url is required.');
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new SmokeUsageError('--base-url is not a URL (https://api.<tenant>.getomneo.com/api/v3).');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new SmokeUsageError('--base-url must be http or https.');
  if (url.username || url.password) throw new SmokeUsageError('--base-url must not carry credentials: the token comes from --token-env.');
  if (url.search || url.hash) throw new SmokeUsageError('--base-url must have no query or fragment.');

  const tokenEnv = values.get('--token-env');
  if (!tokenEnv) throw new SmokeUsageError('--token-env is required: the name of the environment variable that holds the token.');
  if (!ENV_NAME.test(tokenEnv)) throw new SmokeUsageError('--token-env takes the name of an environment variable (OMNEO_TOKEN), not a token.');

  const profile = values.get('--profile');
  if (profile !== undefined && !UUID.test(profile)) throw new SmokeUsageError('--profile must be a profile id (a UUID).');
  const routes = values.get('--routes') ?? 'reference';
  if (routes !== 'reference' && routes !== 'guide') throw new SmokeUsageError('--routes is reference or guide.');

  return {
    baseUrl: url.href.replace(/\/+$/, ''),
    tokenEnv,
    handle: values.get('--handle') ?? 'loyalty-card',
    routes,
    write,
    ...(values.get('--card') ? { card: values.get('--card')! } : {}),
    ...(profile ? { profile } : {}),
    ...(values.get('--out') ? { out: values.get('--out')! } : {}),
  };
}
