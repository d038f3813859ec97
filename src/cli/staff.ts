/**
 * `omneo-pos-kit staff …`: a store manager's command line for the staff records every
 * transaction names in `staff_id`. A staff member is an Omneo profile whose staff number is a
 * `staff-number` identity.
 *
 * ```
 * omneo-pos-kit staff add --first Kim --last Lo --email kim.lo@example.com --number 2024 [--joined 2026-01-05]
 * omneo-pos-kit staff show <profile-id>
 * omneo-pos-kit staff update <profile-id> [--first …] [--last …] [--email …] [--number …]
 * omneo-pos-kit staff remove <profile-id>
 * ```
 *
 * It talks to `OMNEO_BASE_URL` with `OMNEO_TOKEN` (the token is read from the environment for
 * each request and never printed), or to an in-memory mock tenant with `--mock`. Omneo has no
 * route that lists staff, by location or otherwise, so there is no `list`.
 *
 * Everything printed that came from the server passes through {@link terminalSafe} (or is JSON
 * with those characters escaped). What the manager typed is checked before anything is sent:
 * a malformed email or date, or a PROFILE_ID that is empty or a dot segment (`.`, `..`, which
 * would name another route), ends with exit code 2 and no request.
 */
import {
  createOmneoClient,
  fetchTransport,
  OmneoError,
  OmneoValidationError,
  type OmneoClient,
  type Staff,
  type StaffInput,
} from '../client/index.js';
import { terminalSafe, terminalSafeJson } from './terminal-text.js';

export interface CliIo {
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
  /** The fetch to use (tests pass the mock tenant's). */
  fetch?: typeof fetch;
  /** A mock tenant's fetch for `--mock`, loaded only when asked for. */
  mockFetch?: () => Promise<typeof fetch>;
}

const USAGE = `usage: omneo-pos-kit staff <add|show|update|remove> [options]
  add     --first NAME --last NAME --email EMAIL --number STAFF_NUMBER [--joined YYYY-MM-DD]
  show    PROFILE_ID
  update  PROFILE_ID [--first NAME] [--last NAME] [--email EMAIL] [--number STAFF_NUMBER]
  remove  PROFILE_ID
options: --mock (use the built-in mock tenant), --json (print the record as JSON)
environment: OMNEO_BASE_URL, OMNEO_TOKEN`;

const FLAGS: Record<string, keyof StaffInput> = {
  '--first': 'firstName',
  '--last': 'lastName',
  '--email': 'email',
  '--number': 'staffNumber',
  '--joined': 'joinedAt',
};

function parse(args: string[]) {
  const fields: Partial<StaffInput> = {};
  const positional: string[] = [];
  const switches = new Set<string>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const field = FLAGS[arg];
    if (field) {
      const value = args[(i += 1)];
      if (value === undefined) throw new UsageError(`${arg} needs a value.`);
      fields[field] = value;
    } else if (arg === '--mock' || arg === '--json') switches.add(arg);
    else if (arg.startsWith('--')) throw new UsageError(`Unknown option ${arg}.`);
    else positional.push(arg);
  }
  return { fields, positional, switches };
}

class UsageError extends Error {}

// One `@`, no spaces or controls, a dot in the domain with labels on both sides: what a mail
// server would take, short of asking it. 254 is the longest address SMTP carries.
const EMAIL = /^[^\s@\u0000-\u001f\u007f-\u009f]+@(?:[^\s@.\u0000-\u001f\u007f-\u009f]+\.)+[^\s@.\u0000-\u001f\u007f-\u009f]{2,}$/;

/** Refuses, before any request, what the manager typed that Omneo should never be sent. */
function checkFields(fields: Partial<StaffInput>): void {
  if (fields.email !== undefined && (fields.email.length > 254 || !EMAIL.test(fields.email))) {
    throw new UsageError(`--email ${JSON.stringify(terminalSafe(fields.email))} is not an email address (name@example.com).`);
  }
  if (fields.joinedAt !== undefined && !isCalendarDate(fields.joinedAt)) {
    throw new UsageError(`--joined ${JSON.stringify(terminalSafe(fields.joinedAt))} is not a date: give YYYY-MM-DD, e.g. 2026-01-05.`);
  }
}

