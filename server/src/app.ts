/**
 * The HTTP application: routes over services, one error handler, the web app's files. It does not
 * listen: main.ts does, and tests call `listen({ port: 0 })` on what this returns.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { HealthResponse } from '@aman/api';
import { consoleRoutes, type ConsoleServices } from './console.ts';
import { installErrorHandler } from './http/error-handler.ts';
import { RateLimiter } from './http/rate-limit.ts';
import { installSecurityHeaders } from './http/security-headers.ts';
import { caseRoutes } from './routes/cases.routes.ts';
import { curationRoutes } from './routes/curation.routes.ts';
import { evidenceRoutes } from './routes/evidence.routes.ts';
import { metaRoutes } from './routes/meta.routes.ts';
import { platformRoutes } from './routes/platform.routes.ts';
import { triageRoutes, type Triage } from './routes/triage.routes.ts';
import type { BankService } from './services/bank.service.ts';
import type { CaseService } from './services/case.service.ts';
import type { EvidenceService } from './services/evidence.service.ts';
import type { FeedService } from './services/feed.service.ts';
import type { FeedbackService } from './services/feedback.service.ts';
import type { MatchService } from './services/match.service.ts';
import type { PlatformActivity } from './services/platform-activity.ts';
import type { PlatformService } from './services/platform.service.ts';
import type { ReviewService } from './services/review.service.ts';
import type { AuditTrail } from './security/audit-trail.ts';

export interface Services {
  readonly cases: CaseService;
  readonly evidence: EvidenceService;
  readonly platforms: PlatformService;
  readonly matching: MatchService;
  readonly feed: FeedService;
  readonly feedback: FeedbackService;
  readonly banks: BankService;
  readonly review: ReviewService;
  /** Key use, counted per platform and route and recorded in the audit log every minute. */
  readonly activity: PlatformActivity;
  readonly audit: AuditTrail;
  readonly health: () => HealthResponse;
  /** Message triage (@aman/triage `analyze`). */
  readonly triage: Triage;
  /** The console (staff, consent shares, correlation); its routes answer only when present. */
  readonly console?: ConsoleServices;
}

export interface AppOptions {
  readonly services: Services;
  /** The built web app (web/dist); served with an SPA fallback when it exists. */
  readonly webRoot?: string;
  /** Largest request body, in bytes. */
  readonly bodyLimit: number;
  /** Victims' routes: requests per minute per client address (0: no limit). */
  readonly rateLimitPerMinute: number;
  /** Platform routes: requests per minute per platform key (absent or 0: no limit). */
  readonly platformRateLimitPerMinute?: number;
  /** Fastify's trustProxy: true, a hop count or addresses, when behind a reverse proxy. */
  readonly trustProxy?: FastifyServerOptions['trustProxy'];
  readonly logger?: FastifyServerOptions['logger'];
}

/**
 * Builds the application without listening.
 *
 * @example
 * const app = await buildApp({ services, bodyLimit: 2 ** 21, rateLimitPerMinute: 60 });
 * await app.listen({ port: 8080, host: '127.0.0.1' });
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit,
    trustProxy: options.trustProxy ?? false,
    // Request lines carry case numbers: they stay out of the logs.
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
  });
  // JSON only: a text/plain body is refused with 415, like any upload.
  app.removeContentTypeParser('text/plain');
  // Bytes only where a route takes them (evidence items); anywhere else, 415 like any upload.
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer' },
    (request, body, done) => {
      if ((request.routeOptions.config as { acceptsBytes?: boolean }).acceptsBytes === true) {
        done(null, body);
      } else {
        done(Object.assign(new Error('no bytes here'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }));
      }
    },
  );
  installErrorHandler(app);

  installSecurityHeaders(app, options.webRoot === undefined ? {} : { webRoot: options.webRoot });
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
    done(null, payload);
  });

  const { services } = options;
  const deps = {
    platforms: services.platforms,
    rateLimiter: new RateLimiter(options.rateLimitPerMinute),
    platformLimiter: new RateLimiter(
      options.platformRateLimitPerMinute ?? 0,
      Date.now,
      'platform key',
    ),
    activity: services.activity,
  };
  caseRoutes(app, { ...deps, cases: services.cases });
  evidenceRoutes(app, { ...deps, evidence: services.evidence });
  platformRoutes(app, { ...deps, ...services });
  curationRoutes(app, { ...deps, banks: services.banks, review: services.review });
  triageRoutes(app, { ...deps, triage: services.triage });
  metaRoutes(app, { ...deps, health: services.health });
  if (services.console !== undefined) consoleRoutes(app, { ...deps, ...services.console });

  const webRoot = options.webRoot;
  const hasWebApp = webRoot !== undefined && existsSync(join(webRoot, 'index.html'));
  if (hasWebApp) {
    await app.register(fastifyStatic, {
      root: webRoot,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, path) => {
        // Vite's assets are named by their content hash: they never change.
        void reply.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isApi = path === '/api' || path.startsWith('/api/');
    if (hasWebApp && !isApi && (request.method === 'GET' || request.method === 'HEAD')) {
      // The portal routes in the browser: every other path gets its page.
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.code(404).send({
      error: { code: 'not_found', message: `no route answers ${request.method} ${path}` },
    });
  });
  return app;
}
