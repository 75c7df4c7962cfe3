import type { FastifyInstance } from 'fastify';
import { routes } from '@aman/api';
import { defineRoute, type RouteDeps } from '../http/define-route.ts';
import type { EvidenceService } from '../services/evidence.service.ts';

/** Victims: the evidence locker's sealed items (docs/EVIDENCE-LOCKER.md). */
export function evidenceRoutes(
  app: FastifyInstance,
  deps: RouteDeps & { evidence: EvidenceService },
): void {
  const { evidence } = deps;
  defineRoute(app, routes.storeEvidence, deps, ({ params, pin, request }) =>
    evidence.add(params['caseNumber']!, pin, request.body),
  );
  defineRoute(app, routes.listEvidence, deps, ({ params, pin }) =>
    evidence.list(params['caseNumber']!, pin),
  );
  defineRoute(app, routes.getEvidence, deps, ({ params, pin }) =>
    evidence.read(params['caseNumber']!, pin, params['evidenceId']!),
  );
  defineRoute(app, routes.deleteEvidence, deps, ({ params, pin }) =>
    evidence.remove(params['caseNumber']!, pin, params['evidenceId']!),
  );
}
