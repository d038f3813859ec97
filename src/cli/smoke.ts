/**
 * `omneo-pos-kit smoke --base-url URL --token-env NAME [--card N] [--write] [--out DIR]`: the
 * kit's own client against a real tenant (or the mock server), one line per route saying
 * whether what came back parsed, and every raw body saved with personal data masked, ready to
 * become a fixture. Read-only unless `--write`, which redeems 0.01 under a fresh sale id, finds
 * it again by that sale id and reverses it. Exit code 0 when every route parsed, 1 when one did
 * not, 2 on bad arguments.
 *
 * The token is read from the environment variable named by `--token-env` and from nowhere
 * else; it is never printed, saved or put in an error, and is scrubbed from anything that
 * might echo it. Node only.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createOmneoClient, fetchTransport, OmneoError, OmneoUnexpectedResponseError, resolveRoutes, type RouteTable } from '../client/index.js';
import type { RequestSpec } from '../client/request.js';
import { maskBody, maskIdentifier, maskText } from './smoke-mask.js';
import { terminalSafe } from './terminal-text.js';
import { parseSmokeArgs, SmokeUsageError, SMOKE_USAGE, type SmokeOptions } from './smoke-args.js';

export { SMOKE_USAGE };

export interface SmokeIo {
  env: Record<string, string | undefined>;
  out(line: string): void;
  err(line: string): void;
  /** The fetch the transport uses (default: the global one). Every answer is recorded through it. */
  fetch?: typeof fetch;
  /** The clock, for the sale id and the default output folder. */
  now?: () => Date;
  /** Where a relative `--out` (and the default one) is resolved. Default `process.cwd()`. */
  cwd?: string;
  /** How long the write check waits before looking a redemption up a second time. Default 2 s. */
  relookMs?: number;
}

/** One HTTP exchange as the wrapping fetch saw it: no headers, no query (the card is in it). */
interface Exchange {
  step: string;
  method: string;
  template: string;
  status: number | null;
  body: string | null;
}

/** One line of the report. */
interface RouteLine {
  step: string;
  route: string;
  status: string;
  ok: boolean;
  skipped: boolean;
  result: string;
}

const ZERO_UUID = '00000000-0000-4000-8000-000000000000';

/** `/profiles/5eed…/redemptions/42/reversal` -> `/profiles/{profileId}/redemptions/{redemptionId}/reversal`. */
export function pathTemplate(path: string): string {
  const segments = path.split('/');
  return segments
    .map((segment, i) => {
      const text = decodeURIComponent(segment);
      if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text)) return '{profileId}';
      if (/^\d+$/.test(text)) {
        const owner = (segments[i - 1] ?? 'item').replace(/ies$/, 'y').replace(/s$/, '');
        return `{${owner}Id}`;
      }
      return segment;
    })
    .join('/');
}

/** The path of a URL relative to the API root, whatever prefix the base URL has. */
function relativePath(url: string, basePath: string): string {
  const path = new URL(url).pathname;
  return path.startsWith(basePath) ? path.slice(basePath.length) || '/' : path;
}

/** The route of a spec as the report names it: `GET /profiles/{profileId}`. */
const routeOf = (spec: RequestSpec) => `${spec.method} ${pathTemplate(spec.path)}`;

