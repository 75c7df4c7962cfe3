import { availableParallelism } from 'node:os';
import { createPdqHasher } from '@aman/pdq';
import sharp from 'sharp';
import { hashFile } from './hash-file.ts';
import { HashPool } from './pool.ts';
import type { FileRecord, HashFileOptions } from './records.ts';
import type { WalkEntry } from './walk.ts';

export interface RunOptions extends HashFileOptions {
  /** Worker threads; 1 hashes in the calling thread. */
  readonly jobs: number;
}

/** The default number of worker threads: one per core, at most 8. */
export function defaultJobs(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

/**
 * Hashes every entry, several at a time on worker threads, and calls `onRecord` for each in the
 * order of `entries` (a slow file holds back the lines after it, not the work).
 *
 * @example
 * await hashEntries(await expandPaths(['photos/']), { dihedral: false, maxPixels: 1e8, jobs: 4 }, print);
 */
export async function hashEntries(
  entries: readonly WalkEntry[],
  options: RunOptions,
  onRecord: (record: FileRecord) => void,
  signal?: AbortSignal,
): Promise<void> {
  const fileOptions: HashFileOptions = {
    dihedral: options.dihedral,
    maxPixels: options.maxPixels,
    video: options.video,
  };
  const files = entries.filter((entry) => !('error' in entry)).length;
  const jobs = Math.min(options.jobs, files);
  let hash: (path: string) => Promise<FileRecord>;
  let pool: HashPool | undefined;
  if (jobs <= 1) {
    sharp.cache(false);
    const hasher = createPdqHasher();
    hash = (path) => hashFile(path, fileOptions, hasher);
  } else {
    // Loading sharp in the main thread first avoids a crash at exit when only workers load it.
    sharp.cache(false);
    const workers = new HashPool(jobs);
    pool = workers;
    hash = (path) => workers.hash(path, fileOptions);
  }

  const results: Array<FileRecord | undefined> = new Array<FileRecord | undefined>(entries.length);
  let next = 0;
  const flush = (): void => {
    while (next < entries.length && results[next] !== undefined) {
      onRecord(results[next]!);
      results[next] = undefined;
      next++;
    }
  };
  // At most 2 files per worker in flight: enough to keep them busy, little memory held.
  const window = Math.max(1, jobs) * 2;
  let started = 0;
  try {
    await new Promise<void>((resolve) => {
      let running = 0;
      const start = (): void => {
        while (running < window && started < entries.length && signal?.aborted !== true) {
          const index = started++;
          const entry = entries[index]!;
          if ('error' in entry) {
            results[index] = { path: entry.path, error: entry.error };
            continue;
          }
          running++;
          void hash(entry.path).then((record) => {
            results[index] = record;
            running--;
            flush();
            start();
            if (running === 0 && (started === entries.length || signal?.aborted === true))
              resolve();
          });
        }
        flush();
        if (running === 0 && (started === entries.length || signal?.aborted === true)) resolve();
      };
      start();
    });
  } finally {
    await pool?.close();
  }
}
