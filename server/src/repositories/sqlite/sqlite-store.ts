/**
 * The embedded store: one SQLite file, WAL mode.
 *
 * Durability: `synchronous = FULL` fsyncs the WAL at every commit, so a case whose 201 was sent
 * survives not only `kill -9` of the server (NORMAL would too: the data is in the OS cache) but
 * also a power cut or kernel crash, which NORMAL does not promise. Writes are rare (a victim opens
 * a case, a platform reports), so one fsync per commit costs nothing that matters; matching never
 * writes to the file except for flood control's first sighting of a (signal, platform) pair.
 */
import Database from 'better-sqlite3';
import type {
  BankPurpose,
  BankThresholds,
  FeedbackDecision,
  Scope,
  SignalStatus,
  SignalType,
} from '@aman/api';
import {
  CaseNumberTakenError,
  type ActiveSignal,
  type AddEvidenceResult,
  type AuditHead,
  type AuditRecord,
  type AuditSealer,
  type EncryptedColumn,
  type EvidenceRecord,
  type RegisteredKey,
  type AddCaseSignalsResult,
  type BankRecord,
  type CaseRecord,
  type ChangeRecord,
  type FeedbackRecord,
  type LockPolicy,
  type NewSignal,
  type PinAttempt,
  type PlatformRecord,
  type QuarantineRecord,
  type ReviewResult,
  type SignalRecord,
  type Store,
  type WithdrawResult,
} from '../store.ts';
import { sqliteMigrations } from './migrations.ts';
import { deleteReportRows } from './report-deletions.ts';

interface BankRow {
  id: number;
  name: string;
  purpose: BankPurpose;
  pdq_threshold: number;
  vpdq_threshold: number;
}
interface SignalRow {
  id: number;
  bank_id: number;
  case_id: number | null;
  type: SignalType;
  value: string;
  quality: number | null;
  status: SignalStatus;
  created_at: number;
}
interface CaseRow {
  id: number;
  case_number: string;
  pin_hash: string;
  status: 'active' | 'withdrawn';
  created_at: number;
  failed_pin_attempts: number;
  locked_until: number | null;
}
interface PlatformRow {
  id: number;
  name: string;
  scopes: string;
  created_at: number;
}

const SIGNAL_COLUMNS = 'id, bank_id, case_id, type, value, quality, status, created_at';
/** Audit rows read at a time when resealing the log. */
const AUDIT_PAGE = 10_000;

/**
 * Opens (creating if needed) an SQLite store at `path` (`:memory:` for a throwaway one).
 *
 * @example
 * const store = openSqliteStore('.data/aman.sqlite');
 * await store.migrate();
 */