/** The file stem each step's body is saved under: the fixture shape it would become. */
const SHAPE: Record<string, string> = {
  identity: 'identityList',
  profile: 'profile',
  balances: 'balances',
  benefits: 'benefitList',
  redemptions: 'redemptionList',
  locations: 'locationList',
  redeem: 'successfulRedemption.redeem',
  find: 'redemptionList.by-sale',
  reverse: 'successfulRedemption.reversal',
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
function stamp(date: Date): string {
  return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}-${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`;
}

/** Runs the command; resolves to its exit code. */
export async function runSmokeCommand(args: string[], io: SmokeIo): Promise<number> {
  let options: SmokeOptions;
  try {
    options = parseSmokeArgs(args);
  } catch (error) {
    if (!(error instanceof SmokeUsageError)) throw error;
    if (error.help) {
      io.out(SMOKE_USAGE);
      return 0;
    }
    io.err(`smoke: ${error.message}`);
    io.err(SMOKE_USAGE);
    return 2;
  }
  const token = io.env[options.tokenEnv];
  if (!token) {
    // The name is not echoed either: a token given as --token-env by mistake must not be printed.
    io.err('smoke: the environment variable named by --token-env is not set or is empty.');
    return 2;
  }
  const now = (io.now ?? (() => new Date()))();
  const outDir = resolve(io.cwd ?? process.cwd(), options.out ?? `omneo-smoke-${stamp(now)}`);

  // Values that must never reach the terminal or a file as they are.
  // Only values long enough not to match ordinary text ("x" inside "Expected", "2024" in a date).
  const secrets = new Map<string, string>();
  if (token.length >= 8) secrets.set(token, '[token]');
  if (options.card && options.card.length >= 6) secrets.set(options.card, maskIdentifier(options.card));
  const clean = (text: string) => {
    let out = terminalSafe(text);
    for (const [secret, mask] of secrets) out = out.split(secret).join(mask);
    return out;
  };

  const exchanges: Exchange[] = [];
  let currentStep = '';
  const basePath = new URL(options.baseUrl).pathname.replace(/\/+$/, '');
  const baseFetch = io.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const recording: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const exchange: Exchange = { step: currentStep, method, template: pathTemplate(relativePath(url, basePath)), status: null, body: null };
    exchanges.push(exchange);
    const response = await baseFetch(input, init);
    exchange.status = response.status;
    exchange.body = await response.clone().text();
    return response;
  };

  const routes: RouteTable = resolveRoutes(options.routes);
  const client = createOmneoClient({
    transport: fetchTransport({ baseUrl: options.baseUrl, getToken: () => token, fetch: recording }),
    routes: options.routes,
    // A smoke test reports what the tenant answered the first time.
    retry: { retries: 0 },
  });

  const lines: RouteLine[] = [];
  const report = (line: RouteLine) => {
    lines.push(line);
    const mark = line.skipped ? 'skip' : line.ok ? 'ok  ' : 'FAIL';
    io.out(clean(`${mark} ${line.step.padEnd(12)} ${line.route.padEnd(58)} ${line.status.padEnd(4)} ${line.result}`));
  };

  /**
   * Runs one check: the client call, its route and status from what the wrapping fetch saw,
   * and `parsed` or why not. `judge` may turn a parsed answer into a failure (a redemption not
   * found again). Resolves to the answer, or `undefined` when it failed.
   */
  async function check<T>(step: string, spec: RequestSpec, run: () => Promise<T>, judge: (value: T) => string | { fail: string }): Promise<T | undefined> {
    currentStep = step;
    const first = exchanges.length;
    const routeFor = () => {
      const mine = exchanges.slice(first);
      const seen = mine[0];
      const status = mine.length > 0 ? (mine.at(-1)!.status?.toString() ?? '---') : '---';
      return { route: seen ? `${seen.method} ${seen.template}` : routeOf(spec), status, pages: mine.length };
    };
    try {
      const value = await run();
      const verdict = judge(value);
      const { route, status } = routeFor();
      if (typeof verdict === 'string') report({ step, route, status, ok: true, skipped: false, result: `parsed${verdict ? ` (${verdict})` : ''}` });
      else report({ step, route, status, ok: false, skipped: false, result: `parsed, but ${verdict.fail}` });
      return typeof verdict === 'string' ? value : undefined;
    } catch (error) {
      const { route, status } = routeFor();
      report({ step, route, status, ok: false, skipped: false, result: describeFailure(error) });
      return undefined;
    }
  }
  const skip = (step: string, spec: RequestSpec, why: string) =>
    report({ step, route: routeOf(spec), status: '---', ok: true, skipped: true, result: `skipped: ${why}` });

  io.out(clean(`Omneo smoke against ${options.baseUrl} (${options.write ? 'with --write: redeems 0.01 and reverses it' : 'read-only'}), ${options.routes} routes`));

  // Identity lookup, or the profile given outright.
  let profileId = options.profile;
  const identitySpec = routes.identityLookup({ handle: options.handle, identifier: options.card ?? '' });
  if (options.card) {
    const card = options.card;
    const match = await check('identity', identitySpec, () => client.identities.lookup(options.handle, card), (m) =>
      m ? `profile ${m.profileId}` : { fail: `no member has the ${options.handle} ending ${card.slice(-4)}` },
    );
    profileId = match?.profileId ?? profileId;
  } else {
    skip('identity', identitySpec, 'no --card given');
  }

  const p = profileId ?? ZERO_UUID;
  const whyNoProfile = options.card ? 'no profile found' : 'no --card (or --profile) given';
  const profileChecks: [string, RequestSpec, (id: string) => Promise<unknown>, (value: never) => string | { fail: string }][] = [
    ['profile', routes.profileGet({ profileId: p }), (id) => client.profiles.get(id), () => ''],
    ['balances', routes.balances({ profileId: p }), (id) => client.balances.get(id), () => ''],
    ['benefits', routes.activeBenefits({ profileId: p, page: 1 }), (id) => client.benefits.active(id), (list: unknown[]) => `${list.length} active`],
    [
      'redemptions',
      routes.findRedemptions({ profileId: p, saleId: 'x', page: 1 }),
      (id) => client.redemptions.findBySaleId(id, `smoke-none-${now.getTime()}`),
      (list: unknown[]) => `${list.length} for a sale id no till used`,
    ],
  ];
  for (const [step, spec, run, judge] of profileChecks) {
    if (profileId) await check(step, spec, () => run(profileId), judge as (value: unknown) => string | { fail: string });
    else skip(step, spec, whyNoProfile);
  }
  await check('locations', routes.locationsList({}), () => client.locations.list(), (list) => `${list.length} locations`);

  if (options.write) {
    const saleId = `smoke-${now.getTime()}`;
    const redeemSpec = routes.redeemRewards({ profileId: p, body: {} });
    const findSpec = routes.findRedemptions({ profileId: p, saleId, page: 1 });
    const reverseSpec = routes.reverse({ profileId: p, redemptionId: 1 });
    if (!profileId) {
      for (const [step, spec] of [['redeem', redeemSpec], ['find', findSpec], ['reverse', reverseSpec]] as const) skip(step, spec, whyNoProfile);
    } else {
      const member = profileId;
      const made = await check('redeem', redeemSpec, () => client.redemptions.redeemRewards(member, { amountCents: 1, saleId }), (r) =>
        `redemption ${r.id} of ${r.totalCents === null ? 'no stated total' : `${(r.totalCents / 100).toFixed(2)}`}, sale ${saleId}`,
      );
      // Whatever the redeem answered, look the sale up: a lost answer may still have moved the cent.
      const findAgain = async () => {
        const found = await client.redemptions.findBySaleId(member, saleId);
        if (made && found.some((r) => r.id === made.id)) return found;
        await new Promise((done) => setTimeout(done, io.relookMs ?? 2_000)); // a list may lag behind the write
        return client.redemptions.findBySaleId(member, saleId);
      };
      const found = await check('find', findSpec, findAgain, (list) => {
        if (made && !list.some((r) => r.id === made.id)) return { fail: `redemption ${made.id} is not among the ${list.length} listed for sale ${saleId}` };
        return `${list.length} for sale ${saleId}`;
      });
      const toReverse = made ? [made.id] : (found ?? []).filter((r) => r.type === 'redeem' || r.type === null).map((r) => r.id);
      if (toReverse.length === 0) skip('reverse', reverseSpec, found ? 'nothing was redeemed' : `sale ${saleId} could not be looked up`);
      if (!made && !found) io.err(`smoke: whether sale ${saleId} redeemed 0.01 is unknown: look it up in Omneo and reverse it if it did.`);
      for (const id of toReverse) {
        const reversed = await check('reverse', reverseSpec, () => client.redemptions.reverse(member, id, { saleId }), (r) => `reversal ${r.id} of redemption ${id}`);
        // The cent stays spent when the reversal fails: say so, so it is not forgotten.
        if (!reversed) io.err(`smoke: redemption ${id} (0.01, sale ${saleId}) was not reversed: reverse it within 10 minutes or return it.`);
      }
    }
  }

  const saved = await saveBodies(outDir, exchanges, lines, secrets, io);
  const ran = lines.filter((l) => !l.skipped);
  const failed = ran.filter((l) => !l.ok);
  if (saved !== undefined) io.out(clean(`Saved ${saved} masked bodies to ${outDir}`));
  io.out(failed.length === 0 ? `All ${ran.length} routes parsed.` : `${failed.length} of ${ran.length} routes did not parse or check out.`);
  return failed.length === 0 && saved !== undefined ? 0 : 1;
}

/** What went wrong, for the report: the first field that failed, or the error's code and message. */
function describeFailure(error: unknown): string {
  if (error instanceof OmneoUnexpectedResponseError) {
    const [first, ...rest] = error.issues;
    const where = first && first.path.length > 0 ? first.path.join('.') : '(body)';
    return `failed at ${where}: ${first?.message ?? 'unreadable'}${rest.length ? ` (+${rest.length} more)` : ''}`;
  }
  if (error instanceof OmneoError) return `${error.code}: ${error.message}`;
  return `error: ${error instanceof Error ? error.message : String(error)}`;
}

/** Writes each body, masked, and an index of them; resolves to how many, or `undefined` when it could not. */
async function saveBodies(dir: string, exchanges: Exchange[], lines: RouteLine[], secrets: ReadonlyMap<string, string>, io: SmokeIo): Promise<number | undefined> {
  try {
    await mkdir(dir, { recursive: true });
    const index: unknown[] = [];
    for (const [i, exchange] of exchanges.entries()) {
      if (exchange.status === null) {
        // No answer came (the connection failed): nothing to save, but the index says so.
        index.push({ file: null, step: exchange.step, route: `${exchange.method} ${exchange.template}`, status: null, result: 'no answer' });
        continue;
      }
      const status = exchange.status;
      let content: string;
      let ext = 'json';
      try {
        content = `${JSON.stringify(maskBody(JSON.parse(exchange.body ?? ''), secrets), null, 2)}\n`;
      } catch {
        ext = 'txt';
        content = maskText(exchange.body ?? '', secrets);
      }
      // The guide's identity search answers its own shape, not a list of identities.
      const shape = exchange.template === '/identities/search' ? 'identitySearch' : (SHAPE[exchange.step] ?? exchange.step);
      const file = `${pad(i + 1)}-${shape}.${status}.${ext}`;
      await writeFile(resolve(dir, file), content);
      const line = lines.find((l) => l.step === exchange.step);
      index.push({ file, step: exchange.step, route: `${exchange.method} ${exchange.template}`, status: exchange.status, result: line?.result ?? null });
    }
    await writeFile(resolve(dir, 'index.json'), `${maskText(JSON.stringify(index, null, 2), secrets)}\n`);
    return exchanges.filter((e) => e.status !== null).length;
  } catch (error) {
    io.err(`smoke: could not save the bodies to ${dir}: ${(error as Error).message}`);
    return undefined;
  }
}
