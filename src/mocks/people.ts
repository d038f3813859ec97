/**
 * Finding members (by identity, by search text) and keeping staff: a staff member is a
 * profile whose staff number is a `staff-number` identity.
 */
import { FieldErrors, asObject, notFound, readRequired, readText } from './errors.js';
import type { MockStore } from './store.js';
import type { MockIdentity, MockProfile } from './types.js';

/** The active identity with this handle and identifier (identifiers compare trimmed). */
export function findIdentity(store: MockStore, handle: string, identifier: string): MockIdentity | undefined {
  const wanted = identifier.trim();
  return store.identities.find((i) => i.isActive && i.handle === handle && i.identifier === wanted);
}

/** Identities matching `filter[handle]`, `filter[identifier]` and `filter[profile_id]`, when given. */
export function filterIdentities(store: MockStore, query: Record<string, string>): MockIdentity[] {
  const handle = query['filter[handle]'];
  const identifier = query['filter[identifier]']?.trim();
  const profileId = query['filter[profile_id]'];
  return store.identities.filter(
    (i) =>
      (handle === undefined || i.handle === handle) &&
      (identifier === undefined || i.identifier === identifier) &&
      (profileId === undefined || i.profileId === profileId),
  );
}

/** Levenshtein distance, stopping early once it is over `max`. */
function within(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    if (Math.min(...row) > max) return false;
    prev = row;
  }
  return (prev[b.length] ?? Infinity) <= max;
}

function matches(store: MockStore, p: MockProfile, text: string): boolean {
  const words = [p.firstName, p.lastName, p.email, p.email?.split('@')[0]?.replace(/[._+-]/g, ' ')]
    .filter((w): w is string => typeof w === 'string')
    .join(' ')
    .toLowerCase();
  const haystack = [words, ...store.identitiesOf(p.id).map((i) => i.identifier.toLowerCase())].join(' ');
  const phone = (p.mobilePhone ?? '').replace(/\D/g, '');
  return text
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((token) => {
      if (haystack.includes(token)) return true;
      const digits = token.replace(/\D/g, '').replace(/^0/, '');
      if (/^[\d+()\s-]+$/.test(token) && digits.length >= 6 && phone.endsWith(digits)) return true;
      // Typo-tolerant, a little: one edit away from a whole word, for words of four letters or more.
      return token.length >= 4 && words.split(/\s+/).some((w) => within(token, w, 1));
    });
}

/**
 * GET /profiles with `search=` or `filter[search]=` (case-insensitive, every word must match
 * a name, the email, a phone number or an identifier; one typo allowed in longer words) and
 * exact `filter[email]=`.
 */
export function searchProfiles(store: MockStore, query: Record<string, string>): MockProfile[] {
  const text = (query['search'] ?? query['filter[search]'] ?? '').trim();
  const email = query['filter[email]']?.trim().toLowerCase();
  return [...store.profiles.values()].filter(
    (p) => (email === undefined || p.email?.toLowerCase() === email) && (text === '' || matches(store, p, text)),
  );
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function staffNumberTaken(store: MockStore, staffNumber: string, except?: string): boolean {
  return store.identities.some((i) => i.handle === 'staff-number' && i.identifier === staffNumber && i.profileId !== except);
}

function readStaffFields(store: MockStore, o: Record<string, unknown>, errors: FieldErrors, except?: string) {
  const email = readText(o, 'email', errors);
  if (email !== null && !EMAIL.test(email)) errors.add('email', 'The email must be a valid email address.');
  const staffNumber = readText(o, 'staff_id', errors);
  if (staffNumber !== null && staffNumberTaken(store, staffNumber, except)) errors.add('staff_id', 'The staff id has already been taken.');
  return {
    firstName: readText(o, 'first_name', errors),
    lastName: readText(o, 'last_name', errors),
    email,
    mobilePhone: readText(o, 'mobile_phone', errors),
    joinedAt: readText(o, 'joined_at', errors),
    staffNumber,
  };
}

/** POST /staff `{first_name, last_name, email, staff_id, joined_at}`. */
export function createStaff(store: MockStore, body: unknown): MockProfile {
  const o = asObject(body);
  const errors = new FieldErrors();
  for (const f of ['first_name', 'last_name', 'email', 'staff_id', 'joined_at']) readRequired(o, f, errors);
  const fields = readStaffFields(store, o, errors);
  errors.throwIfAny();
  const now = store.now();
  const profile: MockProfile = {
    id: store.profileId(),
    firstName: fields.firstName,
    lastName: fields.lastName,
    email: fields.email,
    mobilePhone: fields.mobilePhone,
    tier: null,
    tags: ['staff'],
    points: 0,
    creditCents: 0,
    joinedAt: fields.joinedAt,
    createdAt: now,
    updatedAt: now,
  };
  store.profiles.set(profile.id, profile);
  store.identities.push({
    id: store.intId(),
    profileId: profile.id,
    handle: 'staff-number',
    identifier: fields.staffNumber ?? '',
    isPrimary: true,
    isActive: true,
  });
  return profile;
}

/** GET /staff/{id}: only profiles that are staff. */
export function getStaff(store: MockStore, id: string): MockProfile {
  const p = store.profiles.get(id);
  if (!p || !store.isStaff(id)) throw notFound('Staff not found.');
  return p;
}

/** PUT /staff/{id}: any subset of the create fields. */
export function updateStaff(store: MockStore, id: string, body: unknown): MockProfile {
  const p = getStaff(store, id);
  const o = asObject(body);
  const errors = new FieldErrors();
  const fields = readStaffFields(store, o, errors, id);
  errors.throwIfAny();
  if (fields.firstName !== null) p.firstName = fields.firstName;
  if (fields.lastName !== null) p.lastName = fields.lastName;
  if (fields.email !== null) p.email = fields.email;
  if (fields.mobilePhone !== null) p.mobilePhone = fields.mobilePhone;
  if (fields.joinedAt !== null) p.joinedAt = fields.joinedAt;
  if (fields.staffNumber !== null) {
    const identity = store.identities.find((i) => i.profileId === id && i.handle === 'staff-number');
    if (identity) identity.identifier = fields.staffNumber;
  }
  p.updatedAt = store.now();
  return p;
}

/** DELETE /staff/{id}: the profile and its identities go. */
export function deleteStaff(store: MockStore, id: string): void {
  getStaff(store, id);
  store.profiles.delete(id);
  for (let i = store.identities.length - 1; i >= 0; i--) {
    if (store.identities[i]?.profileId === id) store.identities.splice(i, 1);
  }
}
