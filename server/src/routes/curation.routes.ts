import type { FastifyInstance } from 'fastify';
import { routes } from '@aman/api';
import { DomainError } from '../errors.ts';
import { defineRoute, type RouteDeps } from '../http/define-route.ts';
import type { PlatformRecord } from '../repositories/store.ts';
import type { AuditActor } from '../security/audit-trail.ts';
import type { BankService } from '../services/bank.service.ts';
import type { ReviewService } from '../services/review.service.ts';

/** Curators and reviewers: bank thresholds, the lure and allow banks, quarantined signals. */
export function curationRoutes(
  app: FastifyInstance,
  deps: RouteDeps & { banks: BankService; review: ReviewService },
): void {
  const { banks, review } = deps;
  defineRoute(app, routes.updateBank, deps, ({ params, body, platform }) =>
    banks.updateThresholds(params['bank']!, body, platformActor(platform)),
  );
  defineRoute(app, routes.addBankSignals, deps, ({ params, body, platform }) =>
    banks.addSignals(params['bank']!, body, platformActor(platform)),
  );
  defineRoute(app, routes.withdrawBankSignals, deps, ({ params, body, platform }) =>
    banks.withdrawSignals(params['bank']!, body, platformActor(platform)),
  );
  defineRoute(app, routes.listQuarantine, deps, () => review.quarantine());
  defineRoute(app, routes.review, deps, ({ params, body, platform }) =>
    review.review(signalIdParam(params['id']!), body, platformActor(platform)),
  );
}

function platformActor(platform: PlatformRecord): AuditActor {
  return { kind: 'platform', id: String(platform.id) };
}

function signalIdParam(text: string): number {
  const id = /^\d{1,15}$/.test(text) ? Number(text) : 0;
  if (id < 1)
    throw new DomainError(
      'invalid_signal_id',
      `a signal id is a positive integer, got "${text.slice(0, 40)}"`,
    );
  return id;
}
