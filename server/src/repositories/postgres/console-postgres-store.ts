/**
 * The console's store on PostgreSQL (see ../console-store.ts), through its own small pool.
 * Reports are appended under an advisory lock so that id order is commit order: the correlation
 * service of every server process tails them by id and must never skip one that commits late.
 */
import pg from 'pg';
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
import { nameKey } from '../sqlite/console-sqlite-store.ts';
import { withClient } from './checkout.ts';
import { deleteReportRows, REPORTS_LOCK } from './report-deletions.ts';
const INT8_OID = 20;

type Queryable = Pick<pg.PoolClient, 'query'>;

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
  totp_enabled: boolean;
  public_key: string | null;
  wrapped_private_key: string | null;
  setup_expires_at: Date | null;
  failed_logins: number;
  locked_until: Date | null;
  created_at: Date;
  disabled_at: Date | null;
}
interface ReportRow {
  id: number;
  case_id: number;
  received_at: Date;
  verdict: string;
  family: string | null;
  body: string;
  synthetic: boolean;
}
interface ShareRow {
  id: number;
  case_id: number;
  case_number: string;
  helpline_id: number;
  helpline_name: string;
  created_at: Date;
  revoked_at: Date | null;
  status: ShareStatus;
  assignee_id: number | null;
  assignee_name: string | null;
  envelope: string | null;
  reports: number;
  signals: number;
  synthetic: boolean;
}
interface KeyRow {
  id: number;
  platform_id: number;
  label: string;
  prefix: string;
  created_at: Date;
  revoked_at: Date | null;
}

const STAFF_SELECT = `
  SELECT s.*, h.name AS helpline_name, p.name AS platform_name
    FROM staff s LEFT JOIN helplines h ON h.id = s.helpline_id LEFT JOIN platforms p ON p.id = s.platform_id`;
const SHARE_SELECT = `
  SELECT sh.id, sh.case_id, c.case_number, sh.helpline_id, h.name AS helpline_name, sh.created_at,
         sh.revoked_at, sh.status, sh.assignee_id, st.name AS assignee_name, sh.envelope,
         (SELECT count(*) FROM reports r WHERE r.case_id = sh.case_id) AS reports,
         (SELECT count(*) FROM signals g WHERE g.case_id = sh.case_id) AS signals,
         EXISTS (SELECT 1 FROM reports r WHERE r.case_id = sh.case_id AND r.synthetic) AS synthetic
    FROM shares sh JOIN cases c ON c.id = sh.case_id JOIN helplines h ON h.id = sh.helpline_id
    LEFT JOIN staff st ON st.id = sh.assignee_id`;
const KEY_COLUMNS = 'id, platform_id, label, prefix, created_at, revoked_at';

/**
 * @example
 * const consoleStore = openConsolePostgresStore(process.env.DATABASE_URL!);
 */
export function openConsolePostgresStore(
  url: string,
  options: { maxConnections?: number } = {},
): ConsoleStore {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 5,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
        oid === INT8_OID
          ? (text: string) => Number(text)
          : (pg.types.getTypeParser(
              oid,
              format ?? 'text',
            ) as unknown)) as pg.CustomTypesConfig['getTypeParser'],
    },
  });
  pool.on('error', () => {});
  return new ConsolePostgresStore(pool);
}

class ConsolePostgresStore implements ConsoleStore {
  readonly kind = 'postgres';

