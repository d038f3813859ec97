/**
 * The SQLite table of signed deliveries the receiver could not apply, kept whole (the raw body
 * as a BLOB, byte for byte) so that someone can look at them, fix the cause and replay them.
 * One row per distinct event and body: a repeated delivery adds nothing.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { KeptDelivery, UnappliableDelivery } from './types.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS unappliable_deliveries (
  id          INTEGER PRIMARY KEY,
  received_at TEXT NOT NULL,
  event       TEXT NOT NULL,
  profile_id  TEXT,
  reason      TEXT NOT NULL,
  issues      TEXT NOT NULL,
  body        BLOB NOT NULL,
  body_sha256 TEXT NOT NULL,
  UNIQUE (event, body_sha256)
) STRICT;
`;

interface KeptRow {
  id: number;
  received_at: string;
  event: string;
  profile_id: string | null;
  reason: KeptDelivery['reason'];
  issues: string;
  body: Buffer;
}

function toKept(row: KeptRow): KeptDelivery {
  return {
    id: row.id,
    receivedAt: row.received_at,
    event: row.event,
    profileId: row.profile_id,
    reason: row.reason,
    issues: JSON.parse(row.issues) as KeptDelivery['issues'],
    body: new Uint8Array(row.body),
  };
}

/**
 * Creates the table in `db` when needed and returns its two operations. `keep` runs in its own
 * `BEGIN IMMEDIATE` transaction, like every other write of the store.
 */
export function unappliableDeliveries(db: Database.Database) {
  db.exec(SCHEMA);
  const insert = db.prepare(
    `INSERT OR IGNORE INTO unappliable_deliveries (received_at, event, profile_id, reason, issues, body, body_sha256)
     VALUES (@received_at, @event, @profile_id, @reason, @issues, @body, @body_sha256)`,
  );
  const listKept = db.prepare<[], KeptRow>('SELECT * FROM unappliable_deliveries ORDER BY id');

  const keepTx = db.transaction((d: UnappliableDelivery): { outcome: 'kept' | 'unchanged' } => {
    const body = Buffer.from(d.body.buffer, d.body.byteOffset, d.body.byteLength);
    const { changes } = insert.run({
      received_at: d.receivedAt,
      event: d.event,
      profile_id: d.profileId,
      reason: d.reason,
      issues: JSON.stringify(d.issues),
      body,
      body_sha256: createHash('sha256').update(body).digest('hex'),
    });
    return { outcome: changes > 0 ? 'kept' : 'unchanged' };
  });

  return {
    keep: (delivery: UnappliableDelivery) => keepTx.immediate(delivery),
    list: (): KeptDelivery[] => listKept.all().map(toKept),
  };
}
