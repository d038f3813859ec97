/**
 * The client and the rules at work on the mock tenant, until the elements land. Text from the
 * API is written with textContent, never as HTML.
 */
import { setupWorker } from 'msw/browser';
import { createOmneoClient, fetchTransport } from '../src/client/index.js';
import { createMockTenant, SEED } from '../src/mocks/index.js';
import { RedemptionFlow, RedemptionJournal, memoryStore, type Sale } from '../src/rules/index.js';

const tenant = createMockTenant({ now: Date.now() });
await setupWorker(...tenant.handlers).start({ quiet: true, onUnhandledRequest: 'bypass' });

const client = createOmneoClient({
  transport: fetchTransport({ baseUrl: '/omneo/api/v3', getToken: () => 'demo-token' }),
});
const out = document.querySelector<HTMLPreElement>('#out')!;
const log = (line: string): void => {
  out.textContent = `${line}\n${out.textContent ?? ''}`;
};
const dollars = (cents: number) => new Intl.NumberFormat('en-AU', { style: 'currency', currency: 'AUD' }).format(cents / 100);

const sale: Sale = {
  id: `sale-${Date.now()}`,
  currency: 'AUD',
  lines: [
    { id: 'l1', name: 'Jeans', quantity: 1, amountCents: 6500 },
    { id: 'l2', name: 'Jacket', quantity: 1, amountCents: 11500 },
    { id: 'l3', name: 'Socks', quantity: 1, amountCents: 2500 },
    { id: 'l4', name: 'Shirt', quantity: 1, amountCents: 4500 },
  ],
};
const flow = new RedemptionFlow({
  client,
  journal: new RedemptionJournal(memoryStore()),
  observer: (s, previous) => log(`flow: ${previous} -> ${s.state}${s.error ? ` (${s.error.message})` : ''}`),
});

const on = (id: string, action: () => Promise<void>) =>
  document.getElementById(id)!.addEventListener('click', () => action().catch((e: Error) => log(`error: ${e.message}`)));

on('lookup', async () => {
  const match = await client.identities.lookup('loyalty-card', SEED.ava.card);
  if (!match) return log('no member for that card');
  const profile = match.profile ?? (await client.profiles.get(match.profileId));
  const b = profile.balances ?? (await client.balances.get(profile.id));
  log(`${profile.fullName}: rewards ${dollars(b.rewardCents)}, ${b.points} points (${dollars(b.pointsValueCents)}), combined ${dollars(b.combinedCents)}`);
});
on('redeem', async () => {
  const s = await flow.redeem({ profileId: SEED.noah.id, sale, amountCents: 5000 });
  for (const line of s.allocation ?? []) log(`  ${line.id}: ${dollars(line.amountCents)} - ${dollars(line.shareCents)} = ${dollars(line.netCents)}`);
  log(`redeemed ${dollars(s.redemption!.totalCents)} (redemption ${s.redemption!.id}); allocation:`);
});
on('decline', async () => {
  const outcome = await flow.paymentFailed();
  log(`${outcome.outcome}: ${outcome.reason}`);
});
on('approve', async () => {
  const tx = await flow.complete({ timezone: 'Australia/Melbourne', payments: ['card'], staffId: '1993', locationId: 2 });
  log(`recorded transaction ${tx.id}: paid ${dollars(tx.totalCents)} of ${dollars(tx.totalOriginalCents ?? 0)}`);
});
log('Ready.');
