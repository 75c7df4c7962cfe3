/**
 * The one place where errors become HTTP responses: `{"error": {"code", "message"}}` with the
 * status of the code. Services throw `DomainError`; Fastify's own errors (body too large, not JSON)
 * are translated here; anything else is a bug, answered with a 500 that reveals nothing.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { statusOf, type ApiErrorBody, type ErrorCode } from '@aman/api';
import { DomainError } from '../errors.ts';
import { isStoreUnavailable } from '../repositories/store-errors.ts';

/** Fastify's errors that are the client's fault, by Fastify error code. */
const fastifyErrors: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'body_too_large', message: 'the body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type',
    message:
      'send the body as JSON, with Content-Type: application/json; this API never takes files',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'invalid_json',
    message: 'the body is empty; send a JSON object (or {} where nothing is needed)',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'invalid_json', message: 'the body is not valid JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'invalid_request',
    message: 'the Content-Length does not match the body',
  },
};

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body, headers } = toErrorResponse(error, request);
    void reply.code(status).headers(headers).send({ error: body });
  });
}

function toErrorResponse(
  error: FastifyError,
  request: FastifyRequest,
): { status: number; body: ApiErrorBody; headers: Record<string, string> } {
  if (error instanceof DomainError) {
    return {
      status: error.status,
      body: { code: error.code, message: error.message },
      headers: { ...error.headers },
    };
  }
  const known = error.code === undefined ? undefined : fastifyErrors[error.code];
  if (known !== undefined) {
    return { status: statusOf(known.code), body: known, headers: {} };
  }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_PARSE_TYPE') {
    return {
      status: 400,
      body: { code: 'invalid_json', message: 'the body is not valid JSON' },
      headers: {},
    };
  }
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    // e.g. __proto__ in the body (secure-json-parse refuses it)
    return {
      status: 400,
      body: { code: 'invalid_request', message: 'the request is not valid' },
      headers: {},
    };
  }
  if (isStoreUnavailable(error)) {
    // The database is restarting, unreachable or busy: nothing was changed, and it passes.
    request.log.warn({ code: error.code, route: request.routeOptions.url }, 'store unavailable');
    return {
      status: 503,
      body: {
        code: 'store_unavailable',
        message:
          'the database cannot be reached right now; nothing was changed; try again in a moment',
      },
      headers: { 'retry-after': '2' },
    };
  }
  // A bug: log it for the operators (the error, never the body), tell the client nothing more.
  request.log.error({ err: error, route: request.routeOptions.url }, 'request failed');
  return {
    status: 500,
    body: {
      code: 'internal_error',
      message: 'the server failed; nothing was changed; try again later',
    },
    headers: {},
  };
}