/** `YYYY-MM-DD` naming a day that exists (no 2026-02-30, no month 13). */
function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The PROFILE_ID argument: present, not blank, and not a dot segment that would change the route. */
function staffId(command: string | undefined, positional: readonly string[]): string {
  const id = positional[0];
  if (id === undefined || id.trim() === '') throw new UsageError(`${command} needs a PROFILE_ID.`);
  if (id === '.' || id === '..') throw new UsageError(`${JSON.stringify(id)} is not a PROFILE_ID.`);
  return id;
}

function describe(staff: Staff): string {
  const text = (value: string | null | undefined, missing: string) => (value ? terminalSafe(value) : missing);
  return `${text(staff.fullName, '(no name)')} <${text(staff.email, 'no email')}>, staff number ${text(staff.staffNumber, '(none)')}, id ${terminalSafe(String(staff.id))}`;
}

async function clientFor(io: CliIo, mock: boolean): Promise<OmneoClient> {
  if (mock) {
    if (!io.mockFetch) throw new UsageError('--mock is not available here.');
    return createOmneoClient({ transport: fetchTransport({ baseUrl: 'https://mock.getomneo.local/api/v3', token: 'mock', fetch: await io.mockFetch() }) });
  }
  const baseUrl = io.env.OMNEO_BASE_URL;
  if (!baseUrl || !io.env.OMNEO_TOKEN) throw new UsageError('Set OMNEO_BASE_URL and OMNEO_TOKEN, or pass --mock.');
  return createOmneoClient({
    transport: fetchTransport({ baseUrl, getToken: () => io.env.OMNEO_TOKEN ?? '', ...(io.fetch ? { fetch: io.fetch } : {}) }),
  });
}

/** Runs `staff …` with the arguments after `staff`. Resolves to the process exit code. */
export async function runStaffCommand(args: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  try {
    const { fields, positional, switches } = parse(rest);
    checkFields(fields);
    if (command === 'show' || command === 'update' || command === 'remove') staffId(command, positional);
    const client = await clientFor(io, switches.has('--mock'));
    const print = (staff: Staff, verb: string) => io.out(switches.has('--json') ? terminalSafeJson(staff) : `${verb}: ${describe(staff)}`);
    const id = () => staffId(command, positional);
    switch (command) {
      case 'add': {
        const missing = (['firstName', 'lastName', 'email', 'staffNumber'] as const).filter((f) => !fields[f]);
        if (missing.length) throw new UsageError(`add needs ${missing.map((m) => Object.keys(FLAGS).find((k) => FLAGS[k] === m)).join(', ')}.`);
        const joinedAt = fields.joinedAt ?? new Date().toISOString().slice(0, 10);
        print(await client.staff.create({ ...(fields as StaffInput), joinedAt }), 'added');
        return 0;
      }
      case 'show':
        print(await client.staff.get(id()), 'staff');
        return 0;
      case 'update':
        if (Object.keys(fields).length === 0) throw new UsageError('update needs at least one of --first, --last, --email, --number.');
        print(await client.staff.update(id(), fields), 'updated');
        return 0;
      case 'remove':
        await client.staff.delete(id());
        io.out(`removed: ${terminalSafe(id())}`);
        return 0;
      default:
        throw new UsageError(command ? `Unknown command ${terminalSafe(command)}.` : 'No command given.');
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof OmneoValidationError) {
      io.err(`Omneo refused it: ${terminalSafe(error.message)}`);
      for (const [field, messages] of Object.entries(error.fieldErrors)) {
        io.err(`  ${terminalSafe(field)}: ${terminalSafe(messages.join(' '))}`);
      }
      return 1;
    }
    io.err(error instanceof OmneoError ? `Omneo: ${terminalSafe(error.message)} (${error.code})` : `Failed: ${terminalSafe(String(error))}`);
    return 1;
  }
}
