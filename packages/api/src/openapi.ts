/**
 * The OpenAPI 3.1 document of the API, generated from the route table and the zod schemas (JSON
 * Schema 2020-12, which OpenAPI 3.1 uses as is).
 */
import { z } from 'zod';
import { errorCodes, type ErrorCode } from './errors.ts';
import { routes, type RouteSpec } from './routes.ts';
import { apiSchemas } from './schemas.ts';

type JsonObject = { [key: string]: unknown };

/** The parts of an OpenAPI 3.1 document that tools read; the rest is plain JSON. */
export interface OpenApiDocument {
  readonly openapi: '3.1.0';
  readonly info: { readonly title: string; readonly version: string; readonly description: string };
  readonly paths: Record<string, Record<string, JsonObject>>;
  readonly components: {
    readonly schemas: Record<string, JsonObject>;
    readonly securitySchemes: Record<string, JsonObject>;
  };
  readonly [key: string]: unknown;
}

const schemaRef = (id: string) => `#/components/schemas/${id}`;

/**
 * Builds the OpenAPI 3.1 document. Pure: the same input gives the same document.
 *
 * @example
 * const doc = openApiDocument();
 * doc.paths['/api/v1/match']?.['post']?.['operationId']; // 'match'
 */
export function openApiDocument(): OpenApiDocument {
  const generated = z.toJSONSchema(apiSchemas, { uri: schemaRef, io: 'input' }) as {
    schemas: Record<string, JsonObject>;
  };
  const schemas: Record<string, JsonObject> = {};
  for (const [id, schema] of Object.entries(generated.schemas)) {
    const { $schema: _schema, $id: _id, ...rest } = schema;
    schemas[id] = rest;
  }

  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const [name, route] of Object.entries(routes) as [string, RouteSpec][]) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation(name, route);
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Aman API',
      version: '1',
      description:
        'Aman\'s hash bank. Victims open cases with hashes computed on their own device (never media) and follow what platforms did; platforms match hashes, sync the change feed and report back. Every error is {"error": {"code", "message"}}.',
    },
    tags: [
      { name: 'victims', description: 'No account: a case number and a PIN, shown once.' },
      { name: 'platforms', description: 'Authorization: Bearer <apiKey>, with scopes.' },
      { name: 'curation', description: 'Banks and review of quarantined signals.' },
      { name: 'service', description: 'Operations.' },
      {
        name: 'console',
        description:
          'Staff (admin, helpline, investigator, platform): session cookie from /api/v1/staff/login, X-CSRF-Token on changes.',
      },
    ],
    paths,
    components: {
      schemas,
      securitySchemes: {
        platformKey: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A platform API key (`aman platform add NAME` prints one, once). The scopes listed on a route are required.',
        },
        staffSession: {
          type: 'apiKey',
          in: 'cookie',
          name: 'aman_staff',
          description:
            'A staff session (POST /api/v1/staff/login). The roles listed on a route are the ones allowed; POST and PATCH also need the X-CSRF-Token header of the session.',
        },
        casePin: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Case-Pin',
          description:
            'The PIN shown when the case was opened. Repeated wrong PINs lock the case for a while.',
        },
      },
    },
  };
}

function operation(name: string, route: RouteSpec): JsonObject {
  const op: JsonObject = {
    operationId: name,
    summary: route.summary,
    tags: [route.tag],
    security: security(route),
  };
  if (route.description !== undefined) op['description'] = route.description;
  const parameters = [...pathParameters(route.path), ...queryParameters(route.query)];
  if (parameters.length > 0) op['parameters'] = parameters;
  if (route.body !== undefined) {
    op['requestBody'] = {
      // An empty withdraw body withdraws the whole case.
      required: name !== 'withdraw',
      content: { 'application/json': { schema: { $ref: schemaRef(idOf(route.body)) } } },
    };
  } else if (route.bytes?.request !== undefined) {
    op['requestBody'] = {
      required: true,
      content: {
        'application/octet-stream': {
          schema: { type: 'string', contentMediaType: 'application/octet-stream' },
          'x-max-bytes': route.bytes.request.maxBytes,
        },
      },
    };
  }
  const success: JsonObject = { description: route.summary };
  if (route.response !== undefined) {
    success['content'] = {
      'application/json': { schema: { $ref: schemaRef(idOf(route.response)) } },
    };
  } else if (route.bytes?.response === true) {
    success['content'] = {
      'application/octet-stream': {
        schema: { type: 'string', contentMediaType: 'application/octet-stream' },
      },
    };
  }
  const responses: Record<string, JsonObject> = { [String(route.status)]: success };
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of [...route.errors, 'internal_error'] as ErrorCode[]) {
    const status = errorCodes[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: codes.map((code) => `\`${code}\`: ${errorCodes[code].description}`).join('\n\n'),
      'x-error-codes': codes,
      content: { 'application/json': { schema: { $ref: schemaRef('ErrorResponse') } } },
    };
  }
  op['responses'] = responses;
  return op;
}

function security(route: RouteSpec): JsonObject[] {
  if (route.auth === 'none') return [];
  if (route.auth === 'pin') return [{ casePin: [] }];
  if ('roles' in route.auth) return [{ staffSession: [...route.auth.roles] }];
  return [{ platformKey: [route.auth.scope] }];
}

const pathParameterSchemas: Record<string, JsonObject> = {
  caseNumber: {
    type: 'string',
    description: 'XXXX-XXXX-XXXX-XXXX; case, spaces and dashes do not matter.',
  },
  bank: { type: 'string', description: 'The bank name (protect, lure, allow, …).' },
  id: { type: 'integer', minimum: 1, description: 'A signal id.' },
  evidenceId: { type: 'string', description: 'The id the server gave the evidence item.' },
  staffId: { type: 'integer', minimum: 1, description: 'A staff account id.' },
  shareId: { type: 'integer', minimum: 1, description: 'A consent share id.' },
  keyId: { type: 'integer', minimum: 1, description: 'An API key id.' },
  networkId: { type: 'string', description: 'A network id (net-…), stable across restarts.' },
};

function pathParameters(path: string): JsonObject[] {
  return [...path.matchAll(/:(\w+)/g)].map(([, name = '']) => ({
    name,
    in: 'path',
    required: true,
    schema: pathParameterSchemas[name] ?? { type: 'string' },
  }));
}

function queryParameters(query: z.ZodType | undefined): JsonObject[] {
  if (query === undefined) return [];
  const schema = z.toJSONSchema(query, { io: 'input' }) as {
    properties?: Record<string, JsonObject>;
    required?: string[];
  };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    schema: property,
  }));
}

function idOf(schema: z.ZodType): string {
  const id = apiSchemas.get(schema)?.id;
  if (id === undefined) throw new Error('every route body and response schema has an id');
  return id;
}
