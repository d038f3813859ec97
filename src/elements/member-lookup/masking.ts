/**
 * Cashier-safe forms of a member's contact details: enough to confirm who is at the counter,
 * not enough to copy down. The full values are shown only on the "reveal" toggle.
 */

/** `ava.nguyen@example.com` -> `a•••@example.com`. Text without an `@` is masked whole. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${email.slice(0, 1)}•••${email.slice(at)}`;
}

/** `+61412345678` -> `•••• 5678`: the last four digits only. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length > 4 ? `•••• ${digits.slice(-4)}` : '••••';
}
