/**
 * Crash safety: clients write concurrently, the server is killed with SIGKILL (no chance to flush
 * anything), and after a restart every write whose success was received is there, on SQLite and
 * on PostgreSQL: first cases alone, then a mixed load (cases, signals added, evidence, platform
 * feedback, withdrawals, messages), after which the audit log still verifies.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AmanClient, type SignalSubmission } from '@aman/api';
import { createTestDatabase } from '../../server/test/helpers/postgres.ts';
import { runCli } from './run-cli.ts';
import { startServe } from './serve-process.ts';

/**
 * Each test starts, kills and restarts `aman serve` processes (about 10 s on an idle 2-core
 * machine); on a loaded one that can pass the default 30 s without anything being wrong.
 */
const PROCESS_TEST_TIMEOUT_MS = 120_000;

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
  it(
    'keeps every case it acknowledged, with its signals',
    async () => {
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
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});

/** One acknowledged write of the mixed load, and how to check it survived. */
type Acknowledgement =
  | { kind: 'case'; caseNumber: string; pin: string; values: readonly string[] }
  | { kind: 'signals'; caseNumber: string; pin: string; value: string }
  | { kind: 'evidence'; caseNumber: string; pin: string; id: string; bytes: Uint8Array }
  | { kind: 'feedback'; caseNumber: string; pin: string; signalId: number; decision: string }
  | { kind: 'withdraw'; caseNumber: string; pin: string; signalId: number }
  | { kind: 'report'; caseNumber: string; pin: string; text: string };