  constructor(private readonly pool: pg.Pool) {}

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }

  // --- helplines and staff ---------------------------------------------------------------------

  async ensureHelpline(name: string, at: Date): Promise<HelplineRecord> {
    await this.pool.query(
      'INSERT INTO helplines (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
      [name, at],
    );
    const { rows } = await this.pool.query<HelplineRecord>(
      'SELECT id, name FROM helplines WHERE name = $1',
      [name],
    );
    return rows[0]!;
  }

  async listHelplines(): Promise<HelplineRecord[]> {
    return (await this.pool.query<HelplineRecord>('SELECT id, name FROM helplines ORDER BY name'))
      .rows;
  }

  async createStaff(input: NewStaff): Promise<StaffRecord | undefined> {
    try {
      const { rows } = await this.pool.query<{ id: number }>(
        `INSERT INTO staff (name, name_key, role, helpline_id, platform_id, setup_code_sha256, setup_expires_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          input.name,
          nameKey(input.name),
          input.role,
          input.helplineId,
          input.platformId,
          input.setupCodeHash,
          input.setupExpiresAt,
          input.at,
        ],
      );
      return await this.findStaff(rows[0]!.id);
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  async findStaff(id: number): Promise<StaffRecord | undefined> {
    const { rows } = await this.pool.query<StaffRow>(`${STAFF_SELECT} WHERE s.id = $1`, [id]);
    return rows[0] === undefined ? undefined : toStaff(rows[0]);
  }

  async listStaff(): Promise<StaffRecord[]> {
    return (await this.pool.query<StaffRow>(`${STAFF_SELECT} ORDER BY s.name_key`)).rows.map(
      toStaff,
    );
  }

  async countStaff(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>('SELECT count(*) AS n FROM staff');
    return rows[0]!.n;
  }

  async findStaffBySetupCode(codeHash: string, now: Date): Promise<StaffRecord | undefined> {
    const { rows } = await this.pool.query<StaffRow>(
      `${STAFF_SELECT} WHERE s.setup_code_sha256 = $1 AND s.setup_expires_at > $2 AND s.disabled_at IS NULL`,
      [codeHash, now],
    );
    return rows[0] === undefined ? undefined : toStaff(rows[0]);
  }

  async completeSetup(input: {
    staffId: number;
    codeHash: string;
    passwordHash: string;
    publicKey: string | null;
    wrappedPrivateKey: string | null;
  }): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE staff SET password_hash = $1, public_key = $2, wrapped_private_key = $3,
              setup_code_sha256 = NULL, setup_expires_at = NULL, failed_logins = 0, locked_until = NULL
        WHERE id = $4 AND setup_code_sha256 = $5`,
      [input.passwordHash, input.publicKey, input.wrappedPrivateKey, input.staffId, input.codeHash],
    );
    return result.rowCount === 1;
  }

  resetStaff(input: {
    staffId: number;
    setupCodeHash: string;
    setupExpiresAt: Date;
  }): Promise<boolean> {
    return this.transaction(async (client) => {
      const result = await client.query(
        `UPDATE staff SET password_hash = NULL, totp_secret = NULL, totp_pending = NULL, totp_enabled = false,
                public_key = NULL, wrapped_private_key = NULL, setup_code_sha256 = $1, setup_expires_at = $2,
                failed_logins = 0, locked_until = NULL, disabled_at = NULL
          WHERE id = $3`,
        [input.setupCodeHash, input.setupExpiresAt, input.staffId],
      );
      if (result.rowCount !== 1) return false;
      await client.query('DELETE FROM staff_sessions WHERE staff_id = $1', [input.staffId]);
      await client.query('DELETE FROM share_keys WHERE staff_id = $1', [input.staffId]);
      return true;
    });
  }

  disableStaff(staffId: number, at: Date): Promise<boolean> {
    return this.transaction(async (client) => {
      const result = await client.query(
        'UPDATE staff SET disabled_at = coalesce(disabled_at, $1), setup_code_sha256 = NULL WHERE id = $2',
        [at, staffId],
      );
      await client.query('DELETE FROM staff_sessions WHERE staff_id = $1', [staffId]);
      return result.rowCount === 1;
    });
  }

  async setPassword(
    staffId: number,
    passwordHash: string,
    wrappedPrivateKey: string | null,
  ): Promise<void> {
    await this.pool.query(
      'UPDATE staff SET password_hash = $1, wrapped_private_key = coalesce($2, wrapped_private_key) WHERE id = $3',
      [passwordHash, wrappedPrivateKey, staffId],
    );
  }

  async updateTotp(
    staffId: number,
    totp: { secret: string | null; pending: string | null; enabled: boolean },
  ): Promise<void> {
    await this.pool.query(
      'UPDATE staff SET totp_secret = $1, totp_pending = $2, totp_enabled = $3 WHERE id = $4',
      [totp.secret, totp.pending, totp.enabled, staffId],
    );
  }

  async useTotpStep(staffId: number, step: number): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE staff SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1',
      [step, staffId],
    );
    return result.rowCount === 1;
  }

  reserveLoginAttempt(name: string, now: Date, lockFor: LockPolicy): Promise<LoginAttempt> {
    return this.transaction(async (client): Promise<LoginAttempt> => {
      const { rows } = await client.query<StaffRow>(
        `${STAFF_SELECT} WHERE s.name_key = $1 FOR UPDATE OF s`,
        [nameKey(name)],
      );
      const row = rows[0];
      if (row === undefined) return { kind: 'not_found' };
      if (row.locked_until !== null && row.locked_until > now) {
        return { kind: 'locked', until: row.locked_until };
      }
      const attempt = row.failed_logins + 1;
      const lock = lockFor(attempt);
      await client.query('UPDATE staff SET failed_logins = $1, locked_until = $2 WHERE id = $3', [
        attempt,
        lock === null ? null : new Date(now.getTime() + lock),
        row.id,
      ]);
      return { kind: 'reserved', staff: toStaff(row), attempt };
    });
  }

  async clearLoginAttempts(staffId: number): Promise<void> {
    await this.pool.query('UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE id = $1', [
      staffId,
    ]);
  }

  // --- sessions --------------------------------------------------------------------------------

  async createSession(input: {
    tokenHash: string;
    staffId: number;
    csrfToken: string;
    at: Date;
    expiresAt: Date;
  }): Promise<void> {
    await this.pool.query(
      `INSERT INTO staff_sessions (token_sha256, staff_id, csrf_token, created_at, last_seen_at, expires_at)
       VALUES ($1, $2, $3, $4, $4, $5)`,
      [input.tokenHash, input.staffId, input.csrfToken, input.at, input.expiresAt],
    );
  }

  async findSession(tokenHash: string): Promise<SessionRecord | undefined> {
    const { rows } = await this.pool.query<{
      staff_id: number;
      csrf_token: string;
      created_at: Date;
      last_seen_at: Date;
      expires_at: Date;
    }>(
      'SELECT staff_id, csrf_token, created_at, last_seen_at, expires_at FROM staff_sessions WHERE token_sha256 = $1',
      [tokenHash],
    );
    const row = rows[0];
    return row === undefined
      ? undefined
      : {
          staffId: row.staff_id,
          csrfToken: row.csrf_token,
          issuedAt: row.created_at,
          lastSeenAt: row.last_seen_at,
          expiresAt: row.expires_at,
        };
  }

  async touchSession(tokenHash: string, at: Date): Promise<void> {
    await this.pool.query('UPDATE staff_sessions SET last_seen_at = $1 WHERE token_sha256 = $2', [
      at,
      tokenHash,
    ]);
  }

  rotateSession(oldHash: string, newHash: string, at: Date, graceUntil: Date): Promise<boolean> {
    return this.transaction(async (client) => {
      const inserted = await client.query(
        `INSERT INTO staff_sessions (token_sha256, staff_id, csrf_token, created_at, last_seen_at, expires_at)
         SELECT $1, staff_id, csrf_token, $2, $2, expires_at FROM staff_sessions WHERE token_sha256 = $3`,
        [newHash, at, oldHash],
      );
      await client.query(
        'UPDATE staff_sessions SET expires_at = least(expires_at, $1) WHERE token_sha256 = $2',
        [graceUntil, oldHash],
      );
      return inserted.rowCount === 1;
    });
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.pool.query('DELETE FROM staff_sessions WHERE token_sha256 = $1', [tokenHash]);
  }

  async deleteStaffSessions(staffId: number, except?: string): Promise<void> {
    await this.pool.query('DELETE FROM staff_sessions WHERE staff_id = $1 AND token_sha256 != $2', [
      staffId,
      except ?? '',
    ]);
  }

  // --- reports ---------------------------------------------------------------------------------

  addReport(input: {
    caseId: number;
    receivedAt: Date;
    verdict: string;
    family: string | null;
    body: (id: number) => string;
    synthetic: boolean;
  }): Promise<ReportRecord> {
    return this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [REPORTS_LOCK]);
      const { rows } = await client.query<{ id: number }>(
        `INSERT INTO reports (case_id, received_at, verdict, family, body, synthetic)
         VALUES ($1, $2, $3, $4, '', $5) RETURNING id`,
        [input.caseId, input.receivedAt, input.verdict, input.family, input.synthetic],
      );
      const id = rows[0]!.id;
      const body = input.body(id);
      await client.query('UPDATE reports SET body = $1 WHERE id = $2', [body, id]);
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
  }

  async deleteReport(caseId: number, reportId: number): Promise<boolean> {
    return (await this.transaction((client) => deleteReportRows(client, caseId, reportId))) > 0;
  }

  async readReportDeletions(afterSeq: number, limit: number): Promise<ReportDeletion[]> {
    const { rows } = await this.pool.query<{ seq: number; report_id: number }>(
      'SELECT seq, report_id FROM report_deletions WHERE seq > $1 ORDER BY seq LIMIT $2',
      [afterSeq, limit],
    );
    return rows.map((row) => ({ seq: row.seq, reportId: row.report_id }));
  }

  async lastReportDeletionSeq(): Promise<number> {
    const { rows } = await this.pool.query<{ seq: number }>(
      'SELECT coalesce(max(seq), 0) AS seq FROM report_deletions',
    );
    return rows[0]!.seq;
  }

  async readReports(afterId: number, limit: number): Promise<ReportRecord[]> {
    const { rows } = await this.pool.query<ReportRow>(
      'SELECT * FROM reports WHERE id > $1 ORDER BY id LIMIT $2',
      [afterId, limit],
    );
    return rows.map(toReport);
  }

  async listCaseReports(caseId: number): Promise<ReportRecord[]> {
    const { rows } = await this.pool.query<ReportRow>(
      'SELECT * FROM reports WHERE case_id = $1 ORDER BY id',
      [caseId],
    );
    return rows.map(toReport);
  }

  async caseNumberOf(caseId: number): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ case_number: string }>(
      'SELECT case_number FROM cases WHERE id = $1',
      [caseId],
    );
    return rows[0]?.case_number;
  }

  async countReports(): Promise<{ reports: number; synthetic: number }> {
    const { rows } = await this.pool.query<{ reports: number; synthetic: number }>(
      'SELECT count(*) AS reports, count(*) FILTER (WHERE synthetic) AS synthetic FROM reports',
    );
    return rows[0]!;
  }

  // --- consent shares --------------------------------------------------------------------------

  createShare(input: {
    caseId: number;
    helplineId: number;
    envelope: string;
    keys: readonly ShareKeyRecord[];
    at: Date;
  }): Promise<ShareRecord | 'exists'> {
    return this.transaction(async (client): Promise<ShareRecord | 'exists'> => {
      const { rows } = await client.query<{ id: number }>(
        `INSERT INTO shares (case_id, helpline_id, created_at, envelope, updated_at) VALUES ($1, $2, $3, $4, $3)
         ON CONFLICT DO NOTHING RETURNING id`,
        [input.caseId, input.helplineId, input.at, input.envelope],
      );
      const id = rows[0]?.id;
      if (id === undefined) return 'exists';
      for (const key of input.keys) {
        await client.query(
          'INSERT INTO share_keys (share_id, staff_id, wrapped_key) VALUES ($1, $2, $3)',
          [id, key.staffId, key.wrappedKey],
        );
      }
      return (await shareById(client, id))!;
    });
  }

  async listCaseShares(caseId: number): Promise<ShareRecord[]> {
    const { rows } = await this.pool.query<ShareRow>(
      `${SHARE_SELECT} WHERE sh.case_id = $1 ORDER BY sh.id`,
      [caseId],
    );
    return rows.map(toShare);
  }

  revokeShare(caseId: number, shareId: number, at: Date): Promise<ShareRecord | undefined> {
    return this.transaction(async (client) => {
      const share = await shareById(client, shareId);
      if (share === undefined || share.caseId !== caseId) return undefined;
      if (share.revokedAt !== null) return share;
      await client.query(
        'UPDATE shares SET revoked_at = $1, envelope = NULL, updated_at = $1 WHERE id = $2',
        [at, shareId],
      );
      await client.query('DELETE FROM share_keys WHERE share_id = $1', [shareId]);
      await client.query('DELETE FROM share_notes WHERE share_id = $1', [shareId]);
      return shareById(client, shareId);
    });
  }

  async listHelplineShares(helplineId: number): Promise<ShareRecord[]> {
    const { rows } = await this.pool.query<ShareRow>(
      `${SHARE_SELECT} WHERE sh.helpline_id = $1 AND sh.revoked_at IS NULL ORDER BY sh.created_at DESC, sh.id DESC`,
      [helplineId],
    );
    return rows.map(toShare);
  }

  async findHelplineShare(helplineId: number, shareId: number): Promise<ShareRecord | undefined> {
    const { rows } = await this.pool.query<ShareRow>(
      `${SHARE_SELECT} WHERE sh.id = $1 AND sh.helpline_id = $2`,
      [shareId, helplineId],
    );
    return rows[0] === undefined ? undefined : toShare(rows[0]);
  }

  async shareKeysOf(
    staffId: number,
    shareIds: readonly number[],
  ): Promise<Map<number, ShareKeyRecord>> {
    const { rows } = await this.pool.query<{ share_id: number; wrapped_key: string }>(
      'SELECT share_id, wrapped_key FROM share_keys WHERE staff_id = $1 AND share_id = ANY($2::bigint[])',
      [staffId, [...shareIds]],
    );
    return new Map(rows.map((row) => [row.share_id, { staffId, wrappedKey: row.wrapped_key }]));
  }

  async updateShare(
    shareId: number,
    change: { status?: ShareStatus; assigneeId?: number | null; grant?: ShareKeyRecord },
    at: Date,
  ): Promise<void> {
    await this.transaction(async (client) => {
      if (change.status !== undefined) {
        await client.query('UPDATE shares SET status = $1, updated_at = $2 WHERE id = $3', [
          change.status,
          at,
          shareId,
        ]);
      }
      if (change.assigneeId !== undefined) {
        await client.query('UPDATE shares SET assignee_id = $1, updated_at = $2 WHERE id = $3', [
          change.assigneeId,
          at,
          shareId,
        ]);
      }
      if (change.grant !== undefined) {
        await client.query(
          `INSERT INTO share_keys (share_id, staff_id, wrapped_key) VALUES ($1, $2, $3)
             ON CONFLICT (share_id, staff_id) DO UPDATE SET wrapped_key = excluded.wrapped_key`,
          [shareId, change.grant.staffId, change.grant.wrappedKey],
        );
      }
    });
  }

  addNote(input: {
    shareId: number;
    authorId: number;
    body: (id: number) => string;
    at: Date;
  }): Promise<NoteRecord> {
    return this.transaction(async (client) => {
      const { rows } = await client.query<{ id: number }>(
        "INSERT INTO share_notes (share_id, author_id, body, created_at) VALUES ($1, $2, '', $3) RETURNING id",
        [input.shareId, input.authorId, input.at],
      );
      const id = rows[0]!.id;
      await client.query('UPDATE share_notes SET body = $1 WHERE id = $2', [input.body(id), id]);
      return (await listNotes(client, input.shareId)).find((note) => note.id === id)!;
    });
  }

  listNotes(shareId: number): Promise<NoteRecord[]> {
    return listNotes(this.pool, shareId);
  }

  // --- safelist --------------------------------------------------------------------------------

  async listSafelist(): Promise<SafelistRecord[]> {
    const { rows } = await this.pool.query<{
      rule_key: string;
      entry: string;
      added_by: string | null;
      created_at: Date;
    }>(
      'SELECT rule_key, entry, added_by, created_at FROM safelist_entries ORDER BY created_at, rule_key',
    );
    return rows.map((row) => ({
      ruleKey: row.rule_key,
      entry: row.entry,
      addedBy: row.added_by,
      createdAt: row.created_at,
    }));
  }

  async putSafelist(input: {
    ruleKey: string;
    entry: string;
    addedBy: string;
    at: Date;
  }): Promise<void> {
    await this.pool.query(
      `INSERT INTO safelist_entries (rule_key, entry, added_by, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (rule_key) DO UPDATE SET entry = excluded.entry, added_by = excluded.added_by`,
      [input.ruleKey, input.entry, input.addedBy, input.at],
    );
  }

  async removeSafelist(ruleKey: string): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM safelist_entries WHERE rule_key = $1', [
      ruleKey,
    ]);
    return result.rowCount === 1;
  }

  // --- API keys and statistics -----------------------------------------------------------------

  async listApiKeys(platformId: number): Promise<ApiKeyRecord[]> {
    const { rows } = await this.pool.query<KeyRow>(
      `SELECT ${KEY_COLUMNS} FROM platform_api_keys WHERE platform_id = $1 ORDER BY id`,
      [platformId],
    );
    return rows.map(toKey);
  }

  createApiKey(input: {
    platformId: number;
    keyHash: string;
    prefix: string;
    label: string;
    at: Date;
  }): Promise<ApiKeyRecord> {
    return insertKey(this.pool, input);
  }

  revokeApiKey(platformId: number, keyId: number, at: Date): Promise<RevokeKeyResult> {
    return this.transaction((client) => revokeKey(client, platformId, keyId, at));
  }

  rotateApiKey(input: {
    platformId: number;
    keyId: number;
    keyHash: string;
    prefix: string;
    at: Date;
  }): Promise<{ kind: 'rotated'; key: ApiKeyRecord } | { kind: 'not_found' | 'already_revoked' }> {
    return this.transaction(async (client) => {
      const revoked = await revokeKey(client, input.platformId, input.keyId, input.at);
      if (revoked.kind !== 'revoked') return { kind: revoked.kind };
      const key = await insertKey(client, { ...input, label: revoked.key.label });
      return { kind: 'rotated' as const, key };
    });
  }

  async platformStats(platformId: number, since: Date): Promise<PlatformStatsRecord> {
    const matched = await this.pool.query<{ total: number; recent: number }>(
      'SELECT count(*) AS total, count(*) FILTER (WHERE at >= $1) AS recent FROM signal_matches WHERE platform_id = $2',
      [since, platformId],
    );
    const decisions = await this.pool.query<{ decision: FeedbackDecision; n: number }>(
      'SELECT decision, count(*) AS n FROM feedback WHERE platform_id = $1 GROUP BY decision',
      [platformId],
    );
    const awaiting = await this.pool.query<{ n: number }>(
      `SELECT count(*) AS n FROM signal_matches m
        WHERE m.platform_id = $1 AND NOT EXISTS
          (SELECT 1 FROM feedback f WHERE f.platform_id = $1 AND f.signal_id = m.signal_id)`,
      [platformId],
    );
    const feedback = { PendingReview: 0, Blocked: 0, NotBlocked: 0 };
    for (const row of decisions.rows) feedback[row.decision] = row.n;
    return {
      signalsMatched: matched.rows[0]!.total,
      signalsMatchedSince: matched.rows[0]!.recent,
      feedback,
      awaitingFeedback: awaiting.rows[0]!.n,
    };
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    // withClient: a connection that fails mid-transaction must not end the process.
    return withClient(this.pool, async (client) => {
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    });
  }
}

