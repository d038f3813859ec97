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

let tabOwner: string | undefined;

/**
 * Names this tab as a journal lease owner. Kept in sessionStorage where there is one, so the
 * same tab after a reload is the same owner (and may settle what it left behind at once),
 * while another tab is not.
 */
export function defaultOwner(): string {
  if (tabOwner) return tabOwner;
  const fresh = `tab-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
  try {
    const storage = globalThis.sessionStorage;
    const kept = storage?.getItem('omneo-pos-kit:tab');
    tabOwner = kept ?? fresh;
    if (!kept) storage?.setItem('omneo-pos-kit:tab', tabOwner);
  } catch {
    // No sessionStorage (Node, or storage disabled): this process is the owner.
    tabOwner = fresh;
  }
  return tabOwner;
}
