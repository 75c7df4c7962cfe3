/**
 * Staff accounts and sessions over real HTTP, on both stores: setup links, the cookie's
 * attributes, sign-in failures and lockout, one-time codes (RFC 6238) and their replay, idle and
 * absolute expiry, token rotation, CSRF refusals, reset and disabling.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleClient, type ApiResult } from '@aman/api';
import { fromBase32, totp } from '../../src/services/totp.ts';
import { startConsoleTestServer, type ConsoleTestServer } from '../helpers/console-harness.ts';
import { rawRequest, unwrap } from '../helpers/harness.ts';
import { storeKinds, type TestStoreLocation } from '../helpers/stores.ts';

const MINUTE = 60_000;

function codeOf<T>(result: ApiResult<T>): string | undefined {
  return result.ok ? undefined : result.error.code;
}

describe.each(storeKinds)('staff accounts and sessions on $kind', (kind) => {
  let location: TestStoreLocation;
  let server: ConsoleTestServer;

  beforeAll(async () => {
    location = await kind.createLocation();
    server = await startConsoleTestServer(location.location);
  });
  afterAll(async () => {
    await server?.close();
    await location?.dispose();
  });

  it('creates an account with a one-time setup link that sets the password and signs in', async () => {
    const link = await server.console.accounts.create('cli', {
      name: 'Nadia',
      role: 'investigator',
    });
    expect(link.setupPath).toBe(`/console/setup#${link.setupCode}`);
    expect(link.staff).toMatchObject({ name: 'Nadia', role: 'investigator', active: false });
    const client = server.anonymous();
    expect(codeOf(await client.setup({ code: link.setupCode, password: 'short' }))).toBe(
      'weak_password',
    );
    const done = unwrap(
      await client.setup({ code: link.setupCode, password: 'a quiet river at dawn' }),
    );
    expect(done.staff).toMatchObject({ name: 'Nadia', active: true });
    expect(unwrap(await client.me()).staff.name).toBe('Nadia');
    // The link works once.
    expect(
      codeOf(
        await server.anonymous().setup({ code: link.setupCode, password: 'another long one' }),
      ),
    ).toBe('invalid_setup_code');
    // Names are unique whatever their case.
    await expect(
      server.console.accounts.create('cli', { name: 'nadia', role: 'admin' }),
    ).rejects.toMatchObject({ code: 'staff_exists' });
  });

  it('sets an HttpOnly, SameSite=Strict cookie scoped to the API, and keeps no token in the clear', async () => {
    await server.staff({ name: 'cookie-check', role: 'admin' }, 'a long enough passphrase');
    const answer = await rawRequest(server.url, {
      path: '/api/v1/staff/login',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'cookie-check', password: 'a long enough passphrase' }),
    });
    expect(answer.status).toBe(200);
    const cookie = answer.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^aman_staff=[A-Za-z0-9_-]{43}; Path=\/api; HttpOnly; SameSite=Strict$/);
    const token = /aman_staff=([^;]+)/.exec(cookie)![1]!;
    // Secure comes from TLS the server trusts, not from a header anyone can send.
    const behindTls = await server.app.inject({
      method: 'POST',
      url: '/api/v1/staff/login',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      payload: { name: 'cookie-check', password: 'a long enough passphrase' },
    });
    expect(String(behindTls.headers['set-cookie'])).not.toContain('Secure');
    const session = await server.consoleStore.findSession(token);
    expect(session).toBeUndefined(); // stored as its SHA-256 only
  });

  it('answers a wrong name and a wrong password alike, then locks the account for a while', async () => {
    const member = await server.staff({ name: 'lockme', role: 'investigator' });
    const client = server.anonymous();
    expect(codeOf(await client.login({ name: 'nobody-here', password: 'whatever it is' }))).toBe(
      'invalid_credentials',
    );
    for (let i = 0; i < 5; i++) {
      expect(codeOf(await client.login({ name: 'lockme', password: 'wrong password!' }))).toBe(
        'invalid_credentials',
      );
    }
    expect(codeOf(await client.login({ name: 'lockme', password: 'wrong password!' }))).toBe(
      'invalid_credentials',
    );
    const locked = await client.login({ name: 'LockMe', password: member.password });
    expect(locked).toMatchObject({ status: 429, error: { code: 'account_locked' } });
    expect(locked.ok ? 0 : locked.error.retryAfter).toBeGreaterThan(0);
    server.clock.advance(2 * MINUTE);
    unwrap(await client.login({ name: 'lockme', password: member.password }));
  });

  it('turns one-time codes on, asks for them at sign-in and refuses a code used twice', async () => {
    const member = await server.staff({ name: 'totp-user', role: 'helpline', helpline: 'Codes' });
    const enrolment = unwrap(await member.client.beginTotp());
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\/Aman:totp-user\?secret=[A-Z2-7]+&/);
    const secret = fromBase32(enrolment.secret)!;
    expect(codeOf(await member.client.confirmTotp('000000'))).toBe('invalid_totp');
    const first = totp(secret, server.clock.now());
    expect(unwrap(await member.client.confirmTotp(first))).toEqual({ totp: true });

    const client = server.anonymous();
    const withoutCode = await client.login({ name: 'totp-user', password: member.password });
    expect(withoutCode).toMatchObject({ status: 401, error: { code: 'totp_required' } });
    // The code that turned TOTP on was used: it cannot sign in.
    expect(
      codeOf(await client.login({ name: 'totp-user', password: member.password, totp: first })),
    ).toBe('invalid_totp');
    server.clock.advance(30_000);
    const next = totp(secret, server.clock.now());
    unwrap(await client.login({ name: 'totp-user', password: member.password, totp: next }));
    expect(
      codeOf(
        await server
          .anonymous()
          .login({ name: 'totp-user', password: member.password, totp: next }),
      ),
    ).toBe('invalid_totp');
    // The secret is encrypted at rest.
    const stored = (await server.consoleStore.findStaff(member.record.id))!;
    expect(stored.totpSecret).not.toContain(enrolment.secret);
    expect(server.cipher.decrypt(stored.totpSecret!, `staff:${member.record.id}:totp-secret`)).toBe(
      enrolment.secret,
    );
  });

  it('ends a session after 30 idle minutes and after 12 hours whatever happens', async () => {
    const member = await server.staff({ name: 'sleepy', role: 'investigator' });
    server.clock.advance(29 * MINUTE);
    unwrap(await member.client.me());
    server.clock.advance(31 * MINUTE);
    expect(codeOf(await member.client.me())).toBe('not_signed_in');

    const busy = await server.staff({ name: 'busy', role: 'investigator' });
    for (let hours = 0; hours < 12; hours++) {
      for (let quarter = 0; quarter < 4; quarter++) {
        server.clock.advance(15 * MINUTE);
        const answer = await busy.client.me();
        if (hours === 11 && quarter === 3) {
          expect(codeOf(answer)).toBe('not_signed_in');
        } else {
          expect(answer.ok, `${hours} h ${quarter * 15} min`).toBe(true);
        }
      }
    }
  });

  it('rotates the session token every 10 minutes; the old one dies 30 seconds later', async () => {
    const member = await server.staff({ name: 'rotator', role: 'admin' }, 'rotating passphrase ok');
    const login = await rawRequest(server.url, {
      path: '/api/v1/staff/login',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'rotator', password: member.password }),
    });
    const first = /aman_staff=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!;
    const me = (token: string) =>
      rawRequest(server.url, {
        path: '/api/v1/staff/me',
        headers: { cookie: `aman_staff=${token}` },
      });
    server.clock.advance(11 * MINUTE);
    const rotated = await me(first);
    expect(rotated.status).toBe(200);
    const second = /aman_staff=([^;]+)/.exec(rotated.headers.get('set-cookie') ?? '')?.[1];
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect((await me(first)).status).toBe(200); // within the grace period
    server.clock.advance(31_000);
    expect((await me(first)).status).toBe(401);
    expect((await me(second!)).status).toBe(200);
  });

  it('refuses changes without the CSRF token or from another origin', async () => {
    const member = await server.staff({ name: 'csrf-admin', role: 'admin' });
    const login = await rawRequest(server.url, {
      path: '/api/v1/staff/login',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'csrf-admin', password: member.password }),
    });
    const token = /aman_staff=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!;
    const csrf = (login.body as { csrfToken: string }).csrfToken;
    const create = (headers: Record<string, string>) =>
      rawRequest(server.url, {
        path: '/api/v1/staff',
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `aman_staff=${token}`, ...headers },
        body: JSON.stringify({ name: 'made-by-csrf', role: 'admin' }),
      });
    expect(await create({})).toMatchObject({
      status: 403,
      body: { error: { code: 'csrf_failed' } },
    });
    expect(await create({ 'x-csrf-token': 'A'.repeat(43) })).toMatchObject({ status: 403 });
    expect(await create({ 'x-csrf-token': csrf, origin: 'https://evil.example' })).toMatchObject({
      status: 403,
      body: { error: { code: 'csrf_failed' } },
    });
    expect(await create({ 'x-csrf-token': csrf, 'sec-fetch-site': 'cross-site' })).toMatchObject({
      status: 403,
    });
    expect(await create({ 'x-csrf-token': csrf, origin: server.url })).toMatchObject({
      status: 201,
    });
    // Signing in from another site's page is refused too (login CSRF).
    const foreign = await rawRequest(server.url, {
      path: '/api/v1/staff/login',
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ name: 'csrf-admin', password: member.password }),
    });
    expect(foreign.status).toBe(403);
  });

  it('lets an admin list, reset and disable accounts; a reset or disabled account loses its sessions', async () => {
    const admin = await server.staff({ name: 'chief', role: 'admin' });
    const target = await server.staff({ name: 'leaver', role: 'helpline', helpline: 'Reset line' });
    const names = unwrap(await admin.client.staff()).staff.map((member) => member.name);
    expect(names).toEqual(expect.arrayContaining(['chief', 'leaver']));
    const reset = unwrap(await admin.client.resetStaff(target.record.id));
    expect(reset.staff).toMatchObject({ name: 'leaver', active: false });
    expect(codeOf(await target.client.me())).toBe('not_signed_in');
    expect(
      codeOf(await server.anonymous().login({ name: 'leaver', password: target.password })),
    ).toBe('invalid_credentials');
    // A helpline member's setup needs the key pair their browser makes.
    expect(
      codeOf(
        await server
          .anonymous()
          .setup({ code: reset.setupCode, password: 'a brand new passphrase' }),
      ),
    ).toBe('invalid_request');
    const disabled = unwrap(await admin.client.disableStaff(target.record.id));
    expect(disabled.disabled).toBe(true);
    expect(codeOf(await admin.client.disableStaff(987654))).toBe('staff_not_found');
  });

  it('changes a password: other sessions end, the current one stays', async () => {
    const member = await server.staff({ name: 'changer', role: 'investigator' });
    const other = new ConsoleClient({ baseUrl: server.url, rememberCookies: true });
    unwrap(await other.login({ name: 'changer', password: member.password }));
    expect(
      codeOf(
        await member.client.changePassword({
          currentPassword: 'not the password',
          newPassword: 'the new long passphrase',
        }),
      ),
    ).toBe('invalid_credentials');
    unwrap(
      await member.client.changePassword({
        currentPassword: member.password,
        newPassword: 'the new long passphrase',
      }),
    );
    expect(codeOf(await other.me())).toBe('not_signed_in');
    unwrap(await member.client.me());
    unwrap(
      await server.anonymous().login({ name: 'changer', password: 'the new long passphrase' }),
    );
  });

  it('makes the first admin: a setup link while no admin can sign in, nothing once one can', async () => {
    const fresh = await kind.createLocation();
    const empty = await startConsoleTestServer(fresh.location);
    try {
      const first = await empty.console.accounts.bootstrapAdmin();
      expect(first?.kind).toBe('link');
      const link = first?.kind === 'link' ? first.link : undefined;
      expect(link?.staff).toMatchObject({ name: 'admin', role: 'admin', active: false });
      // Its link stays the one that works while it is valid: a restart does not replace it.
      expect(await empty.console.accounts.bootstrapAdmin()).toEqual({
        kind: 'waiting',
        name: 'admin',
      });
      // Once it has expired, a new one.
      empty.clock.advance(73 * 3_600_000);
      const again = await empty.console.accounts.bootstrapAdmin();
      const renewed = again?.kind === 'link' ? again.link : undefined;
      expect(renewed?.setupCode).not.toBe(link?.setupCode);
      expect(
        codeOf(await empty.anonymous().setup({ code: link!.setupCode, password: 'x'.repeat(20) })),
      ).toBe('invalid_setup_code');
      unwrap(
        await empty
          .anonymous()
          .setup({ code: renewed!.setupCode, password: 'the very first passphrase' }),
      );
      expect(await empty.console.accounts.bootstrapAdmin()).toBeUndefined();
    } finally {
      await empty.close();
      await fresh.dispose();
    }
  });
});
