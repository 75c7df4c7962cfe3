/**
 * `aman staff add/reset/list` over the real binary, and the console's part of `aman serve`'s
 * banner: the first admin's setup link on a new installation, the demo accounts in demo mode.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleClient } from '@aman/api';
import { runCli } from './run-cli.ts';
import { startServe, type ServeProcess } from './serve-process.ts';

/** `aman serve`, once its whole banner is printed (demo mode seeds first: give it time). */
async function serve(args: string[], env: NodeJS.ProcessEnv) {
  const server = await startServe(args, env, 180_000);
  const deadline = Date.now() + 30_000;
  while (!server.output().stdout.includes('Press Ctrl+C') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: server.url,
    output: server.output().stdout,
    stop: () => stopServe(server),
  };
}

async function stopServe(server: ServeProcess): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exited;
}

describe('aman staff', () => {
  let dir: string;
  let db: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'aman-staff-'));
    db = join(dir, 'aman.sqlite');
    // The data keys (report texts, TOTP secrets) live in the data dir: a temp one here.
    env = { AMAN_DATA_DIR: dir };
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints a one-time setup link that signs the new admin in', async () => {
    const added = await runCli(
      [
        'staff',
        'add',
        'Salma',
        '--role',
        'admin',
        '--db',
        db,
        '--url',
        'https://aman.example.org/',
        '--json',
      ],
      { env },
    );
    expect(added).toMatchObject({ code: 0, stderr: '' });
    const printed = JSON.parse(added.stdout) as { name: string; role: string; setupUrl: string };
    expect(printed).toMatchObject({ name: 'Salma', role: 'admin' });
    expect(printed.setupUrl).toMatch(
      /^https:\/\/aman\.example\.org\/console\/setup#[A-Za-z0-9_-]{43}$/,
    );

    const server = await serve(['--db', db, '--no-demo'], env);
    try {
      // Salma's link is still the one that works: the server says so instead of replacing it.
      expect(server.output).toContain('"Salma" has not used its setup link yet');
      const client = new ConsoleClient({ baseUrl: server.url, rememberCookies: true });
      const code = printed.setupUrl.split('#')[1]!;
      const setup = await client.setup({ code, password: 'a long admin passphrase' });
      expect(setup.ok && setup.value.staff.name).toBe('Salma');
      expect((await client.staff()).ok).toBe(true);
    } finally {
      await server.stop();
    }
    const listed = await runCli(['staff', 'list', '--db', db], { env });
    expect(listed.stdout).toMatch(/^Salma\tadmin\tactive$/m);
  });

  it('refuses bad usage with a clear message and exit status 2', async () => {
    const noRole = await runCli(['staff', 'add', 'x', '--db', db], { env });
    expect(noRole).toMatchObject({ code: 2 });
    expect(noRole.stderr).toMatch(
      /^aman: --role is one of admin, helpline, investigator, platform/,
    );
    const badRole = await runCli(['staff', 'add', 'x', '--role', 'boss', '--db', db], { env });
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('got "boss"');
    const noPlatform = await runCli(
      ['staff', 'add', 'y', '--role', 'platform', '--platform', 'Nowhere', '--db', db],
      { env },
    );
    expect(noPlatform.code).toBe(2);
    expect(noPlatform.stderr).toContain('no platform is named "Nowhere"');
    const twice = await runCli(['staff', 'add', 'salma', '--role', 'admin', '--db', db], { env });
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('already exists');
    const unknown = await runCli(['staff', 'reset', 'nobody', '--db', db], { env });
    expect(unknown.code).toBe(1);
    expect(await runCli(['staff', 'fire'], { env })).toMatchObject({ code: 2 });
  });

  it('resets an account: a new link, the old password gone', async () => {
    const reset = await runCli(['staff', 'reset', 'Salma', '--db', db, '--json'], { env });
    expect(reset.code).toBe(0);
    expect((JSON.parse(reset.stdout) as { setupUrl: string }).setupUrl).toMatch(
      /^http:\/\/127\.0\.0\.1:8080\/console\/setup#/,
    );
    const listed = await runCli(['staff', 'list', '--db', db, '--json'], { env });
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ name: 'Salma', active: false }),
    ]);
  });

  it(
    'prints the first admin link on a new installation, and the demo accounts in demo mode',
    { timeout: 240_000 },
    async () => {
      const fresh = join(dir, 'fresh.sqlite');
      const server = await serve(['--db', fresh, '--no-demo'], env);
      try {
        expect(server.output).toMatch(
          /no admin yet; create the first one[^\n]*\n\s+http:\/\/127\.0\.0\.1:\d+\/console\/setup#/,
        );
      } finally {
        await server.stop();
      }
      const demo = await serve(['--db', join(dir, 'demo.sqlite'), '--demo'], env);
      try {
        for (const role of ['admin', 'helpline', 'investigator', 'platform']) {
          expect(demo.output).toMatch(
            new RegExp(`^\\s+${role}\\s+demo-${role}\\s+demo-\\S{12}$`, 'm'),
          );
        }
        expect(demo.output).toContain('synthetic demo data');
      } finally {
        await demo.stop();
      }
    },
  );
});
