import type { FastifyInstance } from 'fastify';
import { routes, type TriageResponse } from '@aman/api';
import { defineRoute, type RouteDeps } from '../http/define-route.ts';

/** Message triage (@aman/triage `analyze`): the text is analysed in memory, never stored or logged. */
export type Triage = (text: string) => TriageResponse;

export function triageRoutes(app: FastifyInstance, deps: RouteDeps & { triage: Triage }): void {
  defineRoute(app, routes.triage, deps, ({ body }) => Promise.resolve(deps.triage(body.text)));
}
