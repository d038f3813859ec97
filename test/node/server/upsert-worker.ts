/**
 * A separate process for the store's cross-process test: opens the store on the file given,
 * prints `ready`, waits for a line on stdin (so that all writers start together), then upserts
 * one profile at the given `updated_at` seconds, in the given order, and prints the outcomes.
 * Usage: node --import tsx upsert-worker.ts <db> <profile-id> <seconds,seconds,...>
 */
import { once } from 'node:events';
import { parseOmneoTimestamp } from '../../../src/client/time.js';
import { sqliteCustomerStore } from '../../../src/server/sqlite-store.js';
import { omneoTime } from './fixtures.js';

const [dbPath, profileId, list] = process.argv.slice(2);
if (!dbPath || !profileId || !list) throw new Error('usage: upsert-worker.ts <db> <profile-id> <seconds,...>');
const store = sqliteCustomerStore(dbPath);
process.stdout.write('ready\n');
await once(process.stdin, 'data');
process.stdin.pause();

const outcomes: Record<string, number> = {};
for (const s of list.split(',').map(Number)) {
  // A pause outside the transaction lets the other writers in between this one's deliveries.
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 2));
  const { outcome } = await store.upsert({
    profileId,
    firstName: 'Ada',
    lastName: null,
    name: `Ada ${s}`,
    email: `v${s}@example.com`,
    phone: null,
    tier: null,
    balance: { rewardCents: s, points: s, combinedCents: s },
    updatedAt: omneoTime(s),
    updatedAtMs: parseOmneoTimestamp(omneoTime(s)) ?? 0,
    posCustomerIds: [],
  });
  outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
}
await store.close();
process.stdout.write(`${JSON.stringify(outcomes)}\n`);
