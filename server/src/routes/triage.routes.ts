import type { FastifyInstance } from 'fastify';
import { routes } from '@aman/api';
import { DomainError } from '../errors.ts';
import { defineRoute, type RouteDeps } from '../http/define-route.ts';

/** Message triage: the text is analysed in memory and never stored or logged. */
export type Triage = (text: string) => unknown;

export function triageRoutes(
  app: FastifyInstance,
  deps: RouteDeps & { triage: Triage | undefined },
): void {
  defineRoute(app, routes.triage, deps, ({ body }) => {
    if (deps.triage === undefined) {
      return Promise.reject(
        new DomainError('not_found', 'message triage is not available on this server'),
      );
    }
    return Promise.resolve(deps.triage(body.text));
  });
}
