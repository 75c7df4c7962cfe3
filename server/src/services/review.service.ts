/**
 * Review of the signals flood control set aside.
 */
import type { QuarantineResponse, ReviewRequest, ReviewResponse } from '@aman/api';
import { DomainError } from '../errors.ts';
import type { Clock } from '../repositories/clock.ts';
import type { Store } from '../repositories/store.ts';
import type { AuditActor, AuditTrail } from '../security/audit-trail.ts';
import type { FloodControlConfig } from './flood-control.ts';
import { toApiValue } from './signal-values.ts';

export class ReviewService {
  constructor(
    private readonly deps: {
      readonly store: Store;
      readonly clock: Clock;
      readonly flood: FloodControlConfig;
      readonly syncMatcher: () => Promise<void>;
      readonly audit: AuditTrail;
    },
  ) {}

  async quarantine(): Promise<QuarantineResponse> {
    const since = new Date(this.deps.clock.now().getTime() - this.deps.flood.windowMs);
    const records = await this.deps.store.listQuarantined(since);
    return {
      signals: records.map((record) => ({
        id: record.signal.id,
        type: record.signal.type,
        value: toApiValue(record.signal.type, record.signal.value),
        bank: record.bankName,
        quarantinedAt: record.quarantinedAt.toISOString(),
        platforms: record.platforms,
      })),
    };
  }

  async review(id: number, request: ReviewRequest, actor: AuditActor): Promise<ReviewResponse> {
    const result = await this.deps.store.reviewSignal(id, request.decision, this.deps.clock.now());
    switch (result.kind) {
      case 'not_found':
        throw new DomainError('signal_not_found', `no signal has id ${id}`);
      case 'not_quarantined':
        throw new DomainError('not_quarantined', `signal ${id} is not waiting for review`);
      case 'reviewed':
        await this.deps.syncMatcher();
        await this.deps.audit.record({
          actor,
          action: 'signal.review',
          target: `signal:${id}`,
          details: { decision: request.decision },
        });
        return { id, status: result.status };
    }
  }
}
