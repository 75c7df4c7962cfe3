/**
 * Which store failures mean "the database cannot be reached right now" (PostgreSQL restarting, a
 * dropped connection, SQLite locked past its busy timeout, a full or failing disk) rather than a
 * bug: the error handler answers them 503 `store_unavailable` with Retry-After, and the next
 * request, on a fresh connection, succeeds once the database is back.
 */

/** PostgreSQL SQLSTATE classes and codes of a server that is gone, going or not yet there. */
const POSTGRES_UNAVAILABLE = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08006', // connection_failure
  '40001', // serialization_failure (retrying helps)
  '40P01', // deadlock_detected (retrying helps)
]);
/** Socket errors of a connection refused, reset or timed out. */
const NETWORK_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
/** SQLite result codes of a file busy past the timeout, or a disk that cannot take the write. */
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|PROTOCOL)/;

/**
 * True when `error` (from either store) says the database is unreachable or busy for now.
 *
 * @example
 * isStoreUnavailable(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })); // true
 */
export function isStoreUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (POSTGRES_UNAVAILABLE.has(code) || NETWORK_UNAVAILABLE.has(code)) return true;
    if (SQLITE_UNAVAILABLE.test(code)) return true;
  }
  const message = error instanceof Error ? error.message : '';
  // node-postgres reports a connection that died mid-query with these messages and no code.
  if (
    /Connection terminated|connection timeout|Client has encountered a connection error|the database system is (shutting down|starting up|in recovery mode)/i.test(
      message,
    )
  ) {
    return true;
  }
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isStoreUnavailable(cause);
}
