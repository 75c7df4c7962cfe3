/**
 * The production store: PostgreSQL through a connection pool.
 *
 * The change feed must never let a reader skip a change: identity values are handed out at insert
 * time, not commit time, so two concurrent transactions could commit seq 11 before seq 10 and a
 * reader that saw 11 would never look back for 10. Every transaction that appends changes first
 * takes one transaction-scoped advisory lock, so appends (and their commits) happen one at a time,
 * in seq order. Appends are rare (cases, withdrawals, curation), so the lock costs little.
 */
import pg from 'pg';
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
import { withClient } from './checkout.ts';
import { postgresMigrations } from './migrations.ts';
import { deleteReportRows } from './report-deletions.ts';

/** Advisory lock keys ('aman' and 'amig' in ASCII). */
const FEED_LOCK = 0x616d616e;
const MIGRATION_LOCK = 0x616d6967;
const SNAPSHOT_PAGE = 20_000;
const AUDIT_PAGE = 10_000;
const INT8_OID = 20;

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
  created_at: Date;
}
interface CaseRow {
  id: number;
  case_number: string;
  pin_hash: string;
  status: 'active' | 'withdrawn';
  created_at: Date;
  failed_pin_attempts: number;
  locked_until: Date | null;
}
interface PlatformRow {
  id: number;
  name: string;
  scopes: string;
  created_at: Date;
}

type Queryable = Pick<pg.PoolClient, 'query'>;

const SIGNAL_COLUMNS = 'id, bank_id, case_id, type, value, quality, status, created_at';

/**
 * Connects to PostgreSQL at `url` (`postgres://user@host:5432/db`).
 *
 * @example
 * const store = openPostgresStore(process.env.DATABASE_URL!);
 * await store.migrate();
 */
export function openPostgresStore(url: string, options: { maxConnections?: number } = {}): Store {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    // Ids and counts are bigint; every one of ours fits a JS number (2^53).
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
  // An idle client that loses its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return new PostgresStore(pool);
}

class PostgresStore implements Store {
  readonly kind = 'postgres';

