/**
 * The member's rewards balance, as the panel needs it: embedded in a fresh profile (no
 * request), else fetched; fetched again after a redemption settles. The last figure stays
 * while a refresh runs, and is never shown for another member.
 */
import { initialState, Task, TaskStatus } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Balances, OmneoClient, Profile } from '../../client/index.js';
import { isAbort } from '../shared/omneo-element.js';

/** Whose balance, and through which client. */
export interface BalanceSource {
  client: OmneoClient | undefined;
  member: { id: string; profile: Profile | null } | null;
}

interface Loaded {
  profileId: string;
  balances: Balances;
}

export class RewardBalance implements ReactiveController {
  private last: Loaded | null = null;
  private forceFetch = false;
  private readonly task: Task<readonly [OmneoClient | undefined, string | undefined, Balances | null], Loaded>;

  constructor(
    host: ReactiveControllerHost,
    private readonly source: () => BalanceSource,
    onError: (error: unknown) => void,
  ) {
    host.addController(this);
    this.task = new Task(host, {
      args: () => {
        const { client, member } = this.source();
        return [client, member?.id, member?.profile?.balances ?? null] as const;
      },
      task: async ([client, profileId, embedded], { signal }) => {
        if (!client || !profileId) return initialState;
        const fetch = this.forceFetch || !embedded;
        this.forceFetch = false;
        return { profileId, balances: fetch || !embedded ? await client.balances.get(profileId, { signal }) : embedded };
      },
      onComplete: (loaded) => void (this.last = loaded),
      onError,
    });
  }

  hostConnected(): void {}

  /** The member's rewards balance in cents, or `null` while unknown. */
  get rewardCents(): number | null {
    const last = this.last;
    return last && last.profileId === this.source().member?.id ? last.balances.rewardCents : null;
  }

  /** What the member's points are worth in cents, or `null` while unknown. */
  get pointsValueCents(): number | null {
    const last = this.last;
    return last && last.profileId === this.source().member?.id ? last.balances.pointsValueCents : null;
  }

  /** The load failed and there is no figure to show. */
  get failed(): boolean {
    return this.rewardCents === null && this.task.status === TaskStatus.ERROR && !isAbort(this.task.error);
  }

  get error(): unknown {
    return this.task.error;
  }

  /** Fetches the balance again, even when the profile has it embedded. */
  async refresh(): Promise<void> {
    const { client, member } = this.source();
    if (!client || !member) return;
    this.forceFetch = true;
    await this.task.run();
  }
}
