/**
 * Registers a route of the @aman/api route table: authenticates (platform key, or staff session
 * with its role and CSRF checks), applies the rate limit (victims' routes), validates the body and
 * query with the route's schemas, and answers with the route's status. Handlers stay one line:
 * they call a service.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { validate, type RouteSpec, type Scope, type StaffRole } from '@aman/api';
import { DomainError } from '../errors.ts';
import type { PlatformRecord } from '../repositories/store.ts';
import type { PlatformActivity } from '../services/platform-activity.ts';
import type { PlatformService } from '../services/platform.service.ts';
import type { StaffSessions } from '../services/staff-sessions.service.ts';
import type { SignedInStaff } from '../services/staff-view.ts';
import type { RateLimiter } from './rate-limit.ts';
import { authenticateStaff } from './staff-auth.ts';

type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteContext<R extends RouteSpec> {
  readonly body: Output<R['body']>;
  readonly query: Output<R['query']>;
  readonly params: Readonly<Record<string, string>>;
  /** The X-Case-Pin header, on PIN routes. */
  readonly pin: string | undefined;
  readonly platform: R['auth'] extends { scope: Scope } ? PlatformRecord : undefined;
  /** The signed-in staff member, on staff routes. */
  readonly staff: R['auth'] extends { roles: readonly StaffRole[] } ? SignedInStaff : undefined;
  readonly request: FastifyRequest;
  /** For the few routes that set headers (the session cookie, downloads). */
  readonly reply: FastifyReply;
}

export interface RouteDeps {
  readonly platforms: Pick<PlatformService, 'authenticate'>;
  readonly rateLimiter: Pick<RateLimiter, 'take'>;
  /** Platform routes: a request budget per platform key. */
  readonly platformLimiter?: Pick<RateLimiter, 'take'>;
  /** Key use, counted for the audit log (platform routes). */
  readonly activity?: Pick<PlatformActivity, 'attach' | 'hook'>;
  /** Staff routes' session check; without it they answer 401. */
  readonly staffSessions?: Pick<StaffSessions, 'check'>;
}

export function defineRoute<R extends RouteSpec>(
  app: FastifyInstance,
  route: R,
  deps: RouteDeps,
  handler: (context: RouteContext<R>) => Promise<unknown>,
): void {
  app.route({
    method: route.method,
    url: route.path,
    // Byte routes (evidence items) have their own, larger limit; app.ts refuses bytes elsewhere.
    ...(route.bytes?.request === undefined
      ? {}
      : { bodyLimit: route.bytes.request.maxBytes, config: { acceptsBytes: true } }),
    ...(typeof route.auth === 'object' && 'scope' in route.auth && deps.activity !== undefined
      ? { onResponse: deps.activity.hook(`${route.method} ${route.path}`) }
      : {}),
    handler: async (request, reply) => {
      if (route.tag === 'victims') deps.rateLimiter.take(request.ip);
      const platform =
        typeof route.auth === 'object' && 'scope' in route.auth
          ? await deps.platforms.authenticate(request.headers.authorization, route.auth.scope)
          : undefined;
      if (platform !== undefined) {
        deps.activity?.attach(request, platform);
        deps.platformLimiter?.take(String(platform.id));
      }
      const staff =
        typeof route.auth === 'object' && 'roles' in route.auth
          ? await authenticateStaff(
              request,
              reply,
              route.auth.roles,
              deps.staffSessions ?? noSessions,
            )
          : undefined;
      const body = route.body === undefined ? undefined : parse(route.body, request.body ?? {});
      const query = route.query === undefined ? undefined : parse(route.query, request.query);
      const pin = request.headers['x-case-pin'];
      const result = await handler({
        body,
        query,
        params: request.params as Record<string, string>,
        pin: typeof pin === 'string' ? pin : undefined,
        platform,
        staff,
        request,
        reply,
      } as RouteContext<R>);
      return reply.code(route.status).send(result);
    },
  });
}

const noSessions: Pick<StaffSessions, 'check'> = {
  check: () =>
    Promise.reject(new DomainError('not_signed_in', 'this server has no staff accounts')),
};

function parse(schema: z.ZodType, input: unknown): unknown {
  const result = validate(schema, input);
  if (!result.ok) throw new DomainError(result.error.code, result.error.message);
  return result.value;
}
