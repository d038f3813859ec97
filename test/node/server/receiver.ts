/**
 * A receiver on a fresh SQLite file for each test, with a fixed clock and a second read-only
 * connection that sees what was committed. Call `useReceiver()` at the top of a test file.
 */
import { after, afterEach, beforeEach } from 'node:test';
import Database from 'better-sqlite3';
import { createProfileWebhookHandler } from '../../../src/server/handler.js';
import type { WebhookDelivery } from '../../../src/server/handler.js';
import { sqliteCustomerStore } from '../../../src/server/sqlite-store.js';
import type { CustomerStore } from '../../../src/server/types.js';
import { SECRET, delivery, tempDir } from './fixtures.js';

/** The receiver's clock in these tests: 2026-11-26 10:00:00 UTC, a day after `omneoTime(0)`. */
export const NOW = Date.UTC(2026, 10, 26, 10, 0, 0);

export interface Receiver {
  store: CustomerStore;
  /** What `onEvent` was told, in order. */
  events: WebhookDelivery[];
  handle: (request: Request) => Promise<Response>;
  /** Sends a signed (unless told otherwise) delivery; the answer's status and JSON body. */
  send: (event: string | null, body: unknown, options?: Parameters<typeof delivery>[2]) => Promise<{ status: number; body: Record<string, unknown> }>;
  /** Rows in the customers table, tombstones included. */
  rowCount: () => number;
  /** Changes whenever another connection commits a write to the file. */
  dataVersion: () => number;
}

export function useReceiver(): Receiver {
  const temp = tempDir();
  after(() => temp.remove());
  let fileNumber = 0;
  let observer: Database.Database;
  const receiver = { events: [] } as unknown as Receiver;

  beforeEach(() => {
    const path = temp.path(`customers-${++fileNumber}.db`);
    const store = sqliteCustomerStore(path);
    const events: WebhookDelivery[] = [];
    const handle = createProfileWebhookHandler({ secret: SECRET, store, now: () => NOW, onEvent: (e) => void events.push(e) });
    observer = new Database(path, { readonly: true });
    Object.assign(receiver, { store, events, handle });
  });
  afterEach(async () => {
    observer.close();
    await receiver.store.close();
  });

  receiver.send = async (event, body, options) => {
    const response = await receiver.handle(await delivery(event, body, options));
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  receiver.rowCount = () => (observer.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
  receiver.dataVersion = () => observer.pragma('data_version', { simple: true }) as number;
  return receiver;
}
