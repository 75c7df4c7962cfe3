import type { FastifyInstance } from 'fastify';
import { openApiDocument, routes, type HealthResponse } from '@aman/api';
import { docsCss, docsHtml, docsJs } from '../http/docs-page.ts';
import { defineRoute, type RouteDeps } from '../http/define-route.ts';

/** Health, the OpenAPI document and its documentation page. */
export function metaRoutes(
  app: FastifyInstance,
  deps: RouteDeps & { health: () => HealthResponse },
): void {
  defineRoute(app, routes.health, deps, () => Promise.resolve(deps.health()));

  const document = JSON.stringify(openApiDocument());
  app.get('/api/openapi.json', (_, reply) =>
    reply.type('application/json; charset=utf-8').send(document),
  );
  const docsCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  app.get('/api/docs', (_, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', docsCsp)
      .send(docsHtml),
  );
  app.get('/api/docs/docs.js', (_, reply) =>
    reply.type('text/javascript; charset=utf-8').send(docsJs),
  );
  app.get('/api/docs/docs.css', (_, reply) => reply.type('text/css; charset=utf-8').send(docsCss));
}
