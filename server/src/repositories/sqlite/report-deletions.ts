/**
 * Deleting victims' messages (reports) in SQLite. The row goes (secure_delete overwrites its
 * encrypted body), and its id is appended to `report_deletions`, a feed that every server process
 * tails after the reports themselves so that it drops the message from correlation too
 * (services/correlation.service.ts). The feed holds ids only: nothing of the message.
 */
import type Database from 'better-sqlite3';

/** The report_deletions table (migration 3). */
export const reportDeletionsSqliteMigration = `
  -- Ids of deleted reports, in deletion order: other processes drop them from correlation.
  CREATE TABLE report_deletions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id INTEGER NOT NULL
  ) STRICT;
`;

/**
 * Deletes the case's report `reportId`, or all its reports when `reportId` is 'all'; records each
 * deletion in the feed. Run it inside a transaction. Returns how many were deleted.
 */
export function deleteReportRows(
  db: Database.Database,
  caseId: number,
  reportId: number | 'all',
): number {
  const deleted =
    reportId === 'all'
      ? db
          .prepare<[number], { id: number }>('DELETE FROM reports WHERE case_id = ? RETURNING id')
          .all(caseId)
      : db
          .prepare<[number, number], { id: number }>(
            'DELETE FROM reports WHERE case_id = ? AND id = ? RETURNING id',
          )
          .all(caseId, reportId);
  const feed = db.prepare<[number]>('INSERT INTO report_deletions (report_id) VALUES (?)');
  for (const id of deleted.map((row) => row.id).sort((a, b) => a - b)) feed.run(id);
  return deleted.length;
}
