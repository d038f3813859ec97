/**
 * One redemption per intent. An intent is a sale (plus a benefit, for a benefit redemption);
 * within a page, at most one flow or recovery works on an intent at a time, whichever panel
 * started it. Across tabs the journal's lease does the same job.
 *
 * This registry is the one piece of page-wide state in the rules: two panels on one page are
 * two objects that share nothing else, yet must never redeem the same sale twice.
 */

/** A sale's intent key: the sale id, and the benefit id for a benefit. */
export function intentKey(saleId: string, benefitId?: number): string {
  return benefitId === undefined ? `${saleId}#rewards` : `${saleId}#benefit-${benefitId}`;
}

const active = new Map<string, object>();

/** Claims an intent for `holder`; answers false when someone else holds it. */
export function claimIntent(scope: string, key: string, holder: object): boolean {
  const id = `${scope}${key}`;
  const current = active.get(id);
  if (current && current !== holder) return false;
  active.set(id, holder);
  return true;
}

/** Lets an intent go, if `holder` has it. */
export function releaseIntent(scope: string, key: string, holder: object): void {
  const id = `${scope}${key}`;
  if (active.get(id) === holder) active.delete(id);
}

let pageOwner: string | undefined;

const lockName = (owner: string) => `omneo-pos-kit:owner:${owner}`;

/** The Web Locks API where the platform has it (browsers), else nothing (Node). */
function webLocks(): LockManager | undefined {
  return (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
}

/**
 * Names this page load as a journal lease owner. Each load is a new owner (a reload, or a
 * duplicated tab whose sessionStorage was copied, is someone else), and holds a Web Lock under
 * that name for as long as it lives, so other pages can tell a live owner from a dead one.
 */
export function defaultOwner(): string {
  if (pageOwner) return pageOwner;
  pageOwner = `page-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
  // Held until the page goes away; the browser then releases it.
  void webLocks()?.request(lockName(pageOwner), () => new Promise<never>(() => {}));
  return pageOwner;
}

/**
 * Whether the page that owns a lease is still alive: `true` or `false` where Web Locks tell,
 * `undefined` where they cannot (then only the lease's expiry counts).
 */
export async function ownerAlive(owner: string): Promise<boolean | undefined> {
  const locks = webLocks();
  if (!locks) return undefined;
  const { held = [] } = await locks.query();
  return held.some((lock) => lock.name === lockName(owner));
}
