/**
 * Flood control: a signal of the protect bank matched by many distinct platforms within a short
 * window is set aside (quarantined) until a person reviews it.
 *
 * Why: anyone can open a case, so anyone can put a hash in the protect bank. Someone could submit
 * the hash of a popular, harmless image (a meme, a logo) to get it blocked everywhere; genuine
 * intimate images rarely surface on many platforms at once. A quarantined signal stops matching at
 * once and leaves the change feed with a `withdraw`; a reviewer releases it (it matches again and
 * flood control leaves it alone from then on) or rejects it. The lure and allow banks are filled by
 * curators with a key, so they are not watched.
 *
 * Matches are counted in the store, so every server process on the same database counts together.
 * Each process writes a (signal, platform) sighting at most once per `refresh` interval, so the
 * hot path of a busy platform does not write on every match.
 */
import type { Clock } from '../repositories/clock.ts';
import type { Store } from '../repositories/store.ts';
import type { AuditTrail } from '../security/audit-trail.ts';

export interface FloodControlConfig {
  /** Distinct platforms that trigger quarantine; 0 turns flood control off. */
  readonly platforms: number;
  readonly windowMs: number;
}

const MAX_REMEMBERED = 100_000;

export class FloodControl {
  readonly #lastWritten = new Map<string, number>();
  readonly #refreshMs: number;

  constructor(
    private readonly deps: {
      readonly store: Store;
      readonly clock: Clock;
      readonly config: FloodControlConfig;
      readonly syncMatcher: () => Promise<void>;
      readonly audit: AuditTrail;
    },
  ) {
    this.#refreshMs = Math.min(deps.config.windowMs / 10, 60_000);
  }

  /** Notes that `platformId` matched these protect-bank signals; quarantines the flooded ones. */
  async observe(platformId: number, signalIds: readonly number[]): Promise<void> {
    const { store, clock, config } = this.deps;
    if (config.platforms <= 0 || signalIds.length === 0) return;
    const now = clock.now();
    const since = new Date(now.getTime() - config.windowMs);
    let quarantined = false;
    for (const signalId of new Set(signalIds)) {
      const key = `${signalId}:${platformId}`;
      const last = this.#lastWritten.get(key);
      if (last !== undefined && now.getTime() - last < this.#refreshMs) continue;
      if (this.#lastWritten.size >= MAX_REMEMBERED) this.#lastWritten.clear();
      this.#lastWritten.set(key, now.getTime());
      const platforms = await store.recordMatch({ signalId, platformId, at: now, since });
      if (platforms >= config.platforms && (await store.quarantineSignal(signalId, now))) {
        quarantined = true;
        await this.deps.audit.record({
          actor: { kind: 'system', id: 'flood-control' },
          action: 'signal.quarantine',
          target: `signal:${signalId}`,
          details: { platforms },
        });
      }
    }
    if (quarantined) await this.deps.syncMatcher();
  }
}
