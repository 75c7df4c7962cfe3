/**
 * What platforms did about a signal. The victim sees each platform's latest decision on the case.
 */
import type { FeedbackRequest, FeedbackResponse } from '@aman/api';
import { DomainError } from '../errors.ts';
import type { Clock } from '../repositories/clock.ts';
import type { PlatformRecord, Store } from '../repositories/store.ts';
import type { AuditTrail } from '../security/audit-trail.ts';

export class FeedbackService {
  constructor(
    private readonly deps: {
      readonly store: Store;
      readonly clock: Clock;
      readonly audit: AuditTrail;
    },
  ) {}

  async record(platform: PlatformRecord, request: FeedbackRequest): Promise<FeedbackResponse> {
    const at = this.deps.clock.now();
    const recorded = await this.deps.store.recordFeedback({
      platformId: platform.id,
      signalId: request.id,
      decision: request.decision,
      at,
    });
    if (!recorded) throw new DomainError('signal_not_found', `no signal has id ${request.id}`);
    await this.deps.audit.record({
      actor: { kind: 'platform', id: String(platform.id) },
      action: 'feedback.record',
      target: `signal:${request.id}`,
      details: { decision: request.decision },
    });
    return { id: request.id, decision: request.decision, at: at.toISOString() };
  }
}
