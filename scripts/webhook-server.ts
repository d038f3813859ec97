// `npm run webhook-server`: Omneo's profile-sync webhooks into a SQLite customer store.
//   OMNEO_WEBHOOK_SECRET  the tenant's shared secret (required: refuses to start without it)
//   CUSTOMER_DB           the SQLite file (default ./customers.db)
//   PORT                  the port (default 8787; 0 picks a free one)
//   HOST                  the interface (default: all)
//   CUSTOMER_DB_SYNC      FULL (default: an answered delivery survives a power cut) or NORMAL
//                         (several times faster on a slow disk; a power cut may lose the last few)
//   HEADERS_TIMEOUT_MS    the most time a sender has for the request's headers (default 5000)
//   BODY_TIMEOUT_MS       the most time for the body after them (default 5000); a slower sender
//                         gets a 408 and its connection closed
// Logs one line per delivery: time, event, profile id, status, outcome, and for a signed
// delivery kept aside unapplied, the reason and the fields at fault. Never the secret, the
// signature or the profile's personal fields. Only POST is served (405 otherwise). Stops
// cleanly on SIGINT / SIGTERM.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProfileWebhookHandler, toNodeListener, webhookServerOptions } from '../src/server/index.js';
import type { WebhookDelivery } from '../src/server/index.js';
import { sqliteCustomerStore } from '../src/server/sqlite-store.js';

const secret = process.env['OMNEO_WEBHOOK_SECRET'];
if (!secret) {
  console.error('webhook-server: OMNEO_WEBHOOK_SECRET is not set; refusing to accept unsigned webhooks.');
  process.exit(1);
}
const dbPath = process.env['CUSTOMER_DB'] || './customers.db';
const port = Number(process.env['PORT'] || 8787);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`webhook-server: PORT must be a port number, got ${process.env['PORT']}.`);
  process.exit(1);
}
const host = process.env['HOST'] || undefined;
const synchronous = (process.env['CUSTOMER_DB_SYNC'] || 'FULL').toUpperCase();
if (synchronous !== 'FULL' && synchronous !== 'NORMAL') {
  console.error(`webhook-server: CUSTOMER_DB_SYNC must be FULL or NORMAL, got ${synchronous}.`);
  process.exit(1);
}

function milliseconds(name: string, fallback: number): number {
  const value = Number(process.env[name] || fallback);
  if (!Number.isSafeInteger(value) || value <= 0) {
    console.error(`webhook-server: ${name} must be a positive number of milliseconds, got ${process.env[name]}.`);
    process.exit(1);
  }
  return value;
}
const timeouts = { headersTimeoutMs: milliseconds('HEADERS_TIMEOUT_MS', 5000), bodyTimeoutMs: milliseconds('BODY_TIMEOUT_MS', 5000) };

function log(delivery: WebhookDelivery): void {
  const { event, profileId, status, outcome, posCustomerId, reason, issues } = delivery;
  const pos = posCustomerId === null ? '' : ` pos=${posCustomerId}`;
  // Issue paths only: their messages are the schema's, but a path is all an operator needs.
  const at = issues?.length ? ` at=${issues.map((i) => i.path.replace(/[^\w.-]/g, '?') || '.').join(',')}` : '';
  const why = reason ? ` reason=${reason}${at}` : '';
  console.log(`${new Date().toISOString()} ${event ?? '-'} ${profileId ?? '-'} ${status} ${outcome}${pos}${why}`);
  if (outcome === 'error') console.error('webhook-server: the store failed:', delivery.error);
}

const store = sqliteCustomerStore(dbPath, { synchronous });
const handler = createProfileWebhookHandler({ secret, store, onEvent: log });
const server = createServer(webhookServerOptions(timeouts), toNodeListener(handler, { allowedMethods: ['POST'] }));
server.listen(port, host, () => {
  const address = server.address() as AddressInfo;
  console.log(`webhook-server: listening on http://${address.address}:${address.port}, customers in ${dbPath}`);
});

let stopping = false;
function stop(signal: string): void {
  if (stopping) return;
  stopping = true;
  console.log(`webhook-server: ${signal}, stopping`);
  server.close(() => void store.close().then(() => process.exit(0)));
  server.closeIdleConnections();
  // Deliveries still running get a moment to finish; Omneo retries any that do not.
  setTimeout(() => server.closeAllConnections(), 2000).unref();
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
