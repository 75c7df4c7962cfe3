/**
 * The console store's contract, run on both stores (console-sqlite-store.test.ts,
 * console-postgres-store.test.ts), so that they cannot behave differently.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleStore } from '../src/repositories/console-store.ts';
import { openConsoleStore } from '../src/repositories/open-console-store.ts';
import type { Store } from '../src/repositories/store.ts';
import {
  openMigratedStore,
  type StoreKindUnderTest,
  type TestStoreLocation,
} from './helpers/stores.ts';

const at = new Date('2026-03-01T12:00:00Z');
const later = (ms: number) => new Date(at.getTime() + ms);

export function consoleStoreSuite(kind: StoreKindUnderTest): void {
  describe(`${kind.kind} console store`, () => {
    let location: TestStoreLocation;
    let store: Store;
    let consoleStore: ConsoleStore;
    let caseCounter = 0;

    beforeAll(async () => {
      location = await kind.createLocation();
      store = await openMigratedStore(location.location);
      consoleStore = openConsoleStore(location.location);
    });
    afterAll(async () => {
      await consoleStore.close();
      await store.close();
      await location.dispose();
    });

    async function newCase(): Promise<number> {
      const bank = (await store.listBanks()).find((entry) => entry.name === 'protect')!;
      const created = await store.createCase({
        caseNumber: `CONS-${String(++caseCounter).padStart(4, '0')}-TEST`,
        pinHash: 'hash',
        bankId: bank.id,
        signals: [],
        at,
      });
      return created.caseId;
    }

    async function newStaff(name: string, helplineId: number | null = null) {
      return (await consoleStore.createStaff({
        name,
        role: helplineId === null ? 'investigator' : 'helpline',
        helplineId,
        platformId: null,
        setupCodeHash: `code-${name}`,
        setupExpiresAt: later(3_600_000),
        at,
      }))!;
    }

    it('hands out report ids in commit order, even to concurrent writers on two connections', async () => {
      const caseId = await newCase();
      const second = openConsoleStore(location.location);
      try {
        const before = (await consoleStore.readReports(0, 10_000)).at(-1)?.id ?? 0;
        await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            (i % 2 === 0 ? consoleStore : second).addReport({
              caseId,
              receivedAt: later(i),
              verdict: 'sextortion',
              family: null,
              body: (id) => `sealed-${id}`,
              synthetic: false,
            }),
          ),
        );
        const read = await consoleStore.readReports(before, 100);
        expect(read).toHaveLength(20);
        expect(read.map((report) => report.id)).toEqual(
          [...read.map((r) => r.id)].sort((a, b) => a - b),
        );
        // The body was sealed for its own row id.
        for (const report of read) expect(report.body).toBe(`sealed-${report.id}`);
        expect(await consoleStore.caseNumberOf(caseId)).toMatch(/^CONS-/);
      } finally {
        await second.close();
      }
    });

    it('deletes a report only for its own case, feeds its id in order, and never hands its id out again', async () => {
      const caseId = await newCase();
      const otherCase = await newCase();
      const add = (receivedAt: Date) =>
        consoleStore.addReport({
          caseId,
          receivedAt,
          verdict: 'sextortion',
          family: null,
          body: (id) => `sealed-${id}`,
          synthetic: false,
        });
      const first = await add(later(1));
      const newest = await add(later(2));
      const feedBefore = (await consoleStore.readReportDeletions(0, 10_000)).at(-1)?.seq ?? 0;

      expect(await consoleStore.deleteReport(otherCase, newest.id)).toBe(false);
      expect(await consoleStore.deleteReport(caseId, newest.id)).toBe(true);
      expect(await consoleStore.deleteReport(caseId, newest.id)).toBe(false);
      expect((await consoleStore.listCaseReports(caseId)).map((r) => r.id)).toEqual([first.id]);
      // The newest row went: the next report still gets a larger id (tailing readers rely on it).
      const next = await add(later(3));
      expect(next.id).toBeGreaterThan(newest.id);

      const withdrawn = await store.withdrawCaseSignals({ caseId, signalIds: 'all', at });
      expect(withdrawn).toMatchObject({ kind: 'withdrawn', reportsDeleted: 2 });
      expect(await consoleStore.listCaseReports(caseId)).toEqual([]);
      const feed = await consoleStore.readReportDeletions(feedBefore, 100);
      expect(feed.map((entry) => entry.reportId)).toEqual([newest.id, first.id, next.id]);
      expect(feed.map((entry) => entry.seq)).toEqual(
        [...feed.map((e) => e.seq)].sort((a, b) => a - b),
      );
      expect(await consoleStore.readReportDeletions(feed[0]!.seq, 1)).toEqual([feed[1]]);
      // Where a process starting now begins to tail the feed: its newest entry.
      expect(await consoleStore.lastReportDeletionSeq()).toBe(feed.at(-1)!.seq);
      const kept = await add(later(4));
      expect(await consoleStore.deleteReport(caseId, kept.id)).toBe(true);
      const lastSeq = await consoleStore.lastReportDeletionSeq();
      expect(await consoleStore.readReportDeletions(feed.at(-1)!.seq, 10)).toEqual([
        { seq: lastSeq, reportId: kept.id },
      ]);
    });

    it('says the deletion feed ends at 0 while it is empty', async () => {
      const empty = await kind.createLocation();
      const emptyStore = await openMigratedStore(empty.location);
      const emptyConsole = openConsoleStore(empty.location);
      try {
        expect(await emptyConsole.lastReportDeletionSeq()).toBe(0);
      } finally {
        await emptyConsole.close();
        await emptyStore.close();
        await empty.dispose();
      }
    });

    it('keeps one live share per case and helpline; revoking deletes its envelope, keys and notes', async () => {
      const caseId = await newCase();
      const helpline = await consoleStore.ensureHelpline('Suite helpline', at);
      expect(await consoleStore.ensureHelpline('Suite helpline', at)).toEqual(helpline);
      const member = await newStaff('suite-member', helpline.id);
      const share = await consoleStore.createShare({
        caseId,
        helplineId: helpline.id,
        envelope: '{"v":1}',
        keys: [{ staffId: member.id, wrappedKey: '{"k":1}' }],
        at,
      });
      if (share === 'exists') throw new Error('unexpected');
      expect(
        await consoleStore.createShare({
          caseId,
          helplineId: helpline.id,
          envelope: '{}',
          keys: [],
          at,
        }),
      ).toBe('exists');
      await consoleStore.addNote({
        shareId: share.id,
        authorId: member.id,
        body: (id) => `note-${id}`,
        at,
      });
      expect(
        (await consoleStore.shareKeysOf(member.id, [share.id])).get(share.id)?.wrappedKey,
      ).toBe('{"k":1}');
      const revoked = await consoleStore.revokeShare(caseId, share.id, later(1000));
      expect(revoked).toMatchObject({ envelope: null, revokedAt: later(1000) });
      expect(await consoleStore.listNotes(share.id)).toEqual([]);
      expect((await consoleStore.shareKeysOf(member.id, [share.id])).size).toBe(0);
      expect(await consoleStore.listHelplineShares(helpline.id)).toEqual([]);
      // Another case's share cannot be revoked through this case.
      expect(await consoleStore.revokeShare(caseId + 1, share.id, at)).toBeUndefined();
      // Shared again after a revocation: a new share.
      const again = await consoleStore.createShare({
        caseId,
        helplineId: helpline.id,
        envelope: '{}',
        keys: [],
        at,
      });
      expect(again).not.toBe('exists');
    });

    it('rotates a session: the new token lives on, the old one until the grace period', async () => {
      const member = await newStaff('suite-session');
      await consoleStore.createSession({
        tokenHash: 'old',
        staffId: member.id,
        csrfToken: 'csrf',
        at,
        expiresAt: later(3_600_000),
      });
      expect(await consoleStore.rotateSession('old', 'new', later(600_000), later(630_000))).toBe(
        true,
      );
      expect(await consoleStore.findSession('new')).toMatchObject({
        staffId: member.id,
        csrfToken: 'csrf',
        issuedAt: later(600_000),
        expiresAt: later(3_600_000),
      });
      expect((await consoleStore.findSession('old'))?.expiresAt).toEqual(later(630_000));
      expect(await consoleStore.rotateSession('gone', 'other', at, at)).toBe(false);
      await consoleStore.deleteStaffSessions(member.id, 'new');
      expect(await consoleStore.findSession('old')).toBeUndefined();
      expect(await consoleStore.findSession('new')).toBeDefined();
    });

    it('counts sign-in attempts by name whatever its case, and locks as the policy says', async () => {
      await newStaff('Suite-Lock');
      const policy = (attempt: number) => (attempt >= 3 ? 60_000 : null);
      expect((await consoleStore.reserveLoginAttempt('suite-lock', at, policy)).kind).toBe(
        'reserved',
      );
      expect((await consoleStore.reserveLoginAttempt('SUITE-LOCK', at, policy)).kind).toBe(
        'reserved',
      );
      expect((await consoleStore.reserveLoginAttempt('suite-lock', at, policy)).kind).toBe(
        'reserved',
      );
      expect(await consoleStore.reserveLoginAttempt('suite-lock', later(1000), policy)).toEqual({
        kind: 'locked',
        until: later(60_000),
      });
      expect((await consoleStore.reserveLoginAttempt('nobody', at, policy)).kind).toBe('not_found');
    });

    it('refuses a TOTP step already used', async () => {
      const member = await newStaff('suite-totp');
      expect(await consoleStore.useTotpStep(member.id, 100)).toBe(true);
      expect(await consoleStore.useTotpStep(member.id, 100)).toBe(false);
      expect(await consoleStore.useTotpStep(member.id, 99)).toBe(false);
      expect(await consoleStore.useTotpStep(member.id, 101)).toBe(true);
    });

    it('rotates and revokes API keys, and authenticates only live ones', async () => {
      const platform = (await store.createPlatform({
        name: 'Suite platform',
        apiKeyHash: 'first',
        scopes: ['match'],
        at,
      }))!;
      expect((await store.findPlatformByKeyHash('first'))?.name).toBe('Suite platform');
      const [first] = await consoleStore.listApiKeys(platform.id);
      const rotated = await consoleStore.rotateApiKey({
        platformId: platform.id,
        keyId: first!.id,
        keyHash: 'second',
        prefix: 'aman_abc',
        at,
      });
      expect(rotated.kind).toBe('rotated');
      expect(await store.findPlatformByKeyHash('first')).toBeUndefined();
      expect((await store.findPlatformByKeyHash('second'))?.id).toBe(platform.id);
      expect((await consoleStore.revokeApiKey(platform.id, first!.id, at)).kind).toBe(
        'already_revoked',
      );
      expect((await consoleStore.revokeApiKey(platform.id + 1000, first!.id, at)).kind).toBe(
        'not_found',
      );
      // `aman platform add`'s replacement revokes every other key.
      await consoleStore.createApiKey({
        platformId: platform.id,
        keyHash: 'third',
        prefix: 'aman_def',
        label: 'x',
        at,
      });
      expect(await store.replacePlatformKey('Suite platform', 'fourth')).toBe(true);
      expect(await store.findPlatformByKeyHash('second')).toBeUndefined();
      expect(await store.findPlatformByKeyHash('third')).toBeUndefined();
      expect((await store.findPlatformByKeyHash('fourth'))?.id).toBe(platform.id);
    });

    it('stores staff safelist entries by rule', async () => {
      await consoleStore.putSafelist({
        ruleKey: 'domain:example.org',
        entry: '{"a":1}',
        addedBy: 'x',
        at,
      });
      await consoleStore.putSafelist({
        ruleKey: 'domain:example.org',
        entry: '{"a":2}',
        addedBy: 'y',
        at,
      });
      const listed = (await consoleStore.listSafelist()).filter(
        (entry) => entry.ruleKey === 'domain:example.org',
      );
      expect(listed).toEqual([
        { ruleKey: 'domain:example.org', entry: '{"a":2}', addedBy: 'y', createdAt: at },
      ]);
      expect(await consoleStore.removeSafelist('domain:example.org')).toBe(true);
      expect(await consoleStore.removeSafelist('domain:example.org')).toBe(false);
    });
  });
}
