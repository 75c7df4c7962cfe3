/**
 * The platform area over real HTTP, on both stores: several API keys per platform, rotation and
 * revocation that take effect on the platform routes at once, match and feedback statistics, and
 * the admins' view of platforms and thresholds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmanClient } from '@aman/api';
import { randomPdq } from '../helpers/factories.ts';
import {
  startConsoleTestServer,
  type ConsoleTestServer,
  type StaffMember,
} from '../helpers/console-harness.ts';
import { unwrap } from '../helpers/harness.ts';
import { storeKinds, type TestStoreLocation } from '../helpers/stores.ts';

describe.each(storeKinds)('the platform area on $kind', (kind) => {
  let location: TestStoreLocation;
  let server: ConsoleTestServer;
  let first: AmanClient & { apiKey: string };
  let staff: StaffMember;
  let admin: StaffMember;

  beforeAll(async () => {
    location = await kind.createLocation();
    server = await startConsoleTestServer(location.location);
    first = await server.platform('ExampleChat', ['match', 'feedback', 'changes']);
    staff = await server.staff({ name: 'trust-safety', role: 'platform', platform: 'ExampleChat' });
    admin = await server.staff({ name: 'root', role: 'admin' });
  });
  afterAll(async () => {
    await server?.close();
    await location?.dispose();
  });

  const keyed = (apiKey: string) => new AmanClient({ baseUrl: server.url, apiKey });

  it('shows the platform, its keys (never the keys themselves), statistics and banks', async () => {
    const overview = unwrap(await staff.client.myPlatform());
    expect(overview).toMatchObject({
      name: 'ExampleChat',
      scopes: ['match', 'feedback', 'changes'],
    });
    expect(overview.keys).toHaveLength(1);
    expect(JSON.stringify(overview)).not.toContain(first.apiKey);
    expect(overview.banks.map((bank) => bank.name)).toEqual(['protect', 'lure', 'allow']);
  });

  it('creates, rotates and revokes keys; the platform routes follow at once', async () => {
    const created = unwrap(await staff.client.createApiKey('staging'));
    expect(created.apiKey).toMatch(/^aman_/);
    expect(created.key).toMatchObject({ label: 'staging', prefix: created.apiKey.slice(0, 12) });
    unwrap(await keyed(created.apiKey).banks());
    unwrap(await first.banks());

    const rotated = unwrap(await staff.client.rotateApiKey(created.key.id));
    expect(rotated.key.label).toBe('staging');
    expect(await keyed(created.apiKey).banks()).toMatchObject({
      status: 401,
      error: { code: 'invalid_api_key' },
    });
    unwrap(await keyed(rotated.apiKey).banks());

    const revoked = unwrap(await staff.client.revokeApiKey(rotated.key.id));
    expect(revoked.revokedAt).not.toBeNull();
    expect(await keyed(rotated.apiKey).banks()).toMatchObject({ status: 401 });
    expect(await staff.client.revokeApiKey(rotated.key.id)).toMatchObject({
      status: 409,
      error: { code: 'api_key_revoked' },
    });
    expect(await staff.client.rotateApiKey(999_999)).toMatchObject({
      status: 404,
      error: { code: 'api_key_not_found' },
    });
    // Another platform's key cannot be touched from this account.
    const other = await server.platform('OtherChat');
    const otherKeys = unwrap(await admin.client.platforms()).platforms.find(
      (platform) => platform.name === 'OtherChat',
    )!.keys;
    expect(await staff.client.revokeApiKey(otherKeys[0]!.id)).toMatchObject({ status: 404 });
    unwrap(await other.banks());
  });

  it('counts matched signals and the decisions reported', async () => {
    const hash = randomPdq();
    const opened = unwrap(
      await server.victim.createCase({ signals: [{ type: 'pdq', value: hash }] }),
    );
    const view = unwrap(await server.victim.getCase(opened.caseNumber, opened.pin));
    const signalId = view.signals[0]!.id;
    const matched = unwrap(await first.match({ signals: [{ type: 'pdq', value: hash }] }));
    expect(matched.results[0]!.matches[0]!.id).toBe(signalId);
    let stats = unwrap(await staff.client.myPlatform()).stats;
    expect(stats).toMatchObject({ signalsMatched: 1, signalsMatched30d: 1, awaitingFeedback: 1 });
    unwrap(await first.feedback({ id: signalId, decision: 'Blocked' }));
    stats = unwrap(await staff.client.myPlatform()).stats;
    expect(stats).toMatchObject({
      awaitingFeedback: 0,
      feedback: { Blocked: 1, NotBlocked: 0, PendingReview: 0 },
    });
  });

  it('lets admins see every platform, create one, and change thresholds', async () => {
    const issued = unwrap(await admin.client.createPlatform({ name: 'NewChat' }));
    unwrap(await keyed(issued.apiKey).banks());
    expect(await admin.client.createPlatform({ name: 'NewChat' })).toMatchObject({
      status: 409,
      error: { code: 'platform_exists' },
    });
    const bank = unwrap(await admin.client.updateThresholds('lure', { thresholds: { pdq: 20 } }));
    expect(bank.thresholds).toEqual({ pdq: 20, vpdq: 31 });
    expect(await admin.client.updateThresholds('lure', { thresholds: { pdq: 99 } })).toMatchObject({
      status: 400,
      error: { code: 'invalid_thresholds' },
    });
    expect(await staff.client.updateThresholds('lure', { thresholds: { pdq: 10 } })).toMatchObject({
      status: 403,
    });
    expect(
      unwrap(await staff.client.banks()).banks.find((entry) => entry.name === 'lure')?.thresholds
        .pdq,
    ).toBe(20);
  });
});
