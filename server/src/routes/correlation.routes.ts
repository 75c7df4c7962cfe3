import type { FastifyInstance, FastifyReply } from 'fastify';
import { routes } from '@aman/api';
import { defineRoute, type RouteDeps } from '../http/define-route.ts';
import type { CorrelationService } from '../services/correlation.service.ts';

/** Investigators: networks, graph, trends, hubs, safelist, exports; platforms: identifier lookup. */
export function correlationRoutes(
  app: FastifyInstance,
  deps: RouteDeps & { correlation: CorrelationService },
): void {
  const { correlation } = deps;
  defineRoute(app, routes.listNetworks, deps, ({ query }) => correlation.networks(query));
  defineRoute(app, routes.getNetwork, deps, ({ params }) =>
    Promise.resolve(correlation.network(params['networkId']!)),
  );
  defineRoute(app, routes.networkGraph, deps, ({ params }) =>
    Promise.resolve(correlation.graph(params['networkId']!)),
  );
  defineRoute(app, routes.wholeGraph, deps, ({ query }) =>
    Promise.resolve(correlation.wholeGraph(query)),
  );
  defineRoute(app, routes.trends, deps, ({ query }) => Promise.resolve(correlation.trends(query)));
  defineRoute(app, routes.hubs, deps, () => Promise.resolve(correlation.hubs()));
  defineRoute(app, routes.exportMisp, deps, async ({ staff, params, reply }) => {
    const networkId = params['networkId']!;
    const event = await correlation.exportMisp(staff, networkId);
    download(reply, `aman-${networkId}.misp.json`);
    return event;
  });
  defineRoute(app, routes.exportStix, deps, async ({ staff, params, reply }) => {
    const networkId = params['networkId']!;
    const bundle = await correlation.exportStix(staff, networkId);
    download(reply, `aman-${networkId}.stix.json`);
    return bundle;
  });
  defineRoute(app, routes.listSafelist, deps, () => correlation.safelistEntries());
  defineRoute(app, routes.addSafelist, deps, ({ staff, body }) =>
    correlation.addSafelist(staff, body),
  );
  defineRoute(app, routes.removeSafelist, deps, ({ staff, body }) =>
    correlation.removeSafelist(staff, body),
  );
  defineRoute(app, routes.lookupIdentifier, deps, ({ platform, query }) =>
    correlation.lookup(platform, query.type, query.value),
  );
}

/** Network ids are `net-` and hex: safe in a file name as they are. */
function download(reply: FastifyReply, fileName: string): void {
  const safe = fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  void reply.header('content-disposition', `attachment; filename="${safe}"`);
}
