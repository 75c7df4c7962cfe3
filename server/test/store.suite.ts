/**
 * The store contract: one suite, run against every implementation (sqlite-store.test.ts,
 * postgres-store.test.ts), so that the two stores cannot behave differently.
 */
import { assert, afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CaseNumberTakenError,
  ENCRYPTED_COLUMNS,
  type AuditRecord,
  type NewSignal,
  type Store,
} from '../src/repositories/store.ts';
import { randomMd5, randomPdq } from './helpers/factories.ts';
import {
  openMigratedStore,
  type StoreKindUnderTest,
  type TestStoreLocation,
} from './helpers/stores.ts';

const at = new Date('2026-03-01T12:00:00Z');
const later = (ms: number) => new Date(at.getTime() + ms);
const pdq = (value = randomPdq()): NewSignal => ({ type: 'pdq', value, quality: 90 });
let caseCounter = 0;
const caseNumber = () =>
  `TEST-${String(++caseCounter).padStart(4, '0')}-${Math.random().toString(36).slice(2, 6)}`;

export function storeSuite(kind: StoreKindUnderTest): void {
  describe(`${kind.kind} store`, () => {
    let location: TestStoreLocation;
    let store: Store;
    let banks: { protect: number; lure: number; allow: number };

    beforeAll(async () => {
      location = await kind.createLocation();
      store = await openMigratedStore(location.location);
      const list = await store.listBanks();
      const id = (name: string) => list.find((bank) => bank.name === name)!.id;
      banks = { protect: id('protect'), lure: id('lure'), allow: id('allow') };
    });

    afterAll(async () => {
      await store.close();
      await location.dispose();
    });

    async function newCase(signals: NewSignal[] = [pdq()]) {
      const number = caseNumber();
      const created = await store.createCase({
        caseNumber: number,
        pinHash: 'hash',
        bankId: banks.protect,
        signals,
        at,
      });
      return { number, ...created };
    }

    it('migrates idempotently and from several connections at once', async () => {
      const others = await Promise.all([1, 2, 3].map(() => openMigratedStore(location.location)));
      await Promise.all(others.map((other) => other.migrate()));
      await Promise.all(others.map((other) => other.close()));
      await store.migrate();
      expect(store.kind).toBe(kind.kind);
    });

    it('starts with the protect, lure and allow banks at PDQ threshold 31', async () => {
      expect(await store.listBanks()).toEqual([
        {
          id: banks.protect,
          name: 'protect',
          purpose: 'protect',
          thresholds: { pdq: 31, vpdq: 31 },
        },
        { id: banks.lure, name: 'lure', purpose: 'lure', thresholds: { pdq: 31, vpdq: 31 } },
        { id: banks.allow, name: 'allow', purpose: 'allow', thresholds: { pdq: 31, vpdq: 31 } },
      ]);
    });

    it('updates bank thresholds', async () => {
      const updated = await store.updateBankThresholds(banks.allow, { pdq: 12, vpdq: 20 });
      expect(updated.thresholds).toEqual({ pdq: 12, vpdq: 20 });
      await store.updateBankThresholds(banks.allow, { pdq: 31, vpdq: 31 });
    });

    describe('cases', () => {
      it('stores a case with its signals, each with an add change', async () => {
        const before = await store.latestSeq();
        const signals = [pdq(), { type: 'md5', value: randomMd5(), quality: null } as const];
        const created = await newCase(signals);
        expect(await store.findCase(created.number)).toMatchObject({
          id: created.caseId,
          caseNumber: created.number,
          pinHash: 'hash',
          status: 'active',
          createdAt: at,
        });
        const listed = await store.listCaseSignals(created.caseId);
        expect(listed).toEqual(created.signals);
        expect(
          listed.map(({ type, value, quality, status, bankId, caseId }) => ({
            type,
            value,
            quality,
            status,
            bankId,
            caseId,
          })),
        ).toEqual(
          signals.map((signal) => ({
            ...signal,
            status: 'active',
            bankId: banks.protect,
            caseId: created.caseId,
          })),
        );
        const changes = await store.readChanges(before, 100);
        expect(changes.map((change) => [change.op, change.signalId, change.bankName])).toEqual(
          listed.map((signal) => ['add', signal.id, 'protect']),
        );
        expect(changes[0]!.value).toBe(signals[0]!.value);
      });

      it('refuses a case number that exists, and leaves nothing behind', async () => {
        const created = await newCase();
        const seq = await store.latestSeq();
        await expect(
          store.createCase({
            caseNumber: created.number,
            pinHash: 'x',
            bankId: banks.protect,
            signals: [pdq()],
            at,
          }),
        ).rejects.toBeInstanceOf(CaseNumberTakenError);
        expect(await store.latestSeq()).toBe(seq);
      });

      it('does not know a case that does not exist', async () => {
        expect(await store.findCase('NOPE-NOPE-NOPE-NOPE')).toBeUndefined();
        expect(await store.reservePinAttempt('NOPE-NOPE-NOPE-NOPE', at, () => null)).toEqual({
          kind: 'not_found',
        });
      });

      it('counts PIN attempts, locks by the policy, and forgets after a success', async () => {
        const created = await newCase();
        const policy = (attempt: number) => (attempt >= 3 ? 60_000 : null);
        for (const expected of [1, 2, 3]) {
          const attempt = await store.reservePinAttempt(created.number, at, policy);
          expect(attempt).toMatchObject({ kind: 'reserved', attempt: expected });
        }
        expect(await store.reservePinAttempt(created.number, later(59_000), policy)).toEqual({
          kind: 'locked',
          until: later(60_000),
        });
        expect(await store.reservePinAttempt(created.number, later(60_000), policy)).toMatchObject({
          kind: 'reserved',
          attempt: 4,
        });
        await store.clearPinAttempts(created.caseId);
        expect(await store.reservePinAttempt(created.number, later(60_001), policy)).toMatchObject({
          kind: 'reserved',
          attempt: 1,
        });
      });

      it('lets concurrent PIN attempts through one at a time', async () => {
        const created = await newCase();
        const policy = (attempt: number) => (attempt >= 5 ? 60_000 : null);
        const outcomes = await Promise.all(
          Array.from({ length: 20 }, () => store.reservePinAttempt(created.number, at, policy)),
        );
        const reserved = outcomes.flatMap((outcome) =>
          outcome.kind === 'reserved' ? [outcome.attempt] : [],
        );
        expect(reserved.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
        expect(outcomes.filter((outcome) => outcome.kind === 'locked')).toHaveLength(15);
      });

      it('adds signals, returning those already active instead of duplicating them', async () => {
        const first = pdq();
        const created = await newCase([first]);
        const second = pdq();
        const result = await store.addCaseSignals({
          caseId: created.caseId,
          bankId: banks.protect,
          signals: [first, second],
          maxSignals: 10,
          at,
        });
        expect(result.kind).toBe('added');
        if (result.kind !== 'added') return;
        expect(result.signals[0]).toEqual(created.signals[0]);
        expect(result.signals[1]).toMatchObject({ value: second.value, status: 'active' });
        expect(await store.listCaseSignals(created.caseId)).toHaveLength(2);
      });

      it('refuses signals beyond the case limit, and any on a withdrawn case', async () => {
        const created = await newCase([pdq(), pdq()]);
        const add = (signals: NewSignal[]) =>
          store.addCaseSignals({
            caseId: created.caseId,
            bankId: banks.protect,
            signals,
            maxSignals: 3,
            at,
          });
        expect((await add([pdq(), pdq()])).kind).toBe('case_full');
        expect((await add([pdq()])).kind).toBe('added');
        await store.withdrawCaseSignals({ caseId: created.caseId, signalIds: 'all', at });
        expect((await add([pdq()])).kind).toBe('case_withdrawn');
      });

      it('withdraws listed signals with withdraw changes, and refuses ids of other cases', async () => {
        const created = await newCase([pdq(), pdq(), pdq()]);
        const other = await newCase();
        const [a, b, c] = created.signals.map((signal) => signal.id);
        const seq = await store.latestSeq();
        expect(
          await store.withdrawCaseSignals({
            caseId: created.caseId,
            signalIds: [other.signals[0]!.id],
            at,
          }),
        ).toEqual({ kind: 'unknown_signal', id: other.signals[0]!.id });
        expect(await store.latestSeq()).toBe(seq);
        expect(
          await store.withdrawCaseSignals({ caseId: created.caseId, signalIds: [a!, b!, a!], at }),
        ).toEqual({
          kind: 'withdrawn',
          ids: [a, b],
        });
        // Withdrawing again changes nothing and says so.
        expect(
          await store.withdrawCaseSignals({ caseId: created.caseId, signalIds: [a!], at }),
        ).toEqual({
          kind: 'withdrawn',
          ids: [],
        });
        const changes = await store.readChanges(seq, 10);
        expect(changes.map((change) => [change.op, change.signalId])).toEqual([
          ['withdraw', a],
          ['withdraw', b],
        ]);
        expect((await store.findCase(created.number))?.status).toBe('active');
        expect(
          await store.withdrawCaseSignals({ caseId: created.caseId, signalIds: 'all', at }),
        ).toEqual({
          kind: 'withdrawn',
          ids: [c],
          evidenceDeleted: 0,
          reportsDeleted: 0,
        });
        expect((await store.findCase(created.number))?.status).toBe('withdrawn');
        expect(
          (await store.listCaseSignals(created.caseId)).map((signal) => signal.status),
        ).toEqual(['withdrawn', 'withdrawn', 'withdrawn']);
      });
    });

    describe('bank signals', () => {
      it("adds signals to a bank once, and withdraws only that bank's", async () => {
        const value = randomPdq();
        const [added] = await store.addBankSignals({
          bankId: banks.lure,
          signals: [pdq(value)],
          at,
        });
        const [again] = await store.addBankSignals({
          bankId: banks.lure,
          signals: [pdq(value)],
          at,
        });
        expect(again).toEqual(added);
        const [allowed] = await store.addBankSignals({
          bankId: banks.allow,
          signals: [pdq(value)],
          at,
        });
        expect(allowed!.id).not.toBe(added!.id);
        expect(
          await store.withdrawBankSignals({ bankId: banks.lure, signalIds: [allowed!.id], at }),
        ).toEqual({ kind: 'unknown_signal', id: allowed!.id });
        expect(
          await store.withdrawBankSignals({ bankId: banks.lure, signalIds: [added!.id], at }),
        ).toEqual({
          kind: 'withdrawn',
          ids: [added!.id],
        });
        const counts = await store.countActiveSignals();
        expect(counts.get(banks.allow)).toBeGreaterThanOrEqual(1);
      });

      it('keeps a large vPDQ value whole', async () => {
        const frames = Array.from({ length: 5000 }, (_, i) => `"${randomPdq()},100,${i}.0"`);
        const value = `[${frames.join(', ')}]`;
        const [added] = await store.addBankSignals({
          bankId: banks.lure,
          signals: [{ type: 'vpdq', value, quality: null }],
          at,
        });
        const [again] = await store.addBankSignals({
          bankId: banks.lure,
          signals: [{ type: 'vpdq', value, quality: null }],
          at,
        });
        expect(again!.id).toBe(added!.id);
        const change = (await store.readChanges(0, 100_000)).find(
          (entry) => entry.signalId === added!.id,
        );
        expect(change?.value).toBe(value);
      });
    });

    describe('change feed', () => {
      it('pages in seq order from a cursor', async () => {
        const start = await store.latestSeq();
        await store.addBankSignals({
          bankId: banks.lure,
          signals: [pdq(), pdq(), pdq(), pdq(), pdq()],
          at,
        });
        const first = await store.readChanges(start, 2);
        const second = await store.readChanges(first.at(-1)!.seq, 10);
        const seqs = [...first, ...second].map((change) => change.seq);
        expect(seqs).toHaveLength(5);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
        expect(await store.latestSeq()).toBe(seqs.at(-1));
      });

      it('never lets a reader tailing by cursor miss a change written concurrently', async () => {
        const start = await store.latestSeq();
        let cursor = start;
        const seen: number[] = [];
        let writing = true;
        const reader = (async () => {
          while (writing || cursor < (await store.latestSeq())) {
            for (const change of await store.readChanges(cursor, 1000)) {
              seen.push(change.seq);
              cursor = change.seq;
            }
          }
        })();
        const writers = await Promise.all(
          Array.from({ length: 30 }, () => newCase([pdq(), pdq()])),
        );
        writing = false;
        await reader;
        const written = (await store.readChanges(start, 10_000)).map((change) => change.seq);
        expect(written).toHaveLength(writers.length * 2);
        expect(seen).toEqual(written);
      });

      it('snapshots the active signals with the cursor of that same moment', async () => {
        const created = await newCase([pdq(), pdq()]);
        await store.withdrawCaseSignals({
          caseId: created.caseId,
          signalIds: [created.signals[0]!.id],
          at,
        });
        const ids = new Set<number>();
        const cursor = await store.snapshotActiveSignals((signal) => ids.add(signal.id));
        expect(cursor).toBe(await store.latestSeq());
        expect(ids.has(created.signals[0]!.id)).toBe(false);
        expect(ids.has(created.signals[1]!.id)).toBe(true);
        const counts = await store.countActiveSignals();
        expect(ids.size).toBe([...counts.values()].reduce((a, b) => a + b, 0));
      });
    });

    describe('platforms and feedback', () => {
      it('creates platforms with unique names, finds them by key hash, replaces keys', async () => {
        const name = `Platform ${caseNumber()}`;
        const created = await store.createPlatform({
          name,
          apiKeyHash: `h-${name}`,
          scopes: ['match', 'changes'],
          at,
        });
        expect(created).toMatchObject({ name, scopes: ['match', 'changes'], createdAt: at });
        expect(
          await store.createPlatform({ name, apiKeyHash: 'other', scopes: [], at }),
        ).toBeUndefined();
        expect(await store.findPlatformByKeyHash(`h-${name}`)).toEqual(created);
        expect(await store.replacePlatformKey(name, `h2-${name}`)).toBe(true);
        expect(await store.findPlatformByKeyHash(`h-${name}`)).toBeUndefined();
        expect((await store.findPlatformByKeyHash(`h2-${name}`))?.id).toBe(created!.id);
        expect(await store.replacePlatformKey('nobody', 'x')).toBe(false);
        expect((await store.listPlatforms()).map((platform) => platform.name)).toContain(name);
      });

      it("keeps each platform's latest decision per signal, for the case to see", async () => {
        const created = await newCase([pdq(), pdq()]);
        const one = await store.createPlatform({
          name: `One ${caseNumber()}`,
          apiKeyHash: caseNumber(),
          scopes: [],
          at,
        });
        const two = await store.createPlatform({
          name: `Two ${caseNumber()}`,
          apiKeyHash: caseNumber(),
          scopes: [],
          at,
        });
        const [a] = created.signals;
        const record = (platformId: number, decision: 'PendingReview' | 'Blocked', when: Date) =>
          store.recordFeedback({ platformId, signalId: a!.id, decision, at: when });
        expect(await record(one!.id, 'PendingReview', at)).toBe(true);
        expect(await record(one!.id, 'Blocked', later(1000))).toBe(true);
        expect(await record(two!.id, 'PendingReview', later(2000))).toBe(true);
        expect(
          await store.recordFeedback({
            platformId: one!.id,
            signalId: 999_999_999,
            decision: 'Blocked',
            at,
          }),
        ).toBe(false);
        expect(await store.listCaseFeedback(created.caseId)).toEqual([
          { platformName: one!.name, signalId: a!.id, decision: 'Blocked', at: later(1000) },
          { platformName: two!.name, signalId: a!.id, decision: 'PendingReview', at: later(2000) },
        ]);
      });
    });

    describe('flood control and review', () => {
      it('counts distinct platforms in the window, quarantines, and releases or rejects', async () => {
        const created = await newCase([pdq(), pdq()]);
        const [signal, other] = created.signals;
        const platforms = await Promise.all(
          [1, 2, 3].map((n) =>
            store.createPlatform({
              name: `Flood ${n} ${caseNumber()}`,
              apiKeyHash: caseNumber(),
              scopes: [],
              at,
            }),
          ),
        );
        const match = (platform: number, when: Date) =>
          store.recordMatch({
            signalId: signal!.id,
            platformId: platform,
            at: when,
            since: new Date(when.getTime() - 60_000),
          });
        expect(await match(platforms[0]!.id, at)).toBe(1);
        expect(await match(platforms[0]!.id, later(1000))).toBe(1);
        expect(await match(platforms[1]!.id, later(2000))).toBe(2);
        // 70 s later the first sightings are out of the window.
        expect(await match(platforms[2]!.id, later(70_000))).toBe(1);

        const seq = await store.latestSeq();
        expect(await store.quarantineSignal(signal!.id, later(70_000))).toBe(true);
        expect(await store.quarantineSignal(signal!.id, later(70_000))).toBe(false);
        const [change] = await store.readChanges(seq, 10);
        expect(change).toMatchObject({ op: 'withdraw', signalId: signal!.id });
        const quarantined = await store.listQuarantined(later(10_000));
        expect(quarantined.find((entry) => entry.signal.id === signal!.id)).toMatchObject({
          bankName: 'protect',
          quarantinedAt: later(70_000),
          platforms: 1,
        });

        expect(await store.reviewSignal(other!.id, 'release', later(80_000))).toEqual({
          kind: 'not_quarantined',
        });
        expect(await store.reviewSignal(999_999_999, 'release', later(80_000))).toEqual({
          kind: 'not_found',
        });
        expect(await store.reviewSignal(signal!.id, 'release', later(80_000))).toEqual({
          kind: 'reviewed',
          status: 'active',
        });
        expect((await store.readChanges(seq, 10)).map((entry) => entry.op)).toEqual([
          'withdraw',
          'add',
        ]);
        // Released by a person: flood control leaves it alone from now on.
        expect(await store.quarantineSignal(signal!.id, later(90_000))).toBe(false);

        expect(await store.quarantineSignal(other!.id, later(90_000))).toBe(true);
        expect(await store.reviewSignal(other!.id, 'reject', later(95_000))).toEqual({
          kind: 'reviewed',
          status: 'rejected',
        });
        expect((await store.listCaseSignals(created.caseId)).map((entry) => entry.status)).toEqual([
          'active',
          'rejected',
        ]);
      });

      it('withdraws a quarantined signal without a second withdraw change', async () => {
        const created = await newCase([pdq()]);
        const [signal] = created.signals;
        await store.quarantineSignal(signal!.id, at);
        const seq = await store.latestSeq();
        expect(
          await store.withdrawCaseSignals({ caseId: created.caseId, signalIds: 'all', at }),
        ).toEqual({
          kind: 'withdrawn',
          ids: [signal!.id],
          evidenceDeleted: 0,
          reportsDeleted: 0,
        });
        expect(await store.readChanges(seq, 10)).toEqual([]);
        expect(await store.reviewSignal(signal!.id, 'release', at)).toEqual({
          kind: 'not_quarantined',
        });
      });
    });

    describe('data keys, audit log, encrypted columns', () => {
      it('registers data keys once, by id, and forgets retired ones', async () => {
        await store.registerDataKey({ id: 'k-one', checkValue: 'c1', at });
        await store.registerDataKey({ id: 'k-one', checkValue: 'other', at: later(1) });
        await store.registerDataKey({ id: 'k-two', checkValue: 'c2', at: later(2) });
        expect(await store.listDataKeys()).toEqual([
          { id: 'k-one', checkValue: 'c1', createdAt: at },
          { id: 'k-two', checkValue: 'c2', createdAt: later(2) },
        ]);
        expect(await store.removeDataKey('k-one')).toBe(true);
        expect(await store.removeDataKey('k-one')).toBe(false);
        await store.removeDataKey('k-two');
        expect(await store.listDataKeys()).toEqual([]);
      });

      const auditRow = (seq: number, previousMac: string): AuditRecord => ({
        seq,
        at: later(seq),
        actorKind: 'platform',
        actorId: '7',
        action: 'feedback.record',
        target: `signal:${seq}`,
        details: '{"decision":"Blocked"}',
        keyId: 'k1',
        mac: `${previousMac}>${seq}`,
      });

      it('appends audit rows one at a time, each sealed from the one before, with the head', async () => {
        expect(await store.readAuditHead()).toEqual({ seq: 0, keyId: '', mac: '' });
        const seen: number[] = [];
        // Concurrent appends: each must see the row the previous one wrote (no fork, no gap).
        await Promise.all(
          Array.from({ length: 20 }, () =>
            store.appendAudit((previous) => {
              seen.push(previous?.seq ?? 0);
              const record = auditRow((previous?.seq ?? 0) + 1, previous?.mac ?? '');
              return { record, head: { seq: record.seq, keyId: 'k1', mac: `head${record.seq}` } };
            }),
          ),
        );
        expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
        const rows = await store.readAudit(0, 100);
        expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        expect(rows[1]).toEqual(auditRow(2, rows[0]!.mac));
        expect(rows[0]).toEqual(auditRow(1, ''));
        expect(await store.readAudit(18, 100)).toHaveLength(2);
        expect(await store.readAuditHead()).toEqual({ seq: 20, keyId: 'k1', mac: 'head20' });
      });

      it('reseals every audit row in order, or nothing when the sealer throws', async () => {
        const before = await store.readAudit(0, 100);
        await expect(
          store.resealAudit(
            (record) => {
              if (record.seq === 5) throw new Error('broken');
              return { keyId: 'k2', mac: 'x' };
            },
            () => ({ seq: 0, keyId: '', mac: '' }),
          ),
        ).rejects.toThrow('broken');
        expect(await store.readAudit(0, 100)).toEqual(before);
        const count = await store.resealAudit(
          (record, previousMac) => ({ keyId: 'k2', mac: `${previousMac}|${record.seq}` }),
          (last) => ({ seq: last!.seq, keyId: 'k2', mac: `head:${last!.mac}` }),
        );
        expect(count).toBe(before.length);
        const after = await store.readAudit(0, 100);
        expect(after[2]).toEqual({ ...before[2], keyId: 'k2', mac: '|1|2|3' });
        expect(await store.readAuditHead()).toEqual({
          seq: before.length,
          keyId: 'k2',
          mac: `head:${after.at(-1)!.mac}`,
        });
      });

      it('reads and replaces encrypted values only when unchanged (compare and set)', async () => {
        const created = await newCase();
        const first = await store.addEvidence({
          caseId: created.caseId,
          publicId: 'ev-cas-1',
          size: 3,
          sealed: Buffer.from('one'),
          at,
          maxItems: 10,
          maxBytes: 1000,
        });
        assert(first.kind === 'added');
        const column = ENCRYPTED_COLUMNS.find((entry) => entry.table === 'evidence')!;
        const rows = await store.readCiphertexts(column, first.record.id - 1, 1);
        expect(rows).toEqual([{ id: first.record.id, value: Buffer.from('one') }]);
        expect(
          await store.replaceCiphertext(
            column,
            first.record.id,
            Buffer.from('two'),
            Buffer.from('x'),
          ),
        ).toBe(false);
        expect(
          await store.replaceCiphertext(
            column,
            first.record.id,
            Buffer.from('one'),
            Buffer.from('new'),
          ),
        ).toBe(true);
        expect((await store.getEvidence(created.caseId, 'ev-cas-1'))?.sealed).toEqual(
          Buffer.from('new'),
        );
      });
    });

    describe('evidence', () => {
      const item = (caseId: number, publicId: string, bytes: Buffer, at2 = at) => ({
        caseId,
        publicId,
        size: bytes.length,
        sealed: bytes,
        at: at2,
        maxItems: 3,
        maxBytes: 100,
      });

      it('stores items per case, lists them oldest first without their bytes, and deletes them', async () => {
        const created = await newCase();
        const other = await newCase();
        const a = await store.addEvidence(item(created.caseId, 'ev-a', Buffer.alloc(10, 1)));
        const b = await store.addEvidence(
          item(created.caseId, 'ev-b', Buffer.alloc(20, 2), later(1000)),
        );
        await store.addEvidence(item(other.caseId, 'ev-c', Buffer.alloc(5, 3)));
        assert(a.kind === 'added' && b.kind === 'added');
        expect(a.record).toEqual({
          id: a.record.id,
          publicId: 'ev-a',
          caseId: created.caseId,
          size: 10,
          createdAt: at,
        });
        expect(await store.listEvidence(created.caseId)).toEqual([a.record, b.record]);
        expect(await store.getEvidence(created.caseId, 'ev-b')).toEqual({
          record: b.record,
          sealed: Buffer.alloc(20, 2),
        });
        // Another case's item is not found through this case.
        expect(await store.getEvidence(created.caseId, 'ev-c')).toBeUndefined();
        expect(await store.deleteEvidence(created.caseId, 'ev-c')).toBe(false);
        expect(await store.deleteEvidence(created.caseId, 'ev-a')).toBe(true);
        expect(await store.deleteEvidence(created.caseId, 'ev-a')).toBe(false);
        expect(await store.listEvidence(created.caseId)).toEqual([b.record]);
      });

      it('refuses items beyond the per-case limits, even when sent at once', async () => {
        const created = await newCase();
        const results = await Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            store.addEvidence(item(created.caseId, `ev-limit-${i}`, Buffer.alloc(10))),
          ),
        );
        expect(results.filter((result) => result.kind === 'added')).toHaveLength(3);
        expect(results.filter((result) => result.kind === 'case_full')).toHaveLength(3);
        const bytes = await newCase();
        expect((await store.addEvidence(item(bytes.caseId, 'ev-big', Buffer.alloc(90)))).kind).toBe(
          'added',
        );
        expect(
          (await store.addEvidence(item(bytes.caseId, 'ev-big2', Buffer.alloc(11)))).kind,
        ).toBe('case_full');
      });

      it('deletes the evidence of a withdrawn case and takes no more', async () => {
        const created = await newCase();
        await store.addEvidence(item(created.caseId, 'ev-w1', Buffer.alloc(4)));
        await store.addEvidence(item(created.caseId, 'ev-w2', Buffer.alloc(4)));
        const result = await store.withdrawCaseSignals({
          caseId: created.caseId,
          signalIds: 'all',
          at,
        });
        expect(result).toMatchObject({ kind: 'withdrawn', evidenceDeleted: 2 });
        expect(await store.listEvidence(created.caseId)).toEqual([]);
        expect((await store.addEvidence(item(created.caseId, 'ev-w3', Buffer.alloc(4)))).kind).toBe(
          'case_withdrawn',
        );
      });
    });
  });
}