describe.each(stores)(
  'aman serve on $kind, killed with SIGKILL under a mixed write load',
  ({ create }) => {
    it(
      'keeps every write it acknowledged: cases, signals, evidence, feedback, withdrawals, messages',
      async () => {
        const { location, dispose } = await create();
        const dataDir = mkdtempSync(join(tmpdir(), 'aman-crash-keys-'));
        const env = { AMAN_DATA_DIR: dataDir };
        try {
          const server = await startServe(['--db', location, '--no-demo'], env);
          const added = await runCli(
            ['platform', 'add', 'Crash Platform', '--db', location, '--json'],
            { env },
          );
          const { apiKey } = JSON.parse(added.stdout) as { apiKey: string };
          const victim = new AmanClient({ baseUrl: server.url });
          const platform = new AmanClient({ baseUrl: server.url, apiKey });
          const acknowledged: Acknowledgement[] = [];
          // Feedback sent and not (yet) answered: committed or not, the kill decides.
          const unanswered = new Map<number, string>();
          let killed = false;

          const worker = async (seed: number) => {
            // Each worker keeps a case of its own and does everything a case sees, in turn.
            let current: { caseNumber: string; pin: string; signalIds: number[] } | undefined;
            for (let step = seed; !killed; step++) {
              const result = await (async (): Promise<boolean | 'gone'> => {
                if (current === undefined || step % 7 === 0) {
                  const values = [randomBytes(32).toString('hex')];
                  const answer = await victim.createCase({
                    signals: [{ type: 'pdq', value: values[0]!, quality: 90 }],
                  });
                  if (!answer.ok) return answer.error.code === 'network_error' ? 'gone' : false;
                  acknowledged.push({ kind: 'case', ...answer.value, values });
                  const view = await victim.getCase(answer.value.caseNumber, answer.value.pin);
                  if (!view.ok) return view.error.code === 'network_error' ? 'gone' : false;
                  current = {
                    ...answer.value,
                    signalIds: view.value.signals.map((signal) => signal.id),
                  };
                  return true;
                }
                const { caseNumber, pin } = current;
                switch (step % 5) {
                  case 0: {
                    const value = randomBytes(32).toString('hex');
                    const answer = await victim.addSignals(caseNumber, pin, {
                      signals: [{ type: 'sha256', value }],
                    });
                    if (!answer.ok) return answer.error.code === 'network_error' ? 'gone' : false;
                    acknowledged.push({ kind: 'signals', caseNumber, pin, value });
                    current.signalIds.push(answer.value.signals[0]!.id);
                    return true;
                  }
                  case 1: {
                    const bytes = new Uint8Array([0x41, 0x4d, 0x45, 0x56, 1, ...randomBytes(200)]);
                    const answer = await victim.storeEvidence(caseNumber, pin, bytes);
                    if (!answer.ok) return answer.error.code === 'network_error' ? 'gone' : false;
                    acknowledged.push({
                      kind: 'evidence',
                      caseNumber,
                      pin,
                      id: answer.value.id,
                      bytes,
                    });
                    return true;
                  }
                  case 2: {
                    const signalId = current.signalIds[0]!;
                    const decision = step % 2 === 0 ? 'Blocked' : 'PendingReview';
                    unanswered.set(signalId, decision);
                    const answer = await platform.feedback({ id: signalId, decision });
                    if (!answer.ok) return answer.error.code === 'network_error' ? 'gone' : false;
                    unanswered.delete(signalId);
                    // A later acknowledgement of the same signal supersedes this one.
                    acknowledged.push({ kind: 'feedback', caseNumber, pin, signalId, decision });
                    return true;
                  }
                  case 3: {
                    const text = `Message ${seed}-${step}: pay 100 euros or the video goes out`;
                    const answer = await victim.addReport(caseNumber, pin, { text });
                    if (!answer.ok) return answer.error.code === 'network_error' ? 'gone' : false;
                    acknowledged.push({ kind: 'report', caseNumber, pin, text });
                    return true;
                  }
                  default: {
                    const signalId = current.signalIds.at(-1)!;
                    if (current.signalIds.length < 2) return true;
                    const answer = await victim.withdraw(caseNumber, pin, {
                      signalIds: [signalId],
                    });
                    if (!answer.ok) return answer.error.code === 'network_error' ? 'gone' : false;
                    acknowledged.push({ kind: 'withdraw', caseNumber, pin, signalId });
                    current.signalIds.pop();
                    return true;
                  }
                }
              })();
              if (result === 'gone') return;
            }
          };
          const workers = Array.from({ length: 6 }, (_, seed) => worker(seed));
          const started = Date.now();
          while (acknowledged.length < 120 && Date.now() - started < 20_000) {
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
          server.child.kill('SIGKILL');
          killed = true;
          await Promise.all(workers);
          expect(await server.exited).toBeNull();
          const kinds = new Set(acknowledged.map((entry) => entry.kind));
          expect([...kinds].sort()).toEqual([
            'case',
            'evidence',
            'feedback',
            'report',
            'signals',
            'withdraw',
          ]);

          const restarted = await startServe(['--db', location, '--no-demo'], env);
          try {
            const after = new AmanClient({ baseUrl: restarted.url });
            const views = new Map<string, Awaited<ReturnType<typeof after.getCase>>>();
            const view = async (caseNumber: string, pin: string) => {
              if (!views.has(caseNumber))
                views.set(caseNumber, await after.getCase(caseNumber, pin));
              const found = views.get(caseNumber)!;
              if (!found.ok) throw new Error(`case ${caseNumber}: ${found.error.message}`);
              return found.value;
            };
            const lastFeedback = new Map<number, string>();
            for (const entry of acknowledged) {
              if (entry.kind === 'feedback') lastFeedback.set(entry.signalId, entry.decision);
            }
            for (const entry of acknowledged) {
              const current = await view(entry.caseNumber, entry.pin);
              switch (entry.kind) {
                case 'case':
                  expect(current.signals.map((signal) => signal.value)).toEqual(
                    expect.arrayContaining([...entry.values]),
                  );
                  break;
                case 'signals':
                  expect(current.signals.map((signal) => signal.value)).toContain(entry.value);
                  break;
                case 'withdraw':
                  expect(
                    current.signals.find((signal) => signal.id === entry.signalId)?.status,
                  ).toBe('withdrawn');
                  break;
                case 'feedback': {
                  // The last acknowledged decision, unless a later one was committed but not answered.
                  const allowed = [
                    lastFeedback.get(entry.signalId),
                    unanswered.get(entry.signalId),
                  ];
                  const stored = current.feedback.find(
                    (feedback) => feedback.signalId === entry.signalId,
                  )?.decision;
                  expect(allowed).toContain(stored);
                  break;
                }
                case 'evidence': {
                  const item = await after.getEvidence(entry.caseNumber, entry.pin, entry.id);
                  expect(item.ok && Buffer.from(item.value).equals(Buffer.from(entry.bytes))).toBe(
                    true,
                  );
                  break;
                }
                case 'report': {
                  const reports = await after.reports(entry.caseNumber, entry.pin);
                  expect(
                    reports.ok && reports.value.reports.map((report) => report.text),
                  ).toContain(entry.text);
                  break;
                }
              }
            }
          } finally {
            restarted.child.kill('SIGTERM');
            await restarted.exited;
          }
          // The audit log's chain survived the kill too.
          const verified = await runCli(['audit', 'verify', '--db', location], { env });
          expect(verified.stdout).toMatch(/^The audit log is intact/);
        } finally {
          await dispose();
          rmSync(dataDir, { recursive: true, force: true });
        }
      },
      PROCESS_TEST_TIMEOUT_MS,
    );
  },
);