async function shareById(client: Queryable, id: number): Promise<ShareRecord | undefined> {
  const { rows } = await client.query<ShareRow>(`${SHARE_SELECT} WHERE sh.id = $1`, [id]);
  return rows[0] === undefined ? undefined : toShare(rows[0]);
}

async function listNotes(client: Queryable, shareId: number): Promise<NoteRecord[]> {
  const { rows } = await client.query<{
    id: number;
    author_id: number;
    author_name: string;
    body: string;
    created_at: Date;
  }>(
    `SELECT n.id, n.author_id, s.name AS author_name, n.body, n.created_at
       FROM share_notes n JOIN staff s ON s.id = n.author_id WHERE n.share_id = $1 ORDER BY n.id`,
    [shareId],
  );
  return rows.map((row) => ({
    id: row.id,
    author: { id: row.author_id, name: row.author_name },
    body: row.body,
    createdAt: row.created_at,
  }));
}

async function insertKey(
  client: Queryable,
  input: { platformId: number; keyHash: string; prefix: string; label: string; at: Date },
): Promise<ApiKeyRecord> {
  const { rows } = await client.query<KeyRow>(
    `INSERT INTO platform_api_keys (platform_id, key_sha256, prefix, label, created_at) VALUES ($1, $2, $3, $4, $5)
       RETURNING ${KEY_COLUMNS}`,
    [input.platformId, input.keyHash, input.prefix, input.label, input.at],
  );
  return toKey(rows[0]!);
}

