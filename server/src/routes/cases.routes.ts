import type { FastifyInstance } from 'fastify';
import { routes } from '@aman/api';
import { defineRoute, type RouteDeps } from '../http/define-route.ts';
import type { CaseService } from '../services/case.service.ts';

/** Victims: open, follow, add to and withdraw a case. */
export function caseRoutes(app: FastifyInstance, deps: RouteDeps & { cases: CaseService }): void {
  const { cases } = deps;
  defineRoute(app, routes.createCase, deps, ({ body }) => cases.open(body));
  defineRoute(app, routes.getCase, deps, ({ params, pin }) =>
    cases.view(params['caseNumber']!, pin),
  );
  defineRoute(app, routes.addSignals, deps, ({ params, pin, body }) =>
    cases.addSignals(params['caseNumber']!, pin, body),
  );
  defineRoute(app, routes.withdraw, deps, ({ params, pin, body }) =>
    cases.withdraw(params['caseNumber']!, pin, body),
  );
}
