/**
 * Every route of the route table, for every kind of caller: no credentials, each staff role, a
 * platform key, a case PIN. A route added to the table is walked here without anyone touching this
 * file, so a route cannot be forgotten: staff routes answer 401 without a session and 403 to the
 * roles they do not list, key routes ignore staff sessions, PIN routes need the PIN.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  routes,
  STAFF_ROLES,
  type ApiResult,
  type ConsoleClient,
  type RouteName,
  type RouteSpec,
  type StaffRole,
} from '@aman/api';
import { callApi } from '@aman/api';
import { randomPdq } from '../helpers/factories.ts';
import { startConsoleTestServer, type ConsoleTestServer } from '../helpers/console-harness.ts';
import { storeKinds, type TestStoreLocation } from '../helpers/stores.ts';
import { unwrap } from '../helpers/harness.ts';

/** Path parameters that exist (a case, a bank) or do not (ids: a 404 is an allowed answer). */
function paramsFor(path: string, caseNumber: string): Record<string, string> {
  const values: Record<string, string> = {
    caseNumber,
    bank: 'lure',
    networkId: 'net-0000000000000000',
    staffId: '999999',
    shareId: '999999',
    keyId: '999999',
    id: '999999',
  };
  const params: Record<string, string> = {};
  // Any other parameter (a new route's) gets an id that does not exist.
  for (const [, name] of path.matchAll(/:(\w+)/g)) params[name!] = values[name!] ?? '999999';
  return params;
}

const b64 = (length: number) => 'A'.repeat(length);
/**
 * Valid bodies for the PIN routes, so that the PIN check is what answers (validation comes first).
 * Other routes get `{}`: staff routes check the session before the body.
 */
const validBodies: Partial<Record<RouteName, unknown>> = {
  addSignals: { signals: [{ type: 'md5', value: 'a'.repeat(32) }] },
  addReport: { text: 'Envoie 200 euros sur le compte FR76 3000 6000 0112 3456 7890 189' },
  createShare: {
    helplineId: 999999,
    envelope: {
      v: 1,
      iv: b64(16),
      ciphertext: b64(64),
      keys: [
        {
          staffId: 999999,
          epk: { kty: 'EC', crv: 'P-256', x: b64(43), y: b64(43) },
          iv: b64(16),
          wrappedKey: b64(64),
        },
      ],
    },
  },
};

const allRoutes = Object.entries(routes) as [RouteName, RouteSpec][];

describe.each(storeKinds)('the route × role matrix on $kind', (kind) => {
  let location: TestStoreLocation;
  let server: ConsoleTestServer;
  let clients: Record<StaffRole, ConsoleClient>;
  const passwords: Partial<Record<StaffRole, { name: string; password: string }>> = {};
  let apiKey: string;
  let caseNumber: string;
  let pin: string;

  beforeAll(async () => {
    location = await kind.createLocation();
    server = await startConsoleTestServer(location.location);
    const platform = await server.platform('Matrix platform');
    apiKey = platform.apiKey;
    const opened = unwrap(
      await server.victim.createCase({ signals: [{ type: 'pdq', value: randomPdq() }] }),
    );
    caseNumber = opened.caseNumber;
    pin = opened.pin;
    const made = await Promise.all(
      STAFF_ROLES.map((role) =>
        server.staff({
          name: `matrix-${role}`,
          role,
          ...(role === 'helpline' ? { helpline: 'Matrix helpline' } : {}),
          ...(role === 'platform' ? { platform: 'Matrix platform' } : {}),
        }),
      ),
    );
    clients = Object.fromEntries(
      made.map((member) => [member.record.role, member.client]),
    ) as Record<StaffRole, ConsoleClient>;
    for (const member of made) {
      passwords[member.record.role] = { name: member.record.name, password: member.password };
    }
  });

  afterAll(async () => {
    await server?.close();
    await location?.dispose();
  });

  /** A raw call with chosen credentials (the typed clients always send theirs). */
  function raw(name: RouteName, headers: Record<string, string>): Promise<ApiResult<unknown>> {
    const route: RouteSpec = routes[name];
    return callApi(
      { baseUrl: server.url, fetch },
      route,
      {
        params: paramsFor(route.path, caseNumber),
        ...(route.method === 'GET' ? {} : { body: validBodies[name] ?? {} }),
      },
      headers,
    );
  }

  it('covers every route of the table', () => {
    expect(allRoutes.length).toBeGreaterThan(50);
  });

  it.each(allRoutes)('%s: only the callers it names get through', async (name, route) => {
    const auth = route.auth;
    const anonymous = await raw(name, {});
    const keyed = await raw(name, { authorization: `Bearer ${apiKey}` });
    const withPin = await raw(name, { 'x-case-pin': pin });
    const staffAnswers = new Map<StaffRole, ApiResult<unknown>>();
    for (const role of STAFF_ROLES) {
      staffAnswers.set(
        role,
        await clients[role].call(name, {
          params: paramsFor(route.path, caseNumber),
          ...(route.method === 'GET' ? {} : { body: validBodies[name] ?? {} }),
        }),
      );
      if (name === 'staffLogout') {
        const again = await clients[role].login(passwords[role]!);
        expect(again.ok).toBe(true);
      }
    }
    const refused = (result: ApiResult<unknown>) =>
      !result.ok && (result.status === 401 || result.status === 403);

    if (auth === 'none') {
      expect(refused(anonymous), JSON.stringify(anonymous)).toBe(false);
      return;
    }
    if (auth === 'pin') {
      expect(anonymous).toMatchObject({ ok: false, status: 401, error: { code: 'missing_pin' } });
      for (const result of staffAnswers.values()) {
        expect(result).toMatchObject({ status: 401, error: { code: 'missing_pin' } });
      }
      expect(refused(withPin), JSON.stringify(withPin)).toBe(false);
      return;
    }
    if ('scope' in auth) {
      expect(anonymous).toMatchObject({ status: 401, error: { code: 'missing_api_key' } });
      for (const result of staffAnswers.values()) {
        expect(result).toMatchObject({ status: 401, error: { code: 'missing_api_key' } });
      }
      expect(refused(keyed), JSON.stringify(keyed)).toBe(false);
      return;
    }
    expect(anonymous).toMatchObject({ status: 401, error: { code: 'not_signed_in' } });
    expect(keyed).toMatchObject({ status: 401, error: { code: 'not_signed_in' } });
    for (const role of STAFF_ROLES) {
      const result = staffAnswers.get(role)!;
      if (auth.roles.includes(role)) {
        expect(refused(result), `${role}: ${JSON.stringify(result)}`).toBe(false);
      } else {
        expect(result, role).toMatchObject({ status: 403, error: { code: 'forbidden_role' } });
      }
    }
  });
});