async function revokeKey(
  client: Queryable,
  platformId: number,
  keyId: number,
  at: Date,
): Promise<RevokeKeyResult> {
  const { rows } = await client.query<KeyRow>(
    `SELECT ${KEY_COLUMNS} FROM platform_api_keys WHERE id = $1 AND platform_id = $2 FOR UPDATE`,
    [keyId, platformId],
  );
  const row = rows[0];
  if (row === undefined) return { kind: 'not_found' };
  if (row.revoked_at !== null) return { kind: 'already_revoked' };
  await client.query('UPDATE platform_api_keys SET revoked_at = $1 WHERE id = $2', [at, keyId]);
  return { kind: 'revoked', key: toKey({ ...row, revoked_at: at }) };
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
    totpEnabled: row.totp_enabled,
    publicKey: row.public_key,
    wrappedPrivateKey: row.wrapped_private_key,
    setupExpiresAt: row.setup_expires_at,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}

function toReport(row: ReportRow): ReportRecord {
  return {
    id: row.id,
    caseId: row.case_id,
    receivedAt: row.received_at,
    verdict: row.verdict,
    family: row.family,
    body: row.body,
    synthetic: row.synthetic,
  };
}

function toShare(row: ShareRow): ShareRecord {
  return {
    id: row.id,
    caseId: row.case_id,
    caseNumber: row.case_number,
    helpline: { id: row.helpline_id, name: row.helpline_name },
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    status: row.status,
    assignee:
      row.assignee_id === null ? null : { id: row.assignee_id, name: row.assignee_name ?? '' },
    envelope: row.envelope,
    reports: row.reports,
    signals: row.signals,
    synthetic: row.synthetic,
  };
}

function toKey(row: KeyRow): ApiKeyRecord {
  return {
    id: row.id,
    platformId: row.platform_id,
    label: row.label,
    prefix: row.prefix,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown }).code === '23505';
}
