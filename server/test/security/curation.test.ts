/**
 * Who may edit the lure and allow banks: a key with the `curate` scope, which only staff grant.
 * A console admin creates a curating platform; a platform's own staff issue keys with their
 * platform's scopes and no more; without the scope, every curation route is refused; every
 * curation is audited under the key's platform.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmanClient } from '@aman/api';
import { startConsoleTestServer, type ConsoleTestServer } from '../helpers/console-harness.ts';
import { randomPdq } from '../helpers/factories.ts';
import { unwrap } from '../helpers/harness.ts';
import { storeKinds, type TestStoreLocation } from '../helpers/stores.ts';

describe('curation of the lure and allow banks', () => {
  let location: TestStoreLocation;
  let server: ConsoleTestServer;

  beforeAll(async () => {
    location = await storeKinds[0]!.createLocation();
    server = await startConsoleTestServer(location.location);
  });
  afterAll(async () => {
    await server?.close();
    await location?.dispose();
  });

  const lure = () => ({ signals: [{ type: 'pdq' as const, value: randomPdq(), quality: 90 }] });

  it("is granted by staff only: a platform's own staff cannot give their keys more scopes", async () => {
    const admin = await server.staff({ name: 'curation-admin', role: 'admin' });
    // An ordinary platform, made by the admin with the default scopes.
    unwrap(await admin.client.createPlatform({ name: 'Ordinary Chat' }));
    const member = await server.staff({
      name: 'ordinary-staff',
      role: 'platform',
      platform: 'Ordinary Chat',
    });
    const issued = unwrap(await member.client.createApiKey('their own key'));
    const ordinary = new AmanClient({ baseUrl: server.url, apiKey: issued.apiKey });
    expect(await ordinary.addBankSignals('lure', lure())).toMatchObject({
      status: 403,
      error: { code: 'insufficient_scope' },
    });
    expect(await ordinary.updateBank('allow', { thresholds: { pdq: 10 } })).toMatchObject({
      status: 403,
    });
    // A curator, as the admin decided.
    const curator = unwrap(
      await admin.client.createPlatform({ name: 'Lure Desk', scopes: ['match', 'curate'] }),
    );
    const curating = new AmanClient({ baseUrl: server.url, apiKey: curator.apiKey });
    const added = unwrap(await curating.addBankSignals('lure', lure()));
    expect(added.signals).toHaveLength(1);
    const rows = await server.store.readAudit(0, 1000);
    const platformId = (await server.store.listPlatforms()).find(
      (entry) => entry.name === 'Lure Desk',
    )!.id;
    expect(rows.filter((row) => row.action === 'bank.add_signals').at(-1)).toMatchObject({
      actorKind: 'platform',
      actorId: String(platformId),
      target: 'bank:lure',
    });
    // The protect bank stays the victims' own, whatever the scope.
    expect(await curating.addBankSignals('protect', lure())).toMatchObject({
      status: 409,
      error: { code: 'wrong_bank_purpose' },
    });
  });
});
