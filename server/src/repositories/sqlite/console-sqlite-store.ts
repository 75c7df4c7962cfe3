/**
 * The console's store on SQLite (see ../console-store.ts). It opens its own connection to the same
 * file as the main store: WAL lets the two read at once, and busy_timeout queues their writes.
 */
import Database from 'better-sqlite3';
import type { FeedbackDecision, ShareStatus, StaffRole } from '@aman/api';
import type {
  ApiKeyRecord,
  ConsoleStore,
  HelplineRecord,
  LoginAttempt,
  NewStaff,
  NoteRecord,
  PlatformStatsRecord,
  ReportDeletion,
  ReportRecord,
  RevokeKeyResult,
  SafelistRecord,
  SessionRecord,
  ShareKeyRecord,
  ShareRecord,
  StaffRecord,
} from '../console-store.ts';
import type { LockPolicy } from '../store.ts';
import { deleteReportRows } from './report-deletions.ts';

interface StaffRow {
  id: number;
  name: string;
  role: StaffRole;
  helpline_id: number | null;
  helpline_name: string | null;
  platform_id: number | null;
  platform_name: string | null;
  password_hash: string | null;
  totp_secret: string | null;
  totp_pending: string | null;
  totp_enabled: number;
  public_key: string | null;
  wrapped_private_key: string | null;
  setup_expires_at: number | null;
  failed_logins: number;
  locked_until: number | null;
  created_at: number;
  disabled_at: number | null;
}
interface ReportRow {
  id: number;
  case_id: number;
  received_at: number;
  verdict: string;
  family: string | null;
  body: string;
  synthetic: number;
}
interface ShareRow {
  id: number;
  case_id: number;
  case_number: string;
  helpline_id: number;
  helpline_name: string;
  created_at: number;
  revoked_at: number | null;
  status: ShareStatus;
  assignee_id: number | null;
  assignee_name: string | null;
  envelope: string | null;
  reports: number;
  signals: number;
  synthetic: number;
}
interface KeyRow {
  id: number;
  platform_id: number;
  label: string;
  prefix: string;
  created_at: number;
  revoked_at: number | null;
}

const STAFF_SELECT = `
  SELECT s.*, h.name AS helpline_name, p.name AS platform_name
    FROM staff s LEFT JOIN helplines h ON h.id = s.helpline_id LEFT JOIN platforms p ON p.id = s.platform_id`;
const SHARE_SELECT = `
  SELECT sh.id, sh.case_id, c.case_number, sh.helpline_id, h.name AS helpline_name, sh.created_at,
         sh.revoked_at, sh.status, sh.assignee_id, st.name AS assignee_name, sh.envelope,
         (SELECT count(*) FROM reports r WHERE r.case_id = sh.case_id) AS reports,
         (SELECT count(*) FROM signals g WHERE g.case_id = sh.case_id) AS signals,
         EXISTS (SELECT 1 FROM reports r WHERE r.case_id = sh.case_id AND r.synthetic = 1) AS synthetic
    FROM shares sh JOIN cases c ON c.id = sh.case_id JOIN helplines h ON h.id = sh.helpline_id
    LEFT JOIN staff st ON st.id = sh.assignee_id`;
const KEY_COLUMNS = 'id, platform_id, label, prefix, created_at, revoked_at';

/**
 * @example
 * const consoleStore = openConsoleSqliteStore('.data/aman.sqlite'); // after the main store migrated
 */
export function openConsoleSqliteStore(path: string): ConsoleStore {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Deleted rows (a message taken back, a revoked share) are overwritten, not left in free pages.
  db.pragma('secure_delete = ON');
  return promisify(new ConsoleSqliteStore(db));
}

type SyncConsoleStore = { readonly kind: 'sqlite' } & {
  [K in Exclude<keyof ConsoleStore, 'kind'>]: ConsoleStore[K] extends (
    ...args: infer A
  ) => Promise<infer R>
    ? (...args: A) => R
    : never;
};

