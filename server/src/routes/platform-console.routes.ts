import type { FastifyInstance } from 'fastify';
import { routes } from '@aman/api';
import { defineRoute, type RouteDeps } from '../http/define-route.ts';
import type { PlatformConsoleService } from '../services/platform-console.service.ts';
import { idParam } from './params.ts';

/** The platform area: API keys, statistics, banks; admins: every platform, thresholds. */
export function platformConsoleRoutes(
  app: FastifyInstance,
  deps: RouteDeps & { platformConsole: PlatformConsoleService },
): void {
  const service = deps.platformConsole;
  defineRoute(app, routes.myPlatform, deps, ({ staff }) => service.overview(staff));
  defineRoute(app, routes.createApiKey, deps, ({ staff, body }) =>
    service.createKey(staff, body.label),
  );
  defineRoute(app, routes.rotateApiKey, deps, ({ staff, params }) =>
    service.rotateKey(staff, idParam(params['keyId'])),
  );
  defineRoute(app, routes.revokeApiKey, deps, ({ staff, params }) =>
    service.revokeKey(staff, idParam(params['keyId'])),
  );
  defineRoute(app, routes.consoleBanks, deps, () => service.banks());
  defineRoute(app, routes.updateThresholds, deps, ({ staff, params, body }) =>
    service.updateThresholds(staff, params['bank']!, body),
  );
  defineRoute(app, routes.listPlatformsAdmin, deps, () => service.all());
  defineRoute(app, routes.createPlatformAdmin, deps, ({ staff, body }) =>
    service.create(staff, body),
  );
}
