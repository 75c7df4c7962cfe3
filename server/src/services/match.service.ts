/**
 * Matching for platforms. Answers name a signal id and a bank, never a case or a victim.
 */
import type { MatchRequest, MatchResponse } from '@aman/api';
import type { BankMatcher } from '../matcher/matcher.ts';
import type { PlatformRecord } from '../repositories/store.ts';
import type { FloodControl } from './flood-control.ts';
import { toMatcherQuery } from './signal-values.ts';

export class MatchService {
  constructor(
    private readonly deps: {
      readonly matcher: Pick<BankMatcher, 'match'>;
      readonly floodControl: Pick<FloodControl, 'observe'>;
    },
  ) {}

  async match(platform: PlatformRecord, request: MatchRequest): Promise<MatchResponse> {
    const hits = await this.deps.matcher.match(request.signals.map(toMatcherQuery));
    const protectedHits = hits.flat().filter((hit) => hit.bank.purpose === 'protect');
    await this.deps.floodControl.observe(
      platform.id,
      protectedHits.map((hit) => hit.id),
    );
    return {
      results: hits.map((matches) => ({
        matches: matches.map((hit) => ({
          id: hit.id,
          distance: hit.distance,
          bank: hit.bank.name,
          ...(hit.queryMatchPercent === undefined
            ? {}
            : {
                queryMatchPercent: hit.queryMatchPercent,
                comparedMatchPercent: hit.comparedMatchPercent,
              }),
        })),
      })),
    };
  }
}