/** Every method of the synchronous store as a promise-returning one (errors become rejections). */
function promisify(sync: SyncConsoleStore): ConsoleStore {
  const store: Record<string, unknown> = { kind: 'sqlite' };
  const proto = Object.getPrototypeOf(sync) as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const method = proto[name];
    if (name === 'constructor' || typeof method !== 'function' || name.startsWith('#')) continue;
    store[name] = (...args: unknown[]) => {
      try {
        return Promise.resolve((method as (...a: unknown[]) => unknown).apply(sync, args));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
  }
  return store as unknown as ConsoleStore;
}

class ConsoleSqliteStore implements SyncConsoleStore {
  readonly kind = 'sqlite';
  readonly #statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  close(): void {
    if (this.db.open) this.db.close();
  }

  // --- helplines and staff ---------------------------------------------------------------------

  ensureHelpline(name: string, at: Date): HelplineRecord {
    this.sql(
      'INSERT INTO helplines (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING',
    ).run(name, at.getTime());
    return this.sql<[string], HelplineRecord>('SELECT id, name FROM helplines WHERE name = ?').get(
      name,
    )!;
  }

  listHelplines(): HelplineRecord[] {
    return this.sql<[], HelplineRecord>('SELECT id, name FROM helplines ORDER BY name').all();
  }

  createStaff(input: NewStaff): StaffRecord | undefined {
    try {
      const id = Number(
        this.sql(
          `INSERT INTO staff (name, name_key, role, helpline_id, platform_id, setup_code_sha256, setup_expires_at, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          input.name,
          nameKey(input.name),
          input.role,
          input.helplineId,
          input.platformId,
          input.setupCodeHash,
          input.setupExpiresAt.getTime(),
          input.at.getTime(),
        ).lastInsertRowid,
      );
      return this.findStaff(id);
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  findStaff(id: number): StaffRecord | undefined {
    const row = this.sql<[number], StaffRow>(`${STAFF_SELECT} WHERE s.id = ?`).get(id);
    return row === undefined ? undefined : toStaff(row);
  }

  listStaff(): StaffRecord[] {
    return this.sql<[], StaffRow>(`${STAFF_SELECT} ORDER BY s.name_key`).all().map(toStaff);
  }

  countStaff(): number {
    return this.sql<[], { n: number }>('SELECT count(*) AS n FROM staff').get()!.n;
  }

  findStaffBySetupCode(codeHash: string, now: Date): StaffRecord | undefined {
    const row = this.sql<[string, number], StaffRow>(
      `${STAFF_SELECT} WHERE s.setup_code_sha256 = ? AND s.setup_expires_at > ? AND s.disabled_at IS NULL`,
    ).get(codeHash, now.getTime());
    return row === undefined ? undefined : toStaff(row);
  }

  completeSetup(input: {
    staffId: number;
    codeHash: string;
    passwordHash: string;
    publicKey: string | null;
    wrappedPrivateKey: string | null;
  }): boolean {
    const result = this.sql(
      `UPDATE staff SET password_hash = ?, public_key = ?, wrapped_private_key = ?,
              setup_code_sha256 = NULL, setup_expires_at = NULL, failed_logins = 0, locked_until = NULL
        WHERE id = ? AND setup_code_sha256 = ?`,
    ).run(
      input.passwordHash,
      input.publicKey,
      input.wrappedPrivateKey,
      input.staffId,
      input.codeHash,
    );
    return result.changes === 1;
  }

  resetStaff(input: { staffId: number; setupCodeHash: string; setupExpiresAt: Date }): boolean {
    const run = this.db.transaction(() => {
      const result = this.sql(
        `UPDATE staff SET password_hash = NULL, totp_secret = NULL, totp_pending = NULL, totp_enabled = 0,
                public_key = NULL, wrapped_private_key = NULL, setup_code_sha256 = ?, setup_expires_at = ?,
                failed_logins = 0, locked_until = NULL, disabled_at = NULL
          WHERE id = ?`,
      ).run(input.setupCodeHash, input.setupExpiresAt.getTime(), input.staffId);
      if (result.changes !== 1) return false;
      this.sql('DELETE FROM staff_sessions WHERE staff_id = ?').run(input.staffId);
      this.sql('DELETE FROM share_keys WHERE staff_id = ?').run(input.staffId);
      return true;
    });
    return run.immediate();
  }

  disableStaff(staffId: number, at: Date): boolean {
    const run = this.db.transaction(() => {
      const result = this.sql(
        'UPDATE staff SET disabled_at = coalesce(disabled_at, ?), setup_code_sha256 = NULL WHERE id = ?',
      ).run(at.getTime(), staffId);
      this.sql('DELETE FROM staff_sessions WHERE staff_id = ?').run(staffId);
      return result.changes === 1;
    });
    return run.immediate();
  }

  setPassword(staffId: number, passwordHash: string, wrappedPrivateKey: string | null): void {
    this.sql(
      'UPDATE staff SET password_hash = ?, wrapped_private_key = coalesce(?, wrapped_private_key) WHERE id = ?',
    ).run(passwordHash, wrappedPrivateKey, staffId);
  }

  updateTotp(
    staffId: number,
    totp: { secret: string | null; pending: string | null; enabled: boolean },
  ): void {
    this.sql(
      'UPDATE staff SET totp_secret = ?, totp_pending = ?, totp_enabled = ? WHERE id = ?',
    ).run(totp.secret, totp.pending, totp.enabled ? 1 : 0, staffId);
  }

  useTotpStep(staffId: number, step: number): boolean {
    return (
      this.sql('UPDATE staff SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?').run(
        step,
        staffId,
        step,
      ).changes === 1
    );
  }

  reserveLoginAttempt(name: string, now: Date, lockFor: LockPolicy): LoginAttempt {
    const run = this.db.transaction((): LoginAttempt => {
      const row = this.sql<[string], StaffRow>(`${STAFF_SELECT} WHERE s.name_key = ?`).get(
        nameKey(name),
      );
      if (row === undefined) return { kind: 'not_found' };
      if (row.locked_until !== null && row.locked_until > now.getTime()) {
        return { kind: 'locked', until: new Date(row.locked_until) };
      }
      const attempt = row.failed_logins + 1;
      const lock = lockFor(attempt);
      this.sql('UPDATE staff SET failed_logins = ?, locked_until = ? WHERE id = ?').run(
        attempt,
        lock === null ? null : now.getTime() + lock,
        row.id,
      );
      return { kind: 'reserved', staff: toStaff(row), attempt };
    });
    return run.immediate();
  }

  clearLoginAttempts(staffId: number): void {
    this.sql('UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(staffId);
  }

  // --- sessions --------------------------------------------------------------------------------

  createSession(input: {
    tokenHash: string;
    staffId: number;
    csrfToken: string;
    at: Date;
    expiresAt: Date;
  }): void {
    this.sql(
      `INSERT INTO staff_sessions (token_sha256, staff_id, csrf_token, created_at, last_seen_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(
      input.tokenHash,
      input.staffId,
      input.csrfToken,
      input.at.getTime(),
      input.at.getTime(),
      input.expiresAt.getTime(),
    );
  }

  findSession(tokenHash: string): SessionRecord | undefined {
    const row = this.sql<
      [string],
      {
        staff_id: number;
        csrf_token: string;
        created_at: number;
        last_seen_at: number;
        expires_at: number;
      }
    >(
      'SELECT staff_id, csrf_token, created_at, last_seen_at, expires_at FROM staff_sessions WHERE token_sha256 = ?',
    ).get(tokenHash);
    return row === undefined
      ? undefined
      : {
          staffId: row.staff_id,
          csrfToken: row.csrf_token,
          issuedAt: new Date(row.created_at),
          lastSeenAt: new Date(row.last_seen_at),
          expiresAt: new Date(row.expires_at),
        };
  }

  touchSession(tokenHash: string, at: Date): void {
    this.sql('UPDATE staff_sessions SET last_seen_at = ? WHERE token_sha256 = ?').run(
      at.getTime(),
      tokenHash,
    );
  }

  rotateSession(oldHash: string, newHash: string, at: Date, graceUntil: Date): boolean {
    const run = this.db.transaction(() => {
      const inserted = this.sql(
        `INSERT INTO staff_sessions (token_sha256, staff_id, csrf_token, created_at, last_seen_at, expires_at)
         SELECT ?, staff_id, csrf_token, ?, ?, expires_at FROM staff_sessions WHERE token_sha256 = ?`,
      ).run(newHash, at.getTime(), at.getTime(), oldHash).changes;
      this.sql(
        'UPDATE staff_sessions SET expires_at = min(expires_at, ?) WHERE token_sha256 = ?',
      ).run(graceUntil.getTime(), oldHash);
      return inserted === 1;
    });
    return run.immediate();
  }

  deleteSession(tokenHash: string): void {
    this.sql('DELETE FROM staff_sessions WHERE token_sha256 = ?').run(tokenHash);
  }

  deleteStaffSessions(staffId: number, except?: string): void {
    this.sql('DELETE FROM staff_sessions WHERE staff_id = ? AND token_sha256 != ?').run(
      staffId,
      except ?? '',
    );
  }

  // --- reports ---------------------------------------------------------------------------------

  addReport(input: {
    caseId: number;
    receivedAt: Date;
    verdict: string;
    family: string | null;
    body: (id: number) => string;
    synthetic: boolean;
  }): ReportRecord {
    const run = this.db.transaction(() => {
      const id = Number(
        this.sql(
          `INSERT INTO reports (case_id, received_at, verdict, family, body, synthetic) VALUES (?, ?, ?, ?, '', ?)`,
        ).run(
          input.caseId,
          input.receivedAt.getTime(),
          input.verdict,
          input.family,
          input.synthetic ? 1 : 0,
        ).lastInsertRowid,
      );
      const body = input.body(id);
      this.sql('UPDATE reports SET body = ? WHERE id = ?').run(body, id);
      return {
        id,
        caseId: input.caseId,
        receivedAt: input.receivedAt,
        verdict: input.verdict,
        family: input.family,
        body,
        synthetic: input.synthetic,
      };
    });
    return run.immediate();
  }

  deleteReport(caseId: number, reportId: number): boolean {
    return this.db.transaction(() => deleteReportRows(this.db, caseId, reportId)).immediate() > 0;
  }

  readReportDeletions(afterSeq: number, limit: number): ReportDeletion[] {
    return this.sql<[number, number], { seq: number; report_id: number }>(
      'SELECT seq, report_id FROM report_deletions WHERE seq > ? ORDER BY seq LIMIT ?',
    )
      .all(afterSeq, limit)
      .map((row) => ({ seq: row.seq, reportId: row.report_id }));
  }

  lastReportDeletionSeq(): number {
    return this.sql<[], { seq: number }>(
      'SELECT coalesce(max(seq), 0) AS seq FROM report_deletions',
    ).get()!.seq;
  }

  readReports(afterId: number, limit: number): ReportRecord[] {
    return this.sql<[number, number], ReportRow>(
      'SELECT * FROM reports WHERE id > ? ORDER BY id LIMIT ?',
    )
      .all(afterId, limit)
      .map(toReport);
  }

  listCaseReports(caseId: number): ReportRecord[] {
    return this.sql<[number], ReportRow>('SELECT * FROM reports WHERE case_id = ? ORDER BY id')
      .all(caseId)
      .map(toReport);
  }

  caseNumberOf(caseId: number): string | undefined {
    return this.sql<[number], { case_number: string }>(
      'SELECT case_number FROM cases WHERE id = ?',
    ).get(caseId)?.case_number;
  }

  countReports(): { reports: number; synthetic: number } {
    const row = this.sql<[], { reports: number; synthetic: number | null }>(
      'SELECT count(*) AS reports, sum(synthetic) AS synthetic FROM reports',
    ).get()!;
    return { reports: row.reports, synthetic: row.synthetic ?? 0 };
  }

  // --- consent shares --------------------------------------------------------------------------

  createShare(input: {
    caseId: number;
    helplineId: number;
    envelope: string;
    keys: readonly ShareKeyRecord[];
    at: Date;
  }): ShareRecord | 'exists' {
    const run = this.db.transaction((): ShareRecord | 'exists' => {
      let id: number;
      try {
        id = Number(
          this.sql(
            'INSERT INTO shares (case_id, helpline_id, created_at, envelope, updated_at) VALUES (?, ?, ?, ?, ?)',
          ).run(
            input.caseId,
            input.helplineId,
            input.at.getTime(),
            input.envelope,
            input.at.getTime(),
          ).lastInsertRowid,
        );
      } catch (error) {
        if (isUniqueViolation(error)) return 'exists';
        throw error;
      }
      const insertKey = this.sql(
        'INSERT INTO share_keys (share_id, staff_id, wrapped_key) VALUES (?, ?, ?)',
      );
      for (const key of input.keys) insertKey.run(id, key.staffId, key.wrappedKey);
      return this.shareById(id)!;
    });
    return run.immediate();
  }

  listCaseShares(caseId: number): ShareRecord[] {
    return this.sql<[number], ShareRow>(`${SHARE_SELECT} WHERE sh.case_id = ? ORDER BY sh.id`)
      .all(caseId)
      .map(toShare);
  }

  revokeShare(caseId: number, shareId: number, at: Date): ShareRecord | undefined {
    const run = this.db.transaction(() => {
      const share = this.shareById(shareId);
      if (share === undefined || share.caseId !== caseId) return undefined;
      if (share.revokedAt !== null) return share;
      this.sql(
        'UPDATE shares SET revoked_at = ?, envelope = NULL, updated_at = ? WHERE id = ?',
      ).run(at.getTime(), at.getTime(), shareId);
      this.sql('DELETE FROM share_keys WHERE share_id = ?').run(shareId);
      this.sql('DELETE FROM share_notes WHERE share_id = ?').run(shareId);
      return this.shareById(shareId);
    });
    return run.immediate();
  }

  listHelplineShares(helplineId: number): ShareRecord[] {
    return this.sql<[number], ShareRow>(
      `${SHARE_SELECT} WHERE sh.helpline_id = ? AND sh.revoked_at IS NULL ORDER BY sh.created_at DESC, sh.id DESC`,
    )
      .all(helplineId)
      .map(toShare);
  }

  findHelplineShare(helplineId: number, shareId: number): ShareRecord | undefined {
    const row = this.sql<[number, number], ShareRow>(
      `${SHARE_SELECT} WHERE sh.id = ? AND sh.helpline_id = ?`,
    ).get(shareId, helplineId);
    return row === undefined ? undefined : toShare(row);
  }

  shareKeysOf(staffId: number, shareIds: readonly number[]): Map<number, ShareKeyRecord> {
    const keys = new Map<number, ShareKeyRecord>();
    const find = this.sql<[number, number], { wrapped_key: string }>(
      'SELECT wrapped_key FROM share_keys WHERE share_id = ? AND staff_id = ?',
    );
    for (const shareId of shareIds) {
      const row = find.get(shareId, staffId);
      if (row !== undefined) keys.set(shareId, { staffId, wrappedKey: row.wrapped_key });
    }
    return keys;
  }

  updateShare(
    shareId: number,
    change: { status?: ShareStatus; assigneeId?: number | null; grant?: ShareKeyRecord },
    at: Date,
  ): void {
    const run = this.db.transaction(() => {
      if (change.status !== undefined) {
        this.sql('UPDATE shares SET status = ?, updated_at = ? WHERE id = ?').run(
          change.status,
          at.getTime(),
          shareId,
        );
      }
      if (change.assigneeId !== undefined) {
        this.sql('UPDATE shares SET assignee_id = ?, updated_at = ? WHERE id = ?').run(
          change.assigneeId,
          at.getTime(),
          shareId,
        );
      }
      if (change.grant !== undefined) {
        this.sql(
          `INSERT INTO share_keys (share_id, staff_id, wrapped_key) VALUES (?, ?, ?)
             ON CONFLICT (share_id, staff_id) DO UPDATE SET wrapped_key = excluded.wrapped_key`,
        ).run(shareId, change.grant.staffId, change.grant.wrappedKey);
      }
    });
    run.immediate();
  }

  addNote(input: {
    shareId: number;
    authorId: number;
    body: (id: number) => string;
    at: Date;
  }): NoteRecord {
    const run = this.db.transaction(() => {
      const id = Number(
        this.sql(
          "INSERT INTO share_notes (share_id, author_id, body, created_at) VALUES (?, ?, '', ?)",
        ).run(input.shareId, input.authorId, input.at.getTime()).lastInsertRowid,
      );
      this.sql('UPDATE share_notes SET body = ? WHERE id = ?').run(input.body(id), id);
      return this.listNotes(input.shareId).find((note) => note.id === id)!;
    });
    return run.immediate();
  }

  listNotes(shareId: number): NoteRecord[] {
    return this.sql<
      [number],
      { id: number; author_id: number; author_name: string; body: string; created_at: number }
    >(
      `SELECT n.id, n.author_id, s.name AS author_name, n.body, n.created_at
         FROM share_notes n JOIN staff s ON s.id = n.author_id WHERE n.share_id = ? ORDER BY n.id`,
    )
      .all(shareId)
      .map((row) => ({
        id: row.id,
        author: { id: row.author_id, name: row.author_name },
        body: row.body,
        createdAt: new Date(row.created_at),
      }));
  }

  // --- safelist --------------------------------------------------------------------------------

  listSafelist(): SafelistRecord[] {
    return this.sql<
      [],
      { rule_key: string; entry: string; added_by: string | null; created_at: number }
    >(
      'SELECT rule_key, entry, added_by, created_at FROM safelist_entries ORDER BY created_at, rule_key',
    )
      .all()
      .map((row) => ({
        ruleKey: row.rule_key,
        entry: row.entry,
        addedBy: row.added_by,
        createdAt: new Date(row.created_at),
      }));
  }

  putSafelist(input: { ruleKey: string; entry: string; addedBy: string; at: Date }): void {
    this.sql(
      `INSERT INTO safelist_entries (rule_key, entry, added_by, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (rule_key) DO UPDATE SET entry = excluded.entry, added_by = excluded.added_by`,
    ).run(input.ruleKey, input.entry, input.addedBy, input.at.getTime());
  }

  removeSafelist(ruleKey: string): boolean {
    return this.sql('DELETE FROM safelist_entries WHERE rule_key = ?').run(ruleKey).changes === 1;
  }

  // --- API keys and statistics -----------------------------------------------------------------

  listApiKeys(platformId: number): ApiKeyRecord[] {
    return this.sql<[number], KeyRow>(
      `SELECT ${KEY_COLUMNS} FROM platform_api_keys WHERE platform_id = ? ORDER BY id`,
    )
      .all(platformId)
      .map(toKey);
  }

  createApiKey(input: {
    platformId: number;
    keyHash: string;
    prefix: string;
    label: string;
    at: Date;
  }): ApiKeyRecord {
    const row = this.sql<[number, string, string, string, number], KeyRow>(
      `INSERT INTO platform_api_keys (platform_id, key_sha256, prefix, label, created_at) VALUES (?, ?, ?, ?, ?)
         RETURNING ${KEY_COLUMNS}`,
    ).get(input.platformId, input.keyHash, input.prefix, input.label, input.at.getTime())!;
    return toKey(row);
  }

  revokeApiKey(platformId: number, keyId: number, at: Date): RevokeKeyResult {
    const run = this.db.transaction((): RevokeKeyResult => {
      const row = this.keyRow(platformId, keyId);
      if (row === undefined) return { kind: 'not_found' };
      if (row.revoked_at !== null) return { kind: 'already_revoked' };
      this.sql('UPDATE platform_api_keys SET revoked_at = ? WHERE id = ?').run(at.getTime(), keyId);
      return { kind: 'revoked', key: toKey({ ...row, revoked_at: at.getTime() }) };
    });
    return run.immediate();
  }

  rotateApiKey(input: {
    platformId: number;
    keyId: number;
    keyHash: string;
    prefix: string;
    at: Date;
  }): { kind: 'rotated'; key: ApiKeyRecord } | { kind: 'not_found' | 'already_revoked' } {
    const run = this.db.transaction(() => {
      const revoked = this.revokeApiKey(input.platformId, input.keyId, input.at);
      if (revoked.kind !== 'revoked') return { kind: revoked.kind };
      const key = this.createApiKey({ ...input, label: revoked.key.label });
      return { kind: 'rotated' as const, key };
    });
    return run.immediate();
  }

  platformStats(platformId: number, since: Date): PlatformStatsRecord {
    const matched = this.sql<[number, number], { total: number; recent: number | null }>(
      'SELECT count(*) AS total, sum(at >= ?) AS recent FROM signal_matches WHERE platform_id = ?',
    ).get(since.getTime(), platformId)!;
    const decisions = this.sql<[number], { decision: FeedbackDecision; n: number }>(
      'SELECT decision, count(*) AS n FROM feedback WHERE platform_id = ? GROUP BY decision',
    ).all(platformId);
    const awaiting = this.sql<[number], { n: number }>(
      `SELECT count(*) AS n FROM signal_matches m
        WHERE m.platform_id = ? AND NOT EXISTS
          (SELECT 1 FROM feedback f WHERE f.platform_id = m.platform_id AND f.signal_id = m.signal_id)`,
    ).get(platformId)!.n;
    const feedback = { PendingReview: 0, Blocked: 0, NotBlocked: 0 };
    for (const row of decisions) feedback[row.decision] = row.n;
    return {
      signalsMatched: matched.total,
      signalsMatchedSince: matched.recent ?? 0,
      feedback,
      awaitingFeedback: awaiting,
    };
  }

  // --- helpers ---------------------------------------------------------------------------------

  private shareById(id: number): ShareRecord | undefined {
    const row = this.sql<[number], ShareRow>(`${SHARE_SELECT} WHERE sh.id = ?`).get(id);
    return row === undefined ? undefined : toShare(row);
  }

  private keyRow(platformId: number, keyId: number): KeyRow | undefined {
    return this.sql<[number, number], KeyRow>(
      `SELECT ${KEY_COLUMNS} FROM platform_api_keys WHERE id = ? AND platform_id = ?`,
    ).get(keyId, platformId);
  }

  private sql<P extends unknown[] = unknown[], R = unknown>(
    source: string,
  ): Database.Statement<P, R> {
    let statement = this.#statements.get(source);
    if (statement === undefined) {
      statement = this.db.prepare(source);
      this.#statements.set(source, statement);
    }
    return statement as unknown as Database.Statement<P, R>;
  }
}

/** Names are unique whatever their case and surrounding spaces. */
export function nameKey(name: string): string {
  return name.trim().normalize('NFC').toLowerCase();
}

function toStaff(row: StaffRow): StaffRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    helpline:
      row.helpline_id === null ? null : { id: row.helpline_id, name: row.helpline_name ?? '' },
    platform:
      row.platform_id === null ? null : { id: row.platform_id, name: row.platform_name ?? '' },
    passwordHash: row.password_hash,
    totpSecret: row.totp_secret,
    totpPending: row.totp_pending,
    totpEnabled: row.totp_enabled === 1,
    publicKey: row.public_key,
    wrappedPrivateKey: row.wrapped_private_key,
    setupExpiresAt: row.setup_expires_at === null ? null : new Date(row.setup_expires_at),
    createdAt: new Date(row.created_at),
    disabledAt: row.disabled_at === null ? null : new Date(row.disabled_at),
  };
}

function toReport(row: ReportRow): ReportRecord {
  return {
    id: row.id,
    caseId: row.case_id,
    receivedAt: new Date(row.received_at),
    verdict: row.verdict,
    family: row.family,
    body: row.body,
    synthetic: row.synthetic === 1,
  };
}

function toShare(row: ShareRow): ShareRecord {
  return {
    id: row.id,
    caseId: row.case_id,
    caseNumber: row.case_number,
    helpline: { id: row.helpline_id, name: row.helpline_name },
    createdAt: new Date(row.created_at),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
    status: row.status,
    assignee:
      row.assignee_id === null ? null : { id: row.assignee_id, name: row.assignee_name ?? '' },
    envelope: row.envelope,
    reports: row.reports,
    signals: row.signals,
    synthetic: row.synthetic === 1,
  };
}

function toKey(row: KeyRow): ApiKeyRecord {
  return {
    id: row.id,
    platformId: row.platform_id,
    label: row.label,
    prefix: row.prefix,
    createdAt: new Date(row.created_at),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
  };
}

function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof Database.SqliteError &&
    (error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
  );
}
