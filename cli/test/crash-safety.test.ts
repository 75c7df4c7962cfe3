/**
 * Crash safety: clients open cases concurrently, the server is killed with SIGKILL (no chance to
 * flush anything), and after a restart every case whose 201 was received is there, with its
 * signals, on SQLite and on PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AmanClient, type SignalSubmission } from '@aman/api';
import { createTestDatabase } from '../../server/test/helpers/postgres.ts';
import { startServe } from './serve-process.ts';

interface Acknowledged {
  readonly caseNumber: string;
  readonly pin: string;
  readonly values: readonly string[];
}

const stores = [
  {
    kind: 'sqlite',
    create: () => {
      const dir = mkdtempSync(join(tmpdir(), 'aman-crash-'));
      return Promise.resolve({
        location: join(dir, 'aman.sqlite'),
        dispose: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
      });
    },
  },
  {
    kind: 'postgres',
    create: async () => {
      const database = await createTestDatabase();
      return { location: database.url, dispose: () => database.drop() };
    },
  },
];

describe.each(stores)('aman serve on $kind, killed with SIGKILL', ({ create }) => {
  it('keeps every case it acknowledged, with its signals', async () => {
    const { location, dispose } = await create();
    try {
      const server = await startServe(['--db', location, '--no-demo']);
      const client = new AmanClient({ baseUrl: server.url });
      const acknowledged: Acknowledged[] = [];
      let killed = false;

      const openCases = async () => {
        while (!killed) {
          const signals: SignalSubmission[] = [
            { type: 'pdq', value: randomBytes(32).toString('hex'), quality: 90 },
            { type: 'sha256', value: randomBytes(32).toString('hex') },
          ];
          const answer = await client.createCase({ signals });
          if (answer.ok && answer.status === 201) {
            acknowledged.push({
              ...answer.value,
              values: signals.map((signal) => signal.value as string),
            });
          } else if (!answer.ok && answer.error.code === 'network_error') {
            return;
          }
        }
      };
      const clients = Array.from({ length: 8 }, openCases);
      const started = Date.now();
      while (acknowledged.length < 60 && Date.now() - started < 15_000) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      // Requests are in flight at this moment: some were committed but never answered.
      server.child.kill('SIGKILL');
      killed = true;
      await Promise.all(clients);
      expect(await server.exited).toBeNull();
      expect(acknowledged.length).toBeGreaterThanOrEqual(20);

      const restarted = await startServe(['--db', location, '--no-demo']);
      try {
        const after = new AmanClient({ baseUrl: restarted.url });
        for (const opened of acknowledged) {
          const view = await after.getCase(opened.caseNumber, opened.pin);
          expect(view.ok, `case ${opened.caseNumber}`).toBe(true);
          if (view.ok) {
            expect(view.value.status).toBe('active');
            expect(view.value.signals.map((signal) => signal.value)).toEqual(opened.values);
          }
        }
        const health = await after.health();
        expect(health.ok && health.value.signals).toBeGreaterThanOrEqual(acknowledged.length * 2);
      } finally {
        restarted.child.kill('SIGTERM');
        await restarted.exited;
      }
    } finally {
      await dispose();
    }
  });
});
