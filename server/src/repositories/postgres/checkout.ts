/**
 * A client checked out of the pool for a transaction, safely: while it is out, an error event from
 * its connection (PostgreSQL shutting down, the network dropping) would otherwise be unhandled and
 * end the process; the pool only listens to idle clients. The query in progress rejects anyway,
 * and a client whose connection failed is destroyed on release instead of going back to the pool.
 */
import type pg from 'pg';
import { isStoreUnavailable } from '../store-errors.ts';

/**
 * Runs `work` with a client of `pool` and releases it, destroying it if its connection failed.
 *
 * @example
 * const rows = await withClient(pool, (client) => client.query('SELECT 1'));
 */
export async function withClient<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  try {
    return await work(client);
  } catch (error) {
    if (isStoreUnavailable(error)) broken ??= error as Error;
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
