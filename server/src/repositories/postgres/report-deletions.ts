/**
 * Deleting victims' messages (reports) in PostgreSQL. The row goes, and its id is appended to
 * `report_deletions`, a feed that every server process tails after the reports themselves so that
 * it drops the message from correlation too (services/correlation.service.ts). Appends to both
 * tables happen under the same advisory lock, so ids and sequence numbers are in commit order.
 * The feed holds ids only: nothing of the message.
 */
import type pg from 'pg';

/** Held (transaction-scoped) by whoever appends to reports or report_deletions. 'arep' in ASCII. */
export const REPORTS_LOCK = 0x61726570;

/** The report_deletions table (migration 3). */
export const reportDeletionsPostgresMigration = `
  -- Ids of deleted reports, in deletion order (appended under the reports' advisory lock).
  CREATE TABLE report_deletions (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    report_id bigint NOT NULL
  );
`;

/**
 * Deletes the case's report `reportId`, or all its reports when `reportId` is 'all'; records each
 * deletion in the feed. Run it inside a transaction. Returns how many were deleted.
 */
export async function deleteReportRows(
  client: Pick<pg.PoolClient, 'query'>,
  caseId: number,
  reportId: number | 'all',
): Promise<number> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [REPORTS_LOCK]);
  const { rows } =
    reportId === 'all'
      ? await client.query<{ id: number }>('DELETE FROM reports WHERE case_id = $1 RETURNING id', [
          caseId,
        ])
      : await client.query<{ id: number }>(
          'DELETE FROM reports WHERE case_id = $1 AND id = $2 RETURNING id',
          [caseId, reportId],
        );
  if (rows.length > 0) {
    await client.query(
      'INSERT INTO report_deletions (report_id) SELECT unnest($1::bigint[]) ORDER BY 1',
      [rows.map((row) => row.id)],
    );
  }
  return rows.length;
}
