import type { FastifyInstance } from 'fastify';
import { routes } from '@aman/api';
import { defineRoute, type RouteDeps } from '../http/define-route.ts';
import type { ShareService } from '../services/share.service.ts';
import { idParam } from './params.ts';

/** Helplines: the cases victims shared with them. */
export function helplineRoutes(
  app: FastifyInstance,
  deps: RouteDeps & { shares: ShareService },
): void {
  const { shares } = deps;
  defineRoute(app, routes.helplineCases, deps, ({ staff }) => shares.cases(staff));
  defineRoute(app, routes.helplineCase, deps, ({ staff, params }) =>
    shares.detail(staff, idParam(params['shareId'])),
  );
  defineRoute(app, routes.updateHelplineCase, deps, ({ staff, params, body }) =>
    shares.update(staff, idParam(params['shareId']), body),
  );
  defineRoute(app, routes.addCaseNote, deps, ({ staff, params, body }) =>
    shares.addNote(staff, idParam(params['shareId']), body),
  );
  defineRoute(app, routes.helplineMembers, deps, ({ staff }) => shares.members(staff));
}
