/**
 * Registers a route of the @aman/api route table: authenticates (platform key), applies the rate
 * limit (victims' routes), validates the body and query with the route's schemas, and answers with
 * the route's status. Handlers stay one line: they call a service.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { validate, type RouteSpec, type Scope } from '@aman/api';
import { DomainError } from '../errors.ts';
import type { PlatformRecord } from '../repositories/store.ts';
import type { PlatformService } from '../services/platform.service.ts';
import type { RateLimiter } from './rate-limit.ts';

type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteContext<R extends RouteSpec> {
  readonly body: Output<R['body']>;
  readonly query: Output<R['query']>;
  readonly params: Readonly<Record<string, string>>;
  /** The X-Case-Pin header, on PIN routes. */
  readonly pin: string | undefined;
  readonly platform: R['auth'] extends { scope: Scope } ? PlatformRecord : undefined;
  readonly request: FastifyRequest;
}

export interface RouteDeps {
  readonly platforms: Pick<PlatformService, 'authenticate'>;
  readonly rateLimiter: Pick<RateLimiter, 'take'>;
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
    handler: async (request, reply) => {
      if (route.tag === 'victims') deps.rateLimiter.take(request.ip);
      const platform =
        typeof route.auth === 'object'
          ? await deps.platforms.authenticate(request.headers.authorization, route.auth.scope)
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
        request,
      } as RouteContext<R>);
      return reply.code(route.status).send(result);
    },
  });
}

function parse(schema: z.ZodType, input: unknown): unknown {
  const result = validate(schema, input);
  if (!result.ok) throw new DomainError(result.error.code, result.error.message);
  return result.value;
}