  constructor(private readonly pool: pg.Pool) {}

  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const { rows } = await client.query<{ version: number | null }>(
        'SELECT max(version) AS version FROM schema_migrations',
      );
      for (let version = rows[0]?.version ?? 0; version < postgresMigrations.length; version++) {
        await client.query('BEGIN');
        try {
          await client.query(postgresMigrations[version]!);
          await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version + 1]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
      client.release();
    }
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }

  // --- banks ---------------------------------------------------------------------------------

  async listBanks(): Promise<BankRecord[]> {
    const { rows } = await this.pool.query<BankRow>(
      'SELECT id, name, purpose, pdq_threshold, vpdq_threshold FROM banks ORDER BY id',
    );
    return rows.map(toBank);
  }

  async countActiveSignals(): Promise<Map<number, number>> {
    const { rows } = await this.pool.query<{ bank_id: number; n: number }>(
      "SELECT bank_id, count(*) AS n FROM signals WHERE status = 'active' GROUP BY bank_id",
    );
    return new Map(rows.map((row) => [row.bank_id, row.n]));
  }

  async updateBankThresholds(bankId: number, thresholds: BankThresholds): Promise<BankRecord> {
    const { rows } = await this.pool.query<BankRow>(
      `UPDATE banks SET pdq_threshold = $1, vpdq_threshold = $2 WHERE id = $3
       RETURNING id, name, purpose, pdq_threshold, vpdq_threshold`,
      [thresholds.pdq, thresholds.vpdq, bankId],
    );
    if (rows[0] === undefined) throw new Error(`no bank ${bankId}`);
    return toBank(rows[0]);
  }

  // --- cases ---------------------------------------------------------------------------------

  createCase(input: {
    caseNumber: string;
    pinHash: string;
    bankId: number;
    signals: readonly NewSignal[];
    at: Date;
  }): Promise<{ caseId: number; signals: SignalRecord[] }> {
    return this.transaction({ appendsChanges: true }, async (client) => {
      let caseId: number;
      try {
        const { rows } = await client.query<{ id: number }>(
          'INSERT INTO cases (case_number, pin_hash, created_at) VALUES ($1, $2, $3) RETURNING id',
          [input.caseNumber, input.pinHash, input.at],
        );
        caseId = rows[0]!.id;
      } catch (error) {
        if (isUniqueViolation(error)) throw new CaseNumberTakenError();
        throw error;
      }
      const signals = await insertSignals(client, input.bankId, caseId, input.signals, input.at);
      return { caseId, signals };
    });
  }

  async findCase(caseNumber: string): Promise<CaseRecord | undefined> {
    const { rows } = await this.pool.query<CaseRow>('SELECT * FROM cases WHERE case_number = $1', [
      caseNumber,
    ]);
    return rows[0] === undefined ? undefined : toCase(rows[0]);
  }

  reservePinAttempt(caseNumber: string, now: Date, lockFor: LockPolicy): Promise<PinAttempt> {
    return this.transaction({}, async (client): Promise<PinAttempt> => {
      // FOR UPDATE: concurrent guesses queue here, each sees the count the previous one left.
      const { rows } = await client.query<CaseRow>(
        'SELECT * FROM cases WHERE case_number = $1 FOR UPDATE',
        [caseNumber],
      );
      const row = rows[0];
      if (row === undefined) return { kind: 'not_found' };
      if (row.locked_until !== null && row.locked_until.getTime() > now.getTime()) {
        return { kind: 'locked', until: row.locked_until };
      }
      const attempt = row.failed_pin_attempts + 1;
      const lock = lockFor(attempt);
      await client.query(
        'UPDATE cases SET failed_pin_attempts = $1, locked_until = $2 WHERE id = $3',
        [attempt, lock === null ? null : new Date(now.getTime() + lock), row.id],
      );
      return { kind: 'reserved', record: toCase(row), attempt };
    });
  }

  async clearPinAttempts(caseId: number): Promise<void> {
    await this.pool.query(
      'UPDATE cases SET failed_pin_attempts = 0, locked_until = NULL WHERE id = $1',
      [caseId],
    );
  }

  async listCaseSignals(caseId: number): Promise<SignalRecord[]> {
    const { rows } = await this.pool.query<SignalRow>(
      `SELECT ${SIGNAL_COLUMNS} FROM signals WHERE case_id = $1 ORDER BY id`,
      [caseId],
    );
    return rows.map(toSignal);
  }

  async listCaseFeedback(caseId: number): Promise<FeedbackRecord[]> {
    const { rows } = await this.pool.query<{
      name: string;
      signal_id: number;
      decision: FeedbackDecision;
      at: Date;
    }>(
      `SELECT p.name, f.signal_id, f.decision, f.at
       FROM feedback f JOIN signals s ON s.id = f.signal_id JOIN platforms p ON p.id = f.platform_id
       WHERE s.case_id = $1 ORDER BY f.at, p.name, f.signal_id`,
      [caseId],
    );
    return rows.map((row) => ({
      platformName: row.name,
      signalId: row.signal_id,
      decision: row.decision,
      at: row.at,
    }));
  }

  addCaseSignals(input: {
    caseId: number;
    bankId: number;
    signals: readonly NewSignal[];
    maxSignals: number;
    at: Date;
  }): Promise<AddCaseSignalsResult> {
    return this.transaction(
      { appendsChanges: true },
      async (client): Promise<AddCaseSignalsResult> => {
        const status = (
          await client.query<{ status: string }>(
            'SELECT status FROM cases WHERE id = $1 FOR UPDATE',
            [input.caseId],
          )
        ).rows[0]?.status;
        if (status !== 'active') return { kind: 'case_withdrawn' };
        const existing = (
          await client.query<SignalRow>(
            `SELECT ${SIGNAL_COLUMNS} FROM signals WHERE case_id = $1`,
            [input.caseId],
          )
        ).rows;
        const live = new Map<string, SignalRecord>(
          existing
            .filter((row) => row.status === 'active' || row.status === 'quarantined')
            .map((row) => [`${row.type}:${row.value}`, toSignal(row)]),
        );
        const fresh = input.signals.filter((signal) => !live.has(`${signal.type}:${signal.value}`));
        if (existing.length + fresh.length > input.maxSignals) return { kind: 'case_full' };
        const signals: SignalRecord[] = [];
        for (const signal of input.signals) {
          const key = `${signal.type}:${signal.value}`;
          let record = live.get(key);
          if (record === undefined) {
            [record] = await insertSignals(client, input.bankId, input.caseId, [signal], input.at);
            live.set(key, record!);
          }
          signals.push(record!);
        }
        return { kind: 'added', signals };
      },
    );
  }

  withdrawCaseSignals(input: {
    caseId: number;
    signalIds: readonly number[] | 'all';
    at: Date;
  }): Promise<WithdrawResult> {
    return this.transaction({ appendsChanges: true }, async (client) => {
      const { rows } = await client.query<{ id: number; status: SignalStatus }>(
        'SELECT id, status FROM signals WHERE case_id = $1 ORDER BY id FOR UPDATE',
        [input.caseId],
      );
      const result = await withdrawRows(client, rows, input.signalIds, input.at);
      if (result.kind === 'withdrawn' && input.signalIds === 'all') {
        await client.query(
          "UPDATE cases SET status = 'withdrawn', withdrawn_at = $1 WHERE id = $2",
          [input.at, input.caseId],
        );
        const deleted = await client.query('DELETE FROM evidence WHERE case_id = $1', [
          input.caseId,
        ]);
        const reportsDeleted = await deleteReportRows(client, input.caseId, 'all');
        return { ...result, evidenceDeleted: deleted.rowCount ?? 0, reportsDeleted };
      }
      return result;
    });
  }

  // --- banks' own signals ----------------------------------------------------------------------

  addBankSignals(input: {
    bankId: number;
    signals: readonly NewSignal[];
    at: Date;
  }): Promise<SignalRecord[]> {
    return this.transaction({ appendsChanges: true }, async (client) => {
      const records: SignalRecord[] = [];
      for (const signal of input.signals) {
        const { rows } = await client.query<SignalRow>(
          `SELECT ${SIGNAL_COLUMNS} FROM signals
           WHERE bank_id = $1 AND type = $2 AND md5(value) = md5($3) AND value = $3
             AND case_id IS NULL AND status IN ('active', 'quarantined')`,
          [input.bankId, signal.type, signal.value],
        );
        if (rows[0] !== undefined) records.push(toSignal(rows[0]));
        else records.push(...(await insertSignals(client, input.bankId, null, [signal], input.at)));
      }
      return records;
    });
  }

  withdrawBankSignals(input: {
    bankId: number;
    signalIds: readonly number[];
    at: Date;
  }): Promise<WithdrawResult> {
    return this.transaction({ appendsChanges: true }, async (client) => {
      const { rows } = await client.query<{ id: number; status: SignalStatus }>(
        `SELECT id, status FROM signals
         WHERE id = ANY($1::bigint[]) AND bank_id = $2 AND case_id IS NULL FOR UPDATE`,
        [input.signalIds, input.bankId],
      );
      return withdrawRows(client, rows, input.signalIds, input.at);
    });
  }

  // --- change feed ---------------------------------------------------------------------------

  async latestSeq(): Promise<number> {
    const { rows } = await this.pool.query<{ seq: number | null }>(
      'SELECT max(seq) AS seq FROM changes',
    );
    return rows[0]?.seq ?? 0;
  }

  async readChanges(afterSeq: number, limit: number): Promise<ChangeRecord[]> {
    const { rows } = await this.pool.query<{
      seq: number;
      op: 'add' | 'withdraw';
      signal_id: number;
      type: SignalType;
      value: string;
      bank_id: number;
      bank_name: string;
      at: Date;
    }>(
      `SELECT c.seq, c.op, c.signal_id, s.type, s.value, s.bank_id, b.name AS bank_name, c.at
       FROM changes c JOIN signals s ON s.id = c.signal_id JOIN banks b ON b.id = s.bank_id
       WHERE c.seq > $1 ORDER BY c.seq LIMIT $2`,
      [afterSeq, limit],
    );
    return rows.map((row) => ({
      seq: row.seq,
      op: row.op,
      signalId: row.signal_id,
      type: row.type,
      value: row.value,
      bankId: row.bank_id,
      bankName: row.bank_name,
      at: row.at,
    }));
  }

  snapshotActiveSignals(visit: (signal: ActiveSignal) => void): Promise<number> {
    // REPEATABLE READ: every query below sees the same snapshot as the first one.
    return this.transaction({ isolation: 'REPEATABLE READ READ ONLY' }, async (client) => {
      const { rows } = await client.query<{ seq: number | null }>(
        'SELECT max(seq) AS seq FROM changes',
      );
      let after = 0;
      for (;;) {
        const page = await client.query<{
          id: number;
          bank_id: number;
          type: SignalType;
          value: string;
        }>(
          `SELECT id, bank_id, type, value FROM signals
           WHERE status = 'active' AND id > $1 ORDER BY id LIMIT ${SNAPSHOT_PAGE}`,
          [after],
        );
        for (const row of page.rows) {
          visit({ id: row.id, bankId: row.bank_id, type: row.type, value: row.value });
        }
        if (page.rows.length < SNAPSHOT_PAGE) break;
        after = page.rows[page.rows.length - 1]!.id;
      }
      return rows[0]?.seq ?? 0;
    });
  }

  // --- platforms -----------------------------------------------------------------------------

  async createPlatform(input: {
    name: string;
    apiKeyHash: string;
    scopes: readonly Scope[];
    at: Date;
  }): Promise<PlatformRecord | undefined> {
    try {
      const row = await this.transaction({}, async (client) => {
        const { rows } = await client.query<PlatformRow>(
          `INSERT INTO platforms (name, api_key_sha256, scopes, created_at) VALUES ($1, $2, $3, $4)
           RETURNING id, name, scopes, created_at`,
          [input.name, input.apiKeyHash, input.scopes.join(' '), input.at],
        );
        if (rows[0] !== undefined)
          await insertApiKey(client, rows[0].id, input.apiKeyHash, input.at);
        return rows[0];
      });
      return row === undefined ? undefined : toPlatform(row);
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  replacePlatformKey(name: string, apiKeyHash: string): Promise<boolean> {
    return this.transaction({}, async (client) => {
      const { rows } = await client.query<{ id: number }>(
        'UPDATE platforms SET api_key_sha256 = $1 WHERE name = $2 RETURNING id',
        [apiKeyHash, name],
      );
      const id = rows[0]?.id;
      if (id === undefined) return false;
      // Every other key of the platform stops working (the console's keys included).
      const now = new Date();
      await client.query(
        'UPDATE platform_api_keys SET revoked_at = $1 WHERE platform_id = $2 AND revoked_at IS NULL',
        [now, id],
      );
      await insertApiKey(client, id, apiKeyHash, now);
      return true;
    });
  }

  async findPlatformByKeyHash(apiKeyHash: string): Promise<PlatformRecord | undefined> {
    // A platform has several keys (console: create, rotate, revoke); only unrevoked ones work.
    const { rows } = await this.pool.query<PlatformRow>(
      `SELECT p.id, p.name, p.scopes, p.created_at
         FROM platform_api_keys k JOIN platforms p ON p.id = k.platform_id
        WHERE k.key_sha256 = $1 AND k.revoked_at IS NULL`,
      [apiKeyHash],
    );
    return rows[0] === undefined ? undefined : toPlatform(rows[0]);
  }

  async listPlatforms(): Promise<PlatformRecord[]> {
    const { rows } = await this.pool.query<PlatformRow>(
      'SELECT id, name, scopes, created_at FROM platforms ORDER BY name',
    );
    return rows.map(toPlatform);
  }

  // --- feedback, flood control, review -------------------------------------------------------

  async recordFeedback(input: {
    platformId: number;
    signalId: number;
    decision: FeedbackDecision;
    at: Date;
  }): Promise<boolean> {
    const result = await this.pool.query(
      `INSERT INTO feedback (platform_id, signal_id, decision, at)
       SELECT $1, id, $3, $4 FROM signals WHERE id = $2
       ON CONFLICT (platform_id, signal_id) DO UPDATE SET decision = excluded.decision, at = excluded.at`,
      [input.platformId, input.signalId, input.decision, input.at],
    );
    return result.rowCount === 1;
  }

  recordMatch(input: {
    signalId: number;
    platformId: number;
    at: Date;
    since: Date;
  }): Promise<number> {
    return this.transaction({}, async (client) => {
      await client.query(
        `INSERT INTO signal_matches (signal_id, platform_id, at) VALUES ($1, $2, $3)
         ON CONFLICT (signal_id, platform_id) DO UPDATE SET at = greatest(signal_matches.at, excluded.at)`,
        [input.signalId, input.platformId, input.at],
      );
      const { rows } = await client.query<{ n: number }>(
        'SELECT count(*) AS n FROM signal_matches WHERE signal_id = $1 AND at >= $2',
        [input.signalId, input.since],
      );
      return rows[0]?.n ?? 0;
    });
  }

  quarantineSignal(signalId: number, at: Date): Promise<boolean> {
    return this.transaction({ appendsChanges: true }, async (client) => {
      const result = await client.query(
        `UPDATE signals SET status = 'quarantined', status_changed_at = $1
         WHERE id = $2 AND status = 'active' AND NOT flood_exempt`,
        [at, signalId],
      );
      if (result.rowCount !== 1) return false;
      await insertChange(client, 'withdraw', signalId, at);
      return true;
    });
  }

  async listQuarantined(since: Date): Promise<QuarantineRecord[]> {
    const { rows } = await this.pool.query<
      SignalRow & { bank_name: string; status_changed_at: Date; platforms: number }
    >(
      `SELECT s.id, s.bank_id, s.case_id, s.type, s.value, s.quality, s.status, s.created_at,
              s.status_changed_at, b.name AS bank_name,
              (SELECT count(*) FROM signal_matches m WHERE m.signal_id = s.id AND m.at >= $1) AS platforms
       FROM signals s JOIN banks b ON b.id = s.bank_id
       WHERE s.status = 'quarantined' ORDER BY s.status_changed_at, s.id`,
      [since],
    );
    return rows.map((row) => ({
      signal: toSignal(row),
      bankName: row.bank_name,
      quarantinedAt: row.status_changed_at,
      platforms: row.platforms,
    }));
  }

  reviewSignal(signalId: number, decision: 'release' | 'reject', at: Date): Promise<ReviewResult> {
    return this.transaction({ appendsChanges: true }, async (client): Promise<ReviewResult> => {
      const { rows } = await client.query<{ status: SignalStatus }>(
        'SELECT status FROM signals WHERE id = $1 FOR UPDATE',
        [signalId],
      );
      const status = rows[0]?.status;
      if (status === undefined) return { kind: 'not_found' };
      if (status !== 'quarantined') return { kind: 'not_quarantined' };
      if (decision === 'release') {
        await client.query(
          "UPDATE signals SET status = 'active', flood_exempt = true, status_changed_at = $1 WHERE id = $2",
          [at, signalId],
        );
        await insertChange(client, 'add', signalId, at);
        return { kind: 'reviewed', status: 'active' };
      }
      await client.query(
        "UPDATE signals SET status = 'rejected', status_changed_at = $1 WHERE id = $2",
        [at, signalId],
      );
      return { kind: 'reviewed', status: 'rejected' };
    });
  }

  // --- security: data keys, audit log, encrypted columns -----------------------------------------

  async registerDataKey(key: { id: string; checkValue: string; at: Date }): Promise<void> {
    await this.pool.query(
      'INSERT INTO data_keys (id, check_value, created_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING',
      [key.id, key.checkValue, key.at],
    );
  }

  async listDataKeys(): Promise<RegisteredKey[]> {
    const { rows } = await this.pool.query<{ id: string; check_value: string; created_at: Date }>(
      'SELECT id, check_value, created_at FROM data_keys ORDER BY created_at, id',
    );
    return rows.map((row) => ({
      id: row.id,
      checkValue: row.check_value,
      createdAt: row.created_at,
    }));
  }

  async removeDataKey(id: string): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM data_keys WHERE id = $1', [id]);
    return result.rowCount === 1;
  }

  appendAudit(seal: AuditSealer): Promise<AuditRecord> {
    return this.transaction({}, async (client) => {
      // The head row lock serializes appends: each sees the row the previous one wrote.
      await client.query('SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE');
      const { rows } = await client.query<AuditRow>(
        'SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1',
      );
      const { record, head } = seal(rows[0] === undefined ? undefined : toAudit(rows[0]));
      await client.query(
        `INSERT INTO audit_log (seq, at, actor_kind, actor_id, action, target, details, key_id, mac)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          record.seq,
          record.at,
          record.actorKind,
          record.actorId,
          record.action,
          record.target,
          record.details,
          record.keyId,
          record.mac,
        ],
      );
      await writeAuditHead(client, head);
      return record;
    });
  }

  async readAudit(afterSeq: number, limit: number): Promise<AuditRecord[]> {
    const { rows } = await this.pool.query<AuditRow>(
      'SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2',
      [afterSeq, limit],
    );
    return rows.map(toAudit);
  }

  async readAuditHead(): Promise<AuditHead> {
    const { rows } = await this.pool.query<{ seq: number; key_id: string; mac: string }>(
      'SELECT seq, key_id, mac FROM audit_head WHERE id = 1',
    );
    const row = rows[0];
    return row === undefined
      ? { seq: 0, keyId: '', mac: '' }
      : { seq: row.seq, keyId: row.key_id, mac: row.mac };
  }

  resealAudit(
    reseal: (record: AuditRecord, previousMac: string) => { keyId: string; mac: string },
    sealHead: (last: AuditRecord | undefined) => AuditHead,
  ): Promise<number> {
    return this.transaction({}, async (client) => {
      await client.query('SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE');
      let previousMac = '';
      let last: AuditRecord | undefined;
      let count = 0;
      for (let after = 0; ;) {
        const { rows } = await client.query<AuditRow>(
          'SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2',
          [after, AUDIT_PAGE],
        );
        if (rows.length === 0) break;
        for (const row of rows) {
          const record = toAudit(row);
          const sealed = reseal(record, previousMac);
          await client.query('UPDATE audit_log SET key_id = $1, mac = $2 WHERE seq = $3', [
            sealed.keyId,
            sealed.mac,
            record.seq,
          ]);
          last = { ...record, ...sealed };
          previousMac = sealed.mac;
          count++;
        }
        after = rows.at(-1)!.seq;
      }
      await writeAuditHead(client, sealHead(last));
      return count;
    });
  }

  async readCiphertexts(
    column: EncryptedColumn,
    afterId: number,
    limit: number,
  ): Promise<{ id: number; value: string | Buffer }[]> {
    const { rows } = await this.pool.query<{ id: number; value: string | Buffer }>(
      `SELECT id, ${column.column} AS value FROM ${column.table} WHERE id > $1 AND ${column.column} IS NOT NULL ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
    return rows;
  }

  async replaceCiphertext(
    column: EncryptedColumn,
    id: number,
    expected: string | Buffer,
    next: string | Buffer,
  ): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE ${column.table} SET ${column.column} = $1 WHERE id = $2 AND ${column.column} = $3`,
      [next, id, expected],
    );
    return result.rowCount === 1;
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
  }): Promise<AddEvidenceResult> {
    return this.transaction({}, async (client): Promise<AddEvidenceResult> => {
      // FOR UPDATE on the case: concurrent uploads to one case check the limits one at a time.
      const { rows } = await client.query<{ status: string }>(
        'SELECT status FROM cases WHERE id = $1 FOR UPDATE',
        [input.caseId],
      );
      if (rows[0]?.status !== 'active') return { kind: 'case_withdrawn' };
      const used = (
        await client.query<{ items: number; bytes: number }>(
          'SELECT count(*) AS items, coalesce(sum(size), 0)::bigint AS bytes FROM evidence WHERE case_id = $1',
          [input.caseId],
        )
      ).rows[0]!;
      if (used.items + 1 > input.maxItems || used.bytes + input.size > input.maxBytes) {
        return { kind: 'case_full' };
      }
      const inserted = await client.query<EvidenceRow>(
        `INSERT INTO evidence (public_id, case_id, size, sealed, created_at) VALUES ($1, $2, $3, $4, $5)
         RETURNING id, public_id, case_id, size, created_at`,
        [input.publicId, input.caseId, input.size, input.sealed, input.at],
      );
      return { kind: 'added', record: toEvidence(inserted.rows[0]!) };
    });
  }

  async listEvidence(caseId: number): Promise<EvidenceRecord[]> {
    const { rows } = await this.pool.query<EvidenceRow>(
      'SELECT id, public_id, case_id, size, created_at FROM evidence WHERE case_id = $1 ORDER BY id',
      [caseId],
    );
    return rows.map(toEvidence);
  }

  async getEvidence(
    caseId: number,
    publicId: string,
  ): Promise<{ record: EvidenceRecord; sealed: Buffer } | undefined> {
    const { rows } = await this.pool.query<EvidenceRow & { sealed: Buffer }>(
      `SELECT id, public_id, case_id, size, created_at, sealed FROM evidence
       WHERE case_id = $1 AND public_id = $2`,
      [caseId, publicId],
    );
    const row = rows[0];
    return row === undefined ? undefined : { record: toEvidence(row), sealed: row.sealed };
  }

  async deleteEvidence(caseId: number, publicId: string): Promise<boolean> {
    const result = await this.pool.query(
      'DELETE FROM evidence WHERE case_id = $1 AND public_id = $2',
      [caseId, publicId],
    );
    return result.rowCount === 1;
  }

  // --- helpers -------------------------------------------------------------------------------

  /** Runs `work` in one transaction; `appendsChanges` takes the feed lock first (see top). */
  private async transaction<T>(
    options: { appendsChanges?: boolean; isolation?: string },
    work: (client: pg.PoolClient) => Promise<T>,
  ): Promise<T> {
    return withClient(this.pool, async (client) => {
      try {
        await client.query(
          options.isolation === undefined ? 'BEGIN' : `BEGIN ISOLATION LEVEL ${options.isolation}`,
        );
        if (options.appendsChanges === true) {
          await client.query('SELECT pg_advisory_xact_lock($1)', [FEED_LOCK]);
        }
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

async function insertSignals(
  client: Queryable,
  bankId: number,
  caseId: number | null,
  signals: readonly NewSignal[],
  at: Date,
): Promise<SignalRecord[]> {
  const records: SignalRecord[] = [];
  for (const signal of signals) {
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO signals (bank_id, case_id, type, value, quality, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [bankId, caseId, signal.type, signal.value, signal.quality, at],
    );
    const id = rows[0]!.id;
    await insertChange(client, 'add', id, at);
    records.push({ ...signal, id, bankId, caseId, status: 'active', createdAt: at });
  }
  return records;
}

async function insertChange(
  client: Queryable,
  op: 'add' | 'withdraw',
  signalId: number,
  at: Date,
): Promise<void> {
  await client.query('INSERT INTO changes (op, signal_id, at) VALUES ($1, $2, $3)', [
    op,
    signalId,
    at,
  ]);
}

/** As in the SQLite store: withdraws `ids` (or all rows); active ones get a `withdraw` change. */
async function withdrawRows(
  client: Queryable,
  rows: readonly { id: number; status: SignalStatus }[],
  ids: readonly number[] | 'all',
  at: Date,
): Promise<WithdrawResult> {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const targets = new Map<number, { id: number; status: SignalStatus }>();
  if (ids === 'all') {
    for (const row of rows) targets.set(row.id, row);
  } else {
    for (const id of ids) {
      const row = byId.get(id);
      if (row === undefined) return { kind: 'unknown_signal', id };
      targets.set(id, row);
    }
  }
  const withdrawn: number[] = [];
  for (const row of targets.values()) {
    if (row.status !== 'active' && row.status !== 'quarantined') continue;
    await client.query(
      "UPDATE signals SET status = 'withdrawn', status_changed_at = $1 WHERE id = $2",
      [at, row.id],
    );
    if (row.status === 'active') await insertChange(client, 'withdraw', row.id, at);
    withdrawn.push(row.id);
  }
  return { kind: 'withdrawn', ids: withdrawn };
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
    createdAt: row.created_at,
  };
}

function toCase(row: CaseRow): CaseRecord {
  return {
    id: row.id,
    caseNumber: row.case_number,
    pinHash: row.pin_hash,
    status: row.status,
    createdAt: row.created_at,
  };
}

function toPlatform(row: PlatformRow): PlatformRecord {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes === '' ? [] : (row.scopes.split(' ') as Scope[]),
    createdAt: row.created_at,
  };
}

interface AuditRow {
  seq: number;
  at: Date;
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
    at: row.at,
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    action: row.action,
    target: row.target,
    details: row.details,
    keyId: row.key_id,
    mac: row.mac,
  };
}

async function writeAuditHead(client: Queryable, head: AuditHead): Promise<void> {
  await client.query('UPDATE audit_head SET seq = $1, key_id = $2, mac = $3 WHERE id = 1', [
    head.seq,
    head.keyId,
    head.mac,
  ]);
}

interface EvidenceRow {
  id: number;
  public_id: string;
  case_id: number;
  size: number;
  created_at: Date;
}

function toEvidence(row: EvidenceRow): EvidenceRecord {
  return {
    id: row.id,
    publicId: row.public_id,
    caseId: row.case_id,
    size: row.size,
    createdAt: row.created_at,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof pg.DatabaseError && error.code === '23505';
}

async function insertApiKey(
  client: Queryable,
  platformId: number,
  apiKeyHash: string,
  at: Date,
): Promise<void> {
  await client.query(
    `INSERT INTO platform_api_keys (platform_id, key_sha256, prefix, label, created_at)
     VALUES ($1, $2, 'aman_', 'issued by aman platform', $3)`,
    [platformId, apiKeyHash, at],
  );
}