export function openSqliteStore(path: string): Store {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Deleted content (a withdrawn case's evidence) is overwritten, not left in free pages.
  db.pragma('secure_delete = ON');
  // A second process on the same file (a matcher replica, `aman platform add`) waits its turn.
  db.pragma('busy_timeout = 5000');
  return toAsync(new SqliteStore(db));
}

/** The store's methods as better-sqlite3 runs them: synchronously. */
type SyncStore = { readonly kind: 'sqlite' } & {
  [K in Exclude<keyof Store, 'kind'>]: Store[K] extends (...args: infer A) => Promise<infer R>
    ? (...args: A) => R
    : never;
};

/** The asynchronous `Store` over the synchronous one; a thrown error becomes a rejection. */
function toAsync(sync: SyncStore): Store {
  const wrap =
    <A extends unknown[], R>(method: (...args: A) => R) =>
    (...args: A): Promise<R> => {
      try {
        return Promise.resolve(method(...args));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
  return {
    kind: 'sqlite',
    migrate: wrap(sync.migrate.bind(sync)),
    close: wrap(sync.close.bind(sync)),
    listBanks: wrap(sync.listBanks.bind(sync)),
    countActiveSignals: wrap(sync.countActiveSignals.bind(sync)),
    updateBankThresholds: wrap(sync.updateBankThresholds.bind(sync)),
    createCase: wrap(sync.createCase.bind(sync)),
    findCase: wrap(sync.findCase.bind(sync)),
    reservePinAttempt: wrap(sync.reservePinAttempt.bind(sync)),
    clearPinAttempts: wrap(sync.clearPinAttempts.bind(sync)),
    listCaseSignals: wrap(sync.listCaseSignals.bind(sync)),
    listCaseFeedback: wrap(sync.listCaseFeedback.bind(sync)),
    addCaseSignals: wrap(sync.addCaseSignals.bind(sync)),
    withdrawCaseSignals: wrap(sync.withdrawCaseSignals.bind(sync)),
    addBankSignals: wrap(sync.addBankSignals.bind(sync)),
    withdrawBankSignals: wrap(sync.withdrawBankSignals.bind(sync)),
    latestSeq: wrap(sync.latestSeq.bind(sync)),
    readChanges: wrap(sync.readChanges.bind(sync)),
    snapshotActiveSignals: wrap(sync.snapshotActiveSignals.bind(sync)),
    createPlatform: wrap(sync.createPlatform.bind(sync)),
    replacePlatformKey: wrap(sync.replacePlatformKey.bind(sync)),
    findPlatformByKeyHash: wrap(sync.findPlatformByKeyHash.bind(sync)),
    listPlatforms: wrap(sync.listPlatforms.bind(sync)),
    recordFeedback: wrap(sync.recordFeedback.bind(sync)),
    recordMatch: wrap(sync.recordMatch.bind(sync)),
    quarantineSignal: wrap(sync.quarantineSignal.bind(sync)),
    listQuarantined: wrap(sync.listQuarantined.bind(sync)),
    reviewSignal: wrap(sync.reviewSignal.bind(sync)),
    registerDataKey: wrap(sync.registerDataKey.bind(sync)),
    listDataKeys: wrap(sync.listDataKeys.bind(sync)),
    removeDataKey: wrap(sync.removeDataKey.bind(sync)),
    appendAudit: wrap(sync.appendAudit.bind(sync)),
    readAudit: wrap(sync.readAudit.bind(sync)),
    readAuditHead: wrap(sync.readAuditHead.bind(sync)),
    resealAudit: wrap(sync.resealAudit.bind(sync)),
    readCiphertexts: wrap(sync.readCiphertexts.bind(sync)),
    replaceCiphertext: wrap(sync.replaceCiphertext.bind(sync)),
    addEvidence: wrap(sync.addEvidence.bind(sync)),
    listEvidence: wrap(sync.listEvidence.bind(sync)),
    getEvidence: wrap(sync.getEvidence.bind(sync)),
    deleteEvidence: wrap(sync.deleteEvidence.bind(sync)),
  };
}

class SqliteStore implements SyncStore {
  readonly kind = 'sqlite';

  constructor(private readonly db: Database.Database) {}

  migrate(): void {
    const run = this.db.transaction(() => {
      const applied = this.db.pragma('user_version', { simple: true }) as number;
      for (let version = applied; version < sqliteMigrations.length; version++) {
        this.db.exec(sqliteMigrations[version]!);
      }
      this.db.pragma(`user_version = ${sqliteMigrations.length}`);
    });
    run.immediate();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // --- banks ---------------------------------------------------------------------------------

  listBanks(): BankRecord[] {
    const rows = this.prepare<[], BankRow>(
      'SELECT id, name, purpose, pdq_threshold, vpdq_threshold FROM banks ORDER BY id',
    ).all();
    return rows.map(toBank);
  }

  countActiveSignals(): Map<number, number> {
    const rows = this.prepare<[], { bank_id: number; n: number }>(
      "SELECT bank_id, count(*) AS n FROM signals WHERE status = 'active' GROUP BY bank_id",
    ).all();
    return new Map(rows.map((row) => [row.bank_id, row.n]));
  }

  updateBankThresholds(bankId: number, thresholds: BankThresholds): BankRecord {
    const row = this.prepare<[number, number, number], BankRow>(
      `UPDATE banks SET pdq_threshold = ?, vpdq_threshold = ? WHERE id = ?
         RETURNING id, name, purpose, pdq_threshold, vpdq_threshold`,
    ).get(thresholds.pdq, thresholds.vpdq, bankId);
    if (row === undefined) throw new Error(`no bank ${bankId}`);
    return toBank(row);
  }

  // --- cases ---------------------------------------------------------------------------------

  createCase(input: {
    caseNumber: string;
    pinHash: string;
    bankId: number;
    signals: readonly NewSignal[];
    at: Date;
  }): { caseId: number; signals: SignalRecord[] } {
    const at = input.at.getTime();
    const run = this.db.transaction(() => {
      let caseId: number;
      try {
        caseId = Number(
          this.prepare(
            'INSERT INTO cases (case_number, pin_hash, created_at) VALUES (?, ?, ?)',
          ).run(input.caseNumber, input.pinHash, at).lastInsertRowid,
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw new CaseNumberTakenError();
        throw error;
      }
      const signals = input.signals.map((signal) =>
        this.insertSignal(input.bankId, caseId, signal, at),
      );
      return { caseId, signals };
    });
    return run.immediate();
  }

  findCase(caseNumber: string): CaseRecord | undefined {
    const row = this.prepare<[string], CaseRow>('SELECT * FROM cases WHERE case_number = ?').get(
      caseNumber,
    );
    return row === undefined ? undefined : toCase(row);
  }

  reservePinAttempt(caseNumber: string, now: Date, lockFor: LockPolicy): PinAttempt {
    const run = this.db.transaction((): PinAttempt => {
      const row = this.prepare<[string], CaseRow>('SELECT * FROM cases WHERE case_number = ?').get(
        caseNumber,
      );
      if (row === undefined) return { kind: 'not_found' };
      if (row.locked_until !== null && row.locked_until > now.getTime()) {
        return { kind: 'locked', until: new Date(row.locked_until) };
      }
      const attempt = row.failed_pin_attempts + 1;
      const lock = lockFor(attempt);
      this.prepare('UPDATE cases SET failed_pin_attempts = ?, locked_until = ? WHERE id = ?').run(
        attempt,
        lock === null ? null : now.getTime() + lock,
        row.id,
      );
      return { kind: 'reserved', record: toCase(row), attempt };
    });
    return run.immediate();
  }

  clearPinAttempts(caseId: number): void {
    this.prepare('UPDATE cases SET failed_pin_attempts = 0, locked_until = NULL WHERE id = ?').run(
      caseId,
    );
  }

  listCaseSignals(caseId: number): SignalRecord[] {
    const rows = this.prepare<[number], SignalRow>(
      `SELECT ${SIGNAL_COLUMNS} FROM signals WHERE case_id = ? ORDER BY id`,
    ).all(caseId);
    return rows.map(toSignal);
  }

  listCaseFeedback(caseId: number): FeedbackRecord[] {
    const rows = this.prepare<
      [number],
      { name: string; signal_id: number; decision: FeedbackDecision; at: number }
    >(
      `SELECT p.name, f.signal_id, f.decision, f.at
         FROM feedback f JOIN signals s ON s.id = f.signal_id JOIN platforms p ON p.id = f.platform_id
         WHERE s.case_id = ? ORDER BY f.at, p.name, f.signal_id`,
    ).all(caseId);
    return rows.map((row) => ({
      platformName: row.name,
      signalId: row.signal_id,
      decision: row.decision,
      at: new Date(row.at),
    }));
  }

  addCaseSignals(input: {
    caseId: number;
    bankId: number;
    signals: readonly NewSignal[];
    maxSignals: number;
    at: Date;
  }): AddCaseSignalsResult {
    const run = this.db.transaction((): AddCaseSignalsResult => {
      const status = this.prepare<[number], { status: string }>(
        'SELECT status FROM cases WHERE id = ?',
      ).get(input.caseId)?.status;
      if (status !== 'active') return { kind: 'case_withdrawn' };
      const existing = this.prepare<[number], SignalRow>(
        `SELECT ${SIGNAL_COLUMNS} FROM signals WHERE case_id = ?`,
      ).all(input.caseId);
      const live = new Map(
        existing
          .filter((row) => row.status === 'active' || row.status === 'quarantined')
          .map((row) => [`${row.type}:${row.value}`, row]),
      );
      const fresh = input.signals.filter((signal) => !live.has(`${signal.type}:${signal.value}`));
      if (existing.length + fresh.length > input.maxSignals) return { kind: 'case_full' };
      const at = input.at.getTime();
      const signals = input.signals.map((signal) => {
        const row = live.get(`${signal.type}:${signal.value}`);
        if (row !== undefined) return toSignal(row);
        const added = this.insertSignal(input.bankId, input.caseId, signal, at);
        live.set(`${signal.type}:${signal.value}`, toRow(added));
        return added;
      });
      return { kind: 'added', signals };
    });
    return run.immediate();
  }

  withdrawCaseSignals(input: {
    caseId: number;
    signalIds: readonly number[] | 'all';
    at: Date;
  }): WithdrawResult {
    const at = input.at.getTime();
    const run = this.db.transaction((): WithdrawResult => {
      const rows = this.prepare<[number], { id: number; status: SignalStatus }>(
        'SELECT id, status FROM signals WHERE case_id = ? ORDER BY id',
      ).all(input.caseId);
      const result = this.withdrawRows(rows, input.signalIds, at);
      if (input.signalIds === 'all' && result.kind === 'withdrawn') {
        this.prepare("UPDATE cases SET status = 'withdrawn', withdrawn_at = ? WHERE id = ?").run(
          at,
          input.caseId,
        );
        const deleted = this.prepare('DELETE FROM evidence WHERE case_id = ?').run(input.caseId);
        const reportsDeleted = deleteReportRows(this.db, input.caseId, 'all');
        return { ...result, evidenceDeleted: deleted.changes, reportsDeleted };
      }
      return result;
    });
    return run.immediate();
  }

  // --- banks' own signals ----------------------------------------------------------------------

  addBankSignals(input: {
    bankId: number;
    signals: readonly NewSignal[];
    at: Date;
  }): SignalRecord[] {
    const at = input.at.getTime();
    const findLive = this.prepare<[number, string, string], SignalRow>(
      `SELECT ${SIGNAL_COLUMNS} FROM signals
       WHERE bank_id = ? AND type = ? AND value = ? AND case_id IS NULL AND status IN ('active', 'quarantined')`,
    );
    const run = this.db.transaction(() =>
      input.signals.map((signal) => {
        const row = findLive.get(input.bankId, signal.type, signal.value);
        return row === undefined
          ? this.insertSignal(input.bankId, null, signal, at)
          : toSignal(row);
      }),
    );
    return run.immediate();
  }

  withdrawBankSignals(input: {
    bankId: number;
    signalIds: readonly number[];
    at: Date;
  }): WithdrawResult {
    const run = this.db.transaction((): WithdrawResult => {
      const lookup = this.prepare<[number, number], { id: number; status: SignalStatus }>(
        'SELECT id, status FROM signals WHERE id = ? AND bank_id = ? AND case_id IS NULL',
      );
      const rows: { id: number; status: SignalStatus }[] = [];
      for (const id of input.signalIds) {
        const row = lookup.get(id, input.bankId);
        if (row === undefined) return { kind: 'unknown_signal', id };
        rows.push(row);
      }
      return this.withdrawRows(rows, input.signalIds, input.at.getTime());
    });
    return run.immediate();
  }

  // --- change feed ---------------------------------------------------------------------------

  latestSeq(): number {
    const seq = this.prepare<[], { seq: number | null }>(
      'SELECT max(seq) AS seq FROM changes',
    ).get()?.seq;
    return seq ?? 0;
  }

  readChanges(afterSeq: number, limit: number): ChangeRecord[] {
    const rows = this.prepare<
      [number, number],
      {
        seq: number;
        op: 'add' | 'withdraw';
        signal_id: number;
        type: SignalType;
        value: string;
        bank_id: number;
        bank_name: string;
        at: number;
      }
    >(
      `SELECT c.seq, c.op, c.signal_id, s.type, s.value, s.bank_id, b.name AS bank_name, c.at
         FROM changes c JOIN signals s ON s.id = c.signal_id JOIN banks b ON b.id = s.bank_id
         WHERE c.seq > ? ORDER BY c.seq LIMIT ?`,
    ).all(afterSeq, limit);
    return rows.map((row) => ({
      seq: row.seq,
      op: row.op,
      signalId: row.signal_id,
      type: row.type,
      value: row.value,
      bankId: row.bank_id,
      bankName: row.bank_name,
      at: new Date(row.at),
    }));
  }

  snapshotActiveSignals(visit: (signal: ActiveSignal) => void): number {
    // One read transaction: the max seq and the rows come from the same WAL snapshot.
    const run = this.db.transaction(() => {
      const cursor =
        this.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM changes').get()
          ?.seq ?? 0;
      // Raw rows (arrays, not objects): a million of them load noticeably faster.
      const rows = this.prepare<[], [number, number, SignalType, string]>(
        "SELECT id, bank_id, type, value FROM signals WHERE status = 'active'",
      )
        .raw(true)
        .iterate();
      for (const [id, bankId, type, value] of rows) visit({ id, bankId, type, value });
      return cursor;
    });
    return run.deferred();
  }

  // --- platforms -----------------------------------------------------------------------------

  createPlatform(input: {
    name: string;
    apiKeyHash: string;
    scopes: readonly Scope[];
    at: Date;
  }): PlatformRecord | undefined {
    try {
      const run = this.db.transaction(() => {
        const row = this.prepare<[string, string, string, number], PlatformRow>(
          `INSERT INTO platforms (name, api_key_sha256, scopes, created_at) VALUES (?, ?, ?, ?)
             RETURNING id, name, scopes, created_at`,
        ).get(input.name, input.apiKeyHash, input.scopes.join(' '), input.at.getTime());
        if (row !== undefined) this.insertApiKey(row.id, input.apiKeyHash, input.at.getTime());
        return row;
      });
      const row = run.immediate();
      return row === undefined ? undefined : toPlatform(row);
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  replacePlatformKey(name: string, apiKeyHash: string): boolean {
    const run = this.db.transaction(() => {
      const row = this.prepare<[string, string], { id: number }>(
        'UPDATE platforms SET api_key_sha256 = ? WHERE name = ? RETURNING id',
      ).get(apiKeyHash, name);
      if (row === undefined) return false;
      // Every other key of the platform stops working (the console's keys included).
      const now = Date.now();
      this.prepare(
        'UPDATE platform_api_keys SET revoked_at = ? WHERE platform_id = ? AND revoked_at IS NULL',
      ).run(now, row.id);
      this.insertApiKey(row.id, apiKeyHash, now);
      return true;
    });
    return run.immediate();
  }

  findPlatformByKeyHash(apiKeyHash: string): PlatformRecord | undefined {
    // A platform has several keys (console: create, rotate, revoke); only unrevoked ones work.
    const row = this.prepare<[string], PlatformRow>(
      `SELECT p.id, p.name, p.scopes, p.created_at
         FROM platform_api_keys k JOIN platforms p ON p.id = k.platform_id
        WHERE k.key_sha256 = ? AND k.revoked_at IS NULL`,
    ).get(apiKeyHash);
    return row === undefined ? undefined : toPlatform(row);
  }

  private insertApiKey(platformId: number, apiKeyHash: string, at: number): void {
    this.prepare(
      `INSERT INTO platform_api_keys (platform_id, key_sha256, prefix, label, created_at)
       VALUES (?, ?, 'aman_', 'issued by aman platform', ?)`,
    ).run(platformId, apiKeyHash, at);
  }

  listPlatforms(): PlatformRecord[] {
    const rows = this.prepare<[], PlatformRow>(
      'SELECT id, name, scopes, created_at FROM platforms ORDER BY name',
    ).all();
    return rows.map(toPlatform);
  }

  // --- feedback, flood control, review -------------------------------------------------------

  recordFeedback(input: {
    platformId: number;
    signalId: number;
    decision: FeedbackDecision;
    at: Date;
  }): boolean {
    const run = this.db.transaction(() => {
      const exists = this.prepare('SELECT 1 FROM signals WHERE id = ?').get(input.signalId);
      if (exists === undefined) return false;
      this.prepare(
        `INSERT INTO feedback (platform_id, signal_id, decision, at) VALUES (?, ?, ?, ?)
           ON CONFLICT (platform_id, signal_id) DO UPDATE SET decision = excluded.decision, at = excluded.at`,
      ).run(input.platformId, input.signalId, input.decision, input.at.getTime());
      return true;
    });
    return run.immediate();
  }

  recordMatch(input: { signalId: number; platformId: number; at: Date; since: Date }): number {
    const run = this.db.transaction(() => {
      this.prepare(
        `INSERT INTO signal_matches (signal_id, platform_id, at) VALUES (?, ?, ?)
           ON CONFLICT (signal_id, platform_id) DO UPDATE SET at = max(at, excluded.at)`,
      ).run(input.signalId, input.platformId, input.at.getTime());
      return (
        this.prepare<[number, number], { n: number }>(
          'SELECT count(*) AS n FROM signal_matches WHERE signal_id = ? AND at >= ?',
        ).get(input.signalId, input.since.getTime())?.n ?? 0
      );
    });
    return run.immediate();
  }

  quarantineSignal(signalId: number, at: Date): boolean {
    const run = this.db.transaction(() => {
      const result = this.prepare(
        `UPDATE signals SET status = 'quarantined', status_changed_at = ?
           WHERE id = ? AND status = 'active' AND flood_exempt = 0`,
      ).run(at.getTime(), signalId);
      if (result.changes !== 1) return false;
      this.insertChange('withdraw', signalId, at.getTime());
      return true;
    });
    return run.immediate();
  }

  listQuarantined(since: Date): QuarantineRecord[] {
    const rows = this.prepare<
      [number],
      SignalRow & { bank_name: string; status_changed_at: number; platforms: number }
    >(
      `SELECT s.id, s.bank_id, s.case_id, s.type, s.value, s.quality, s.status, s.created_at,
                s.status_changed_at, b.name AS bank_name,
                (SELECT count(*) FROM signal_matches m WHERE m.signal_id = s.id AND m.at >= ?) AS platforms
         FROM signals s JOIN banks b ON b.id = s.bank_id
         WHERE s.status = 'quarantined' ORDER BY s.status_changed_at, s.id`,
    ).all(since.getTime());
    return rows.map((row) => ({
      signal: toSignal(row),
      bankName: row.bank_name,
      quarantinedAt: new Date(row.status_changed_at),
      platforms: row.platforms,
    }));
  }

  reviewSignal(signalId: number, decision: 'release' | 'reject', at: Date): ReviewResult {
    const run = this.db.transaction((): ReviewResult => {
      const status = this.prepare<[number], { status: SignalStatus }>(
        'SELECT status FROM signals WHERE id = ?',
      ).get(signalId)?.status;
      if (status === undefined) return { kind: 'not_found' };
      if (status !== 'quarantined') return { kind: 'not_quarantined' };
      if (decision === 'release') {
        this.prepare(
          "UPDATE signals SET status = 'active', flood_exempt = 1, status_changed_at = ? WHERE id = ?",
        ).run(at.getTime(), signalId);
        this.insertChange('add', signalId, at.getTime());
        return { kind: 'reviewed', status: 'active' };
      }
      this.prepare(
        "UPDATE signals SET status = 'rejected', status_changed_at = ? WHERE id = ?",
      ).run(at.getTime(), signalId);
      return { kind: 'reviewed', status: 'rejected' };
    });
    return run.immediate();
  }

  // --- security: data keys, audit log, encrypted columns -----------------------------------------

  registerDataKey(key: { id: string; checkValue: string; at: Date }): void {
    this.prepare(
      'INSERT INTO data_keys (id, check_value, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING',
    ).run(key.id, key.checkValue, key.at.getTime());
  }

  listDataKeys(): RegisteredKey[] {
    const rows = this.prepare<[], { id: string; check_value: string; created_at: number }>(
      'SELECT id, check_value, created_at FROM data_keys ORDER BY created_at, id',
    ).all();
    return rows.map((row) => ({
      id: row.id,
      checkValue: row.check_value,
      createdAt: new Date(row.created_at),
    }));
  }

  removeDataKey(id: string): boolean {
    return this.prepare('DELETE FROM data_keys WHERE id = ?').run(id).changes === 1;
  }

  appendAudit(seal: AuditSealer): AuditRecord {
    // IMMEDIATE: the write lock is taken before the newest row is read, so appends are serialized.
    const run = this.db.transaction(() => {
      const previous = this.prepare<[], AuditRow>(
        'SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1',
      ).get();
      const { record, head } = seal(previous === undefined ? undefined : toAudit(previous));
      this.prepare(
        `INSERT INTO audit_log (seq, at, actor_kind, actor_id, action, target, details, key_id, mac)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        record.seq,
        record.at.getTime(),
        record.actorKind,
        record.actorId,
        record.action,
        record.target,
        record.details,
        record.keyId,
        record.mac,
      );
      this.writeAuditHead(head);
      return record;
    });
    return run.immediate();
  }

  readAudit(afterSeq: number, limit: number): AuditRecord[] {
    return this.prepare<[number, number], AuditRow>(
      'SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?',
    )
      .all(afterSeq, limit)
      .map(toAudit);
  }

  readAuditHead(): AuditHead {
    const row = this.prepare<[], { seq: number; key_id: string; mac: string }>(
      'SELECT seq, key_id, mac FROM audit_head WHERE id = 1',
    ).get();
    return row === undefined
      ? { seq: 0, keyId: '', mac: '' }
      : { seq: row.seq, keyId: row.key_id, mac: row.mac };
  }

  resealAudit(
    reseal: (record: AuditRecord, previousMac: string) => { keyId: string; mac: string },
    sealHead: (last: AuditRecord | undefined) => AuditHead,
  ): number {
    const run = this.db.transaction(() => {
      const update = this.prepare('UPDATE audit_log SET key_id = ?, mac = ? WHERE seq = ?');
      let previousMac = '';
      let last: AuditRecord | undefined;
      let count = 0;
      for (let page = this.readAudit(0, AUDIT_PAGE); page.length > 0;) {
        for (const record of page) {
          const sealed = reseal(record, previousMac);
          update.run(sealed.keyId, sealed.mac, record.seq);
          last = { ...record, ...sealed };
          previousMac = sealed.mac;
          count++;
        }
        page = this.readAudit(page.at(-1)!.seq, AUDIT_PAGE);
      }
      this.writeAuditHead(sealHead(last));
      return count;
    });
    return run.immediate();
  }

  readCiphertexts(
    column: EncryptedColumn,
    afterId: number,
    limit: number,
  ): { id: number; value: string | Buffer }[] {
    return this.prepare<[number, number], { id: number; value: string | Buffer }>(
      `SELECT id, ${column.column} AS value FROM ${column.table} WHERE id > ? AND ${column.column} IS NOT NULL ORDER BY id LIMIT ?`,
    ).all(afterId, limit);
  }

  replaceCiphertext(
    column: EncryptedColumn,
    id: number,
    expected: string | Buffer,
    next: string | Buffer,
  ): boolean {
    const result = this.prepare(
      `UPDATE ${column.table} SET ${column.column} = ? WHERE id = ? AND ${column.column} = ?`,
    ).run(next, id, expected);
    return result.changes === 1;
  }

  // --- evidence ------------------------------------------------------------------------------

  addEvidence(input: {
    caseId: number;
    publicId: string;
    size: number;
    sealed: Buffer;
    at: Date;
    maxItems: number;
    maxBytes: number;
  }): AddEvidenceResult {
    const run = this.db.transaction((): AddEvidenceResult => {
      const status = this.prepare<[number], { status: string }>(
        'SELECT status FROM cases WHERE id = ?',
      ).get(input.caseId)?.status;
      if (status !== 'active') return { kind: 'case_withdrawn' };
      const used = this.prepare<[number], { items: number; bytes: number }>(
        'SELECT count(*) AS items, coalesce(sum(size), 0) AS bytes FROM evidence WHERE case_id = ?',
      ).get(input.caseId)!;
      if (used.items + 1 > input.maxItems || used.bytes + input.size > input.maxBytes) {
        return { kind: 'case_full' };
      }
      const at = input.at.getTime();
      const id = Number(
        this.prepare(
          'INSERT INTO evidence (public_id, case_id, size, sealed, created_at) VALUES (?, ?, ?, ?, ?)',
        ).run(input.publicId, input.caseId, input.size, input.sealed, at).lastInsertRowid,
      );
      return {
        kind: 'added',
        record: {
          id,
          publicId: input.publicId,
          caseId: input.caseId,
          size: input.size,
          createdAt: new Date(at),
        },
      };
    });
    return run.immediate();
  }

  listEvidence(caseId: number): EvidenceRecord[] {
    return this.prepare<[number], EvidenceRow>(
      'SELECT id, public_id, case_id, size, created_at FROM evidence WHERE case_id = ? ORDER BY id',
    )
      .all(caseId)
      .map(toEvidence);
  }

  getEvidence(
    caseId: number,
    publicId: string,
  ): { record: EvidenceRecord; sealed: Buffer } | undefined {
    const row = this.prepare<[number, string], EvidenceRow & { sealed: Buffer }>(
      'SELECT id, public_id, case_id, size, created_at, sealed FROM evidence WHERE case_id = ? AND public_id = ?',
    ).get(caseId, publicId);
    return row === undefined ? undefined : { record: toEvidence(row), sealed: row.sealed };
  }

  deleteEvidence(caseId: number, publicId: string): boolean {
    return (
      this.prepare('DELETE FROM evidence WHERE case_id = ? AND public_id = ?').run(caseId, publicId)
        .changes === 1
    );
  }

  private writeAuditHead(head: AuditHead): void {
    this.prepare('UPDATE audit_head SET seq = ?, key_id = ?, mac = ? WHERE id = 1').run(
      head.seq,
      head.keyId,
      head.mac,
    );
  }

  // --- helpers (called inside transactions) ----------------------------------------------------

  private readonly statements = new Map<string, Database.Statement>();

  /** A prepared statement, compiled once per store. */
  private prepare<P extends unknown[] = unknown[], R = unknown>(
    source: string,
  ): Database.Statement<P, R> {
    let statement = this.statements.get(source);
    if (statement === undefined) {
      statement = this.db.prepare(source);
      this.statements.set(source, statement);
    }
    return statement as unknown as Database.Statement<P, R>;
  }

  private insertSignal(
    bankId: number,
    caseId: number | null,
    signal: NewSignal,
    at: number,
  ): SignalRecord {
    const id = Number(
      this.prepare(
        'INSERT INTO signals (bank_id, case_id, type, value, quality, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(bankId, caseId, signal.type, signal.value, signal.quality, at).lastInsertRowid,
    );
    this.insertChange('add', id, at);
    return { ...signal, id, bankId, caseId, status: 'active', createdAt: new Date(at) };
  }

  private insertChange(op: 'add' | 'withdraw', signalId: number, at: number): void {
    this.prepare('INSERT INTO changes (op, signal_id, at) VALUES (?, ?, ?)').run(op, signalId, at);
  }

  /**
   * Withdraws `ids` (or every row) among `rows`; active ones get a `withdraw` change, quarantined
   * ones already had theirs. Returns the ids whose status changed.
   */
  private withdrawRows(
    rows: readonly { id: number; status: SignalStatus }[],
    ids: readonly number[] | 'all',
    at: number,
  ): WithdrawResult {
    const byId = new Map(rows.map((row) => [row.id, row]));
    const targets: { id: number; status: SignalStatus }[] = [];
    if (ids === 'all') {
      targets.push(...rows);
    } else {
      for (const id of ids) {
        const row = byId.get(id);
        if (row === undefined) return { kind: 'unknown_signal', id };
        targets.push(row);
      }
    }
    const withdrawn: number[] = [];
    const update = this.prepare(
      "UPDATE signals SET status = 'withdrawn', status_changed_at = ? WHERE id = ?",
    );
    for (const row of new Map(targets.map((target) => [target.id, target])).values()) {
      if (row.status !== 'active' && row.status !== 'quarantined') continue;
      update.run(at, row.id);
      if (row.status === 'active') this.insertChange('withdraw', row.id, at);
      withdrawn.push(row.id);
    }
    return { kind: 'withdrawn', ids: withdrawn };
  }
}

function toBank(row: BankRow): BankRecord {
  return {
    id: row.id,
    name: row.name,
    purpose: row.purpose,
    thresholds: { pdq: row.pdq_threshold, vpdq: row.vpdq_threshold },
  };
}

function toSignal(row: SignalRow): SignalRecord {
  return {
    id: row.id,
    bankId: row.bank_id,
    caseId: row.case_id,
    type: row.type,
    value: row.value,
    quality: row.quality,
    status: row.status,
    createdAt: new Date(row.created_at),
  };
}

function toRow(signal: SignalRecord): SignalRow {
  return {
    id: signal.id,
    bank_id: signal.bankId,
    case_id: signal.caseId,
    type: signal.type,
    value: signal.value,
    quality: signal.quality,
    status: signal.status,
    created_at: signal.createdAt.getTime(),
  };
}

function toCase(row: CaseRow): CaseRecord {
  return {
    id: row.id,
    caseNumber: row.case_number,
    pinHash: row.pin_hash,
    status: row.status,
    createdAt: new Date(row.created_at),
  };
}

function toPlatform(row: PlatformRow): PlatformRecord {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes === '' ? [] : (row.scopes.split(' ') as Scope[]),
    createdAt: new Date(row.created_at),
  };
}

interface AuditRow {
  seq: number;
  at: number;
  actor_kind: AuditRecord['actorKind'];
  actor_id: string;
  action: string;
  target: string | null;
  details: string;
  key_id: string;
  mac: string;
}

function toAudit(row: AuditRow): AuditRecord {
  return {
    seq: row.seq,
    at: new Date(row.at),
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    action: row.action,
    target: row.target,
    details: row.details,
    keyId: row.key_id,
    mac: row.mac,
  };
}

interface EvidenceRow {
  id: number;
  public_id: string;
  case_id: number;
  size: number;
  created_at: number;
}

function toEvidence(row: EvidenceRow): EvidenceRecord {
  return {
    id: row.id,
    publicId: row.public_id,
    caseId: row.case_id,
    size: row.size,
    createdAt: new Date(row.created_at),
  };
}

function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof Database.SqliteError &&
    (error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
  );
}
