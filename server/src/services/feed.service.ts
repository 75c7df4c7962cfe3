/**
 * The change feed for platforms that keep their own copy of the banks.
 */
import { DEFAULT_CHANGES_LIMIT, type ChangesResponse } from '@aman/api';
import { DomainError } from '../errors.ts';
import type { Store } from '../repositories/store.ts';
import { toApiValue } from './signal-values.ts';

export class FeedService {
  constructor(private readonly deps: { readonly store: Store }) {}

  /** Changes after `cursor`, in order; pass the returned cursor back to read on. */
  async changes(query: {
    cursor?: string | undefined;
    limit?: number | undefined;
  }): Promise<ChangesResponse> {
    const after = Number(query.cursor ?? '0');
    const rows = await this.deps.store.readChanges(after, query.limit ?? DEFAULT_CHANGES_LIMIT);
    if (rows.length === 0 && after > 0 && after > (await this.deps.store.latestSeq())) {
      // A cursor from another server, or from before the database was restored from a backup.
      throw new DomainError(
        'invalid_cursor',
        'this cursor is ahead of the change feed: it was not issued by this bank; read again from cursor 0',
      );
    }
    return {
      changes: rows.map((row) => ({
        seq: row.seq,
        op: row.op,
        id: row.signalId,
        type: row.type,
        value: toApiValue(row.type, row.value),
        bank: row.bankName,
        at: row.at.toISOString(),
      })),
      cursor: String(rows.at(-1)?.seq ?? after),
    };
  }
}
