import type { FastifyInstance } from 'fastify';
import { routes } from '@aman/api';
import { defineRoute, type RouteDeps } from '../http/define-route.ts';
import type { ReportService } from '../services/report.service.ts';
import type { ShareService } from '../services/share.service.ts';
import { idParam } from './params.ts';

/** Victims (case number + PIN): messages added to the case, shares with helplines. */
export function caseSharingRoutes(
  app: FastifyInstance,
  deps: RouteDeps & { reports: ReportService; shares: ShareService },
): void {
  const { reports, shares } = deps;
  defineRoute(app, routes.addReport, deps, ({ params, pin, body }) =>
    reports.add(params['caseNumber']!, pin, body),
  );
  defineRoute(app, routes.listReports, deps, ({ params, pin }) =>
    reports.list(params['caseNumber']!, pin),
  );
  defineRoute(app, routes.deleteReport, deps, ({ params, pin }) =>
    reports.remove(params['caseNumber']!, pin, idParam(params['reportId'])),
  );
  defineRoute(app, routes.listHelplines, deps, () => shares.directory());
  defineRoute(app, routes.createShare, deps, ({ params, pin, body }) =>
    shares.share(params['caseNumber']!, pin, body),
  );
  defineRoute(app, routes.listShares, deps, ({ params, pin }) =>
    shares.shares(params['caseNumber']!, pin),
  );
  defineRoute(app, routes.revokeShare, deps, ({ params, pin }) =>
    shares.revoke(params['caseNumber']!, pin, idParam(params['shareId'])),
  );
}
