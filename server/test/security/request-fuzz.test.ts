/**
 * Bad input, property-based: for EVERY route of the @aman/api table, arbitrary requests (bodies
 * and queries shaped by the route's schema with mistakes at every level, arbitrary JSON, random
 * path parameters, bytes) sent to the real application (core and console, SQLite) with valid
 * credentials, so that they reach validation and the services. Every answer is 2xx (and then
 * matches the route's response schema) or 4xx with {"error": {"code", "message"}}: never 5xx,
 * never a crash; the server answers normally afterwards.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isErrorCode,
  routePath,
  routes,
  STAFF_ROLES,
  type RouteSpec,
  type StaffRole,
} from '@aman/api';
import { startConsoleTestServer, type ConsoleTestServer } from '../helpers/console-harness.ts';
import { randomPdq } from '../helpers/factories.ts';
import { requestArbitrary } from '../helpers/schema-arbitrary.ts';
import { storeKinds, type TestStoreLocation } from '../helpers/stores.ts';

interface Credentials {
  apiKey: string;
  caseNumber: string;
  pin: string;
  signalId: number;
  evidenceId: string;
  staff: Record<StaffRole, { cookie: string; csrf: string; id: number }>;
}

let location: TestStoreLocation;
let server: ConsoleTestServer;
let credentials: Credentials;

beforeAll(async () => {
  location = await storeKinds[0]!.createLocation();
  server = await startConsoleTestServer(location.location);
  const platform = await server.platform('Fuzz Platform');
  const opened = await server.victim.createCase({
    signals: [{ type: 'pdq', value: randomPdq(), quality: 90 }],
  });
  if (!opened.ok) throw new Error(opened.error.message);
  const { caseNumber, pin } = opened.value;
  const view = await server.victim.getCase(caseNumber, pin);
  const item = await server.victim.storeEvidence(
    caseNumber,
    pin,
    new Uint8Array([0x41, 0x4d, 0x45, 0x56, 1, ...new Uint8Array(40)]),
  );
  if (!view.ok || !item.ok) throw new Error('setup failed');
  const staff = {} as Credentials['staff'];
  for (const role of STAFF_ROLES) {
    const name = `fuzz-${role}`;
    const member = await server.staff({
      name,
      role,
      ...(role === 'helpline' ? { helpline: 'Fuzz helpline' } : {}),
      ...(role === 'platform' ? { platform: 'Fuzz Platform' } : {}),
    });
    // A second session of our own, whose cookie and CSRF token we send by hand.
    const login = await server.app.inject({
      method: 'POST',
      url: '/api/v1/staff/login',
      payload: { name, password: member.password },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    staff[role] = {
      cookie,
      csrf: login.json<{ csrfToken: string }>().csrfToken,
      id: member.record.id,
    };
  }
  credentials = {
    apiKey: platform.apiKey,
    caseNumber,
    pin,
    signalId: view.value.signals[0]!.id,
    evidenceId: item.value.id,
    staff,
  };
});

afterAll(async () => {
  await server?.close();
  await location?.dispose();
});

// Routes that end the session or change who can sign in run last.
const LAST = new Set(['staffLogout', 'disableStaff', 'resetStaff', 'withdraw']);
const table = (Object.entries(routes) as [string, RouteSpec][]).sort(
  ([a], [b]) => Number(LAST.has(a)) - Number(LAST.has(b)),
);

function paramArbitrary(name: string): fc.Arbitrary<string | number> {
  const wild = fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.constant('..'));
  const known: Record<string, fc.Arbitrary<string | number>> = {
    caseNumber: fc.constant(credentials.caseNumber),
    bank: fc.constantFrom('protect', 'lure', 'allow'),
    id: fc.constant(credentials.signalId),
    evidenceId: fc.constant(credentials.evidenceId),
    staffId: fc.constant(credentials.staff.admin.id),
    shareId: fc.integer({ min: 1, max: 3 }),
    keyId: fc.integer({ min: 1, max: 3 }),
    networkId: fc.constantFrom('net-1', 'net-0000'),
  };
  return fc.oneof({ weight: 4, arbitrary: known[name] ?? wild }, { weight: 1, arbitrary: wild });
}

function authHeaders(route: RouteSpec): Record<string, string> {
  if (route.auth === 'none') return {};
  if (route.auth === 'pin') return { 'x-case-pin': credentials.pin };
  if ('scope' in route.auth) return { authorization: `Bearer ${credentials.apiKey}` };
  const member = credentials.staff[route.auth.roles[0]!];
  return { cookie: member.cookie, 'x-csrf-token': member.csrf };
}

function queryString(value: unknown): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return '';
  const search = new URLSearchParams();
  for (const [key, entry] of Object.entries(value)) {
    for (const item of Array.isArray(entry) ? entry : [entry]) {
      search.append(key, typeof item === 'string' ? item : JSON.stringify(item));
    }
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

const bytesArbitrary = fc.oneof(
  fc.uint8Array({ maxLength: 200 }),
  fc
    .uint8Array({ minLength: 30, maxLength: 200 })
    .map((tail) => new Uint8Array([0x41, 0x4d, 0x45, 0x56, 1, ...tail])),
);

describe('every route, arbitrary requests', () => {
  it.each(table)(
    '%s never fails with 5xx and always answers its contract',
    async (_name, route) => {
      const names = [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => name!);
      const paramsArbitrary = fc.record(
        Object.fromEntries(names.map((name) => [name, paramArbitrary(name)])),
      );
      const bodyArbitrary: fc.Arbitrary<{ payload?: string | Buffer; type?: string }> =
        route.bytes?.request !== undefined
          ? bytesArbitrary.map((bytes) => ({
              payload: Buffer.from(bytes),
              type: 'application/octet-stream',
            }))
          : route.body !== undefined
            ? fc.oneof(
                {
                  weight: 9,
                  arbitrary: requestArbitrary(route.body).map((body) => ({
                    payload: JSON.stringify(body),
                    type: 'application/json',
                  })),
                },
                {
                  weight: 1,
                  arbitrary: fc
                    .string({ maxLength: 40 })
                    .map((text) => ({ payload: text, type: 'application/json' })),
                },
              )
            : fc.constant({});
      const queryArbitrary =
        route.query === undefined ? fc.constant(undefined) : requestArbitrary(route.query);
      const runs = route.auth === 'pin' ? 20 : 40;

      await fc.assert(
        fc.asyncProperty(
          paramsArbitrary,
          bodyArbitrary,
          queryArbitrary,
          async (params, body, query) => {
            const url = `${routePath(route.path, params)}${queryString(query)}`;
            const response = await server.app.inject({
              method: route.method,
              url,
              headers: {
                ...authHeaders(route),
                ...(body.type === undefined ? {} : { 'content-type': body.type }),
              },
              ...(body.payload === undefined ? {} : { payload: body.payload }),
            });
            const context = `${route.method} ${url} -> ${response.statusCode} ${response.body.slice(0, 300)}`;
            expect(response.statusCode, context).toBeLessThan(500);
            if (response.statusCode >= 400) {
              const answer = response.json<{ error?: { code?: unknown; message?: unknown } }>();
              expect(isErrorCode(answer.error?.code), context).toBe(true);
              expect(typeof answer.error?.message, context).toBe('string');
            } else if (route.response !== undefined && response.statusCode !== 204) {
              const parsed = route.response.safeParse(response.json());
              expect(parsed.success, `${context}\n${parsed.error?.message ?? ''}`).toBe(true);
            }
          },
        ),
        { numRuns: runs },
      );
    },
  );

  it('still serves normally afterwards', async () => {
    expect((await server.victim.health()).ok).toBe(true);
    const opened = await server.victim.createCase({
      signals: [{ type: 'pdq', value: randomPdq(), quality: 90 }],
    });
    expect(opened.status).toBe(201);
  });
});
