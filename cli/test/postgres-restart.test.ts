/**
 * PostgreSQL restarted underneath a running `aman serve` (a cluster of the test's own, never the
 * shared one): while it is down, every request gets a prompt, clean answer (503
 * store_unavailable with Retry-After, or 200 for what the server holds in memory), never a 500
 * or a hang, and the process stays up; once it is back, requests succeed again by themselves.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmanClient, type ApiResult, type CreateCaseResponse } from '@aman/api';
import {
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from '../../server/test/helpers/throwaway-postgres.ts';
import { runCli } from './run-cli.ts';
import { startServe, type ServeProcess } from './serve-process.ts';

let pg: ThrowawayPostgres;
let dir: string;
let server: ServeProcess;
let victim: AmanClient;
let platform: AmanClient;
let opened: CreateCaseResponse;
let signalId: number;
const pdq = randomBytes(32).toString('hex');

/** The client with a deadline: a hang fails the test instead of passing it slowly. */
const withDeadline: typeof fetch = (input, init) =>
  fetch(input, { ...init, signal: AbortSignal.timeout(10_000) });

beforeAll(async () => {
  pg = await startThrowawayPostgres();
  dir = mkdtempSync(join(tmpdir(), 'aman-pg-restart-'));
  const env = { AMAN_DATA_DIR: dir, AMAN_MATCHER_POLL_MS: '200' };
  server = await startServe(['--db', pg.url, '--no-demo'], env);
  const added = await runCli(['platform', 'add', 'Restart Platform', '--db', pg.url, '--json'], {
    env,
  });
  const { apiKey } = JSON.parse(added.stdout) as { apiKey: string };
  victim = new AmanClient({ baseUrl: server.url, fetch: withDeadline });
  platform = new AmanClient({ baseUrl: server.url, apiKey, fetch: withDeadline });
  const created = await victim.createCase({ signals: [{ type: 'pdq', value: pdq, quality: 90 }] });
  if (!created.ok) throw new Error(created.error.message);
  opened = created.value;
  const match = await platform.match({ signals: [{ type: 'pdq', value: pdq }] });
  if (!match.ok) throw new Error(match.error.message);
  signalId = match.value.results[0]!.matches[0]!.id;
}, 120_000);

afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
  pg?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function expectCleanFailure(result: ApiResult<unknown>, what: string): void {
  if (result.ok) return; // served from memory
  expect(result.status, `${what}: ${result.error.code} ${result.error.message}`).toBe(503);
  expect(result.error.code, what).toBe('store_unavailable');
  expect(result.error.retryAfter, what).toBeGreaterThan(0);
}

describe('PostgreSQL restarted under a running server', () => {
  it('fails cleanly while the database is down, and recovers by itself', async () => {
    pg.stop();
    const down = {
      createCase: await victim.createCase({
        signals: [{ type: 'sha256', value: randomBytes(32).toString('hex') }],
      }),
      getCase: await victim.getCase(opened.caseNumber, opened.pin),
      evidence: await victim.listEvidence(opened.caseNumber, opened.pin),
      feedback: await platform.feedback({ id: signalId, decision: 'Blocked' }),
      changes: await platform.changes({ cursor: '0' }),
      banks: await platform.banks(),
      match: await platform.match({ signals: [{ type: 'pdq', value: pdq }] }),
    };
    for (const [what, result] of Object.entries(down)) expectCleanFailure(result, what);
    // Those need the database: they cannot have been served from memory.
    expect(down.createCase.ok).toBe(false);
    expect(down.getCase.ok).toBe(false);
    expect(down.feedback.ok).toBe(false);
    expect((await victim.health()).ok).toBe(true);
    expect(server.child.exitCode).toBeNull();

    pg.start();
    // Back: the same process serves again, without a restart, within a few seconds.
    let again: ApiResult<CreateCaseResponse> | undefined;
    const deadline = Date.now() + 30_000;
    const fresh = randomBytes(32).toString('hex');
    while (Date.now() < deadline) {
      again = await victim.createCase({ signals: [{ type: 'pdq', value: fresh, quality: 90 }] });
      if (again.ok) break;
      expectCleanFailure(again, 'createCase while recovering');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(again?.ok).toBe(true);
    expect((await victim.getCase(opened.caseNumber, opened.pin)).ok).toBe(true);
    expect((await platform.feedback({ id: signalId, decision: 'Blocked' })).ok).toBe(true);
    const matched = await platform.match({ signals: [{ type: 'pdq', value: fresh }] });
    expect(matched.ok && matched.value.results[0]!.matches).toHaveLength(1);
    expect(server.output().stderr).not.toMatch(/unexpected error|Unhandled|TypeError/);
  });

  it('answers requests in flight during a restart with 2xx or a clean 503, never a 500', async () => {
    const statuses = new Map<string, number>();
    let running = true;
    const load = async () => {
      while (running) {
        const results = await Promise.all([
          victim.createCase({
            signals: [{ type: 'sha256', value: randomBytes(32).toString('hex') }],
          }),
          victim.getCase(opened.caseNumber, opened.pin),
          platform.feedback({ id: signalId, decision: 'NotBlocked' }),
        ]);
        for (const result of results) {
          const key = result.ok ? String(result.status) : `${result.status} ${result.error.code}`;
          statuses.set(key, (statuses.get(key) ?? 0) + 1);
        }
      }
    };
    const clients = Array.from({ length: 4 }, load);
    await new Promise((resolve) => setTimeout(resolve, 500));
    pg.stop();
    // Down until the load has met the outage (however slow the machine is today).
    const downSince = Date.now();
    while (!statuses.has('503 store_unavailable') && Date.now() - downSince < 20_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    pg.start();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    running = false;
    await Promise.all(clients);
    const seen = [...statuses.keys()];
    expect(
      seen.every((key) => /^20\d$/.test(key) || key === '503 store_unavailable'),
      seen.join(', '),
    ).toBe(true);
    expect(seen).toContain('503 store_unavailable');
    // And it is fully back.
    const after = await victim.createCase({
      signals: [{ type: 'sha256', value: randomBytes(32).toString('hex') }],
    });
    expect(after.status).toBe(201);
    expect(server.child.exitCode).toBeNull();
  });
});
