/**
 * What the lookup asks Omneo, apart from how it is shown: a card goes to the identity lookup
 * (then the profile, unless it came embedded), text to the profile search, an id to the
 * profile. Every call carries the run's `AbortSignal`.
 */
import type { OmneoClient, Profile } from '../../client/index.js';
import type { OmneoOperation } from '../events.js';

/** What one run of the lookup asks for. */
export type LookupRequest =
  | { kind: 'card'; code: string; scanned: boolean }
  | { kind: 'search'; text: string }
  | { kind: 'profile'; id: string }
  | { kind: 'idle' };

export interface LookupOutcome {
  /** What was looked for, to show back when nothing matched. */
  text: string;
  profiles: Profile[];
  /** `identity`: a card matched (one member, chosen at once); `search`: a list to pick from; `profile`: by id. */
  via: 'identity' | 'search' | 'profile';
}

/** The operation named in `omneo-error` when a request of each kind fails. */
export const OPERATION: Record<Exclude<LookupRequest['kind'], 'idle'>, OmneoOperation> = {
  card: 'identity-lookup',
  search: 'profile-search',
  profile: 'profile-load',
};

export async function findMembers(
  client: OmneoClient,
  request: Exclude<LookupRequest, { kind: 'idle' }>,
  identityHandle: string,
  signal: AbortSignal,
): Promise<LookupOutcome> {
  if (request.kind === 'profile') {
    return { text: request.id, profiles: [await client.profiles.get(request.id, { signal })], via: 'profile' };
  }
  if (request.kind === 'card') {
    const match = await client.identities.lookup(identityHandle, request.code, { signal });
    if (match) {
      const profile = match.profile ?? (await client.profiles.get(match.profileId, { signal }));
      return { text: request.code, profiles: [profile], via: 'identity' };
    }
    // Typed digits that are no card may be a phone number: search for them too. A scan is a card.
    if (request.scanned) return { text: request.code, profiles: [], via: 'identity' };
  }
  const text = request.kind === 'card' ? request.code : request.text;
  const page = await client.profiles.search(text, { signal });
  return { text, profiles: page.items, via: 'search' };
}
