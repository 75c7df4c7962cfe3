/**
 * MD5 and SHA-256 of a file, streamed (a video can be larger than memory). StopNCII exchanges
 * video MD5s; SHA-256 is the exact-match hash Aman stores beside the perceptual one.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export interface FileDigests {
  /** 32 lowercase hex digits. */
  readonly md5: string;
  /** 64 lowercase hex digits. */
  readonly sha256: string;
  /** Bytes read. */
  readonly size: number;
}

/**
 * Reads `path` once and returns both digests. Rejects with the file system's error (ENOENT, EISDIR…).
 *
 * @example
 * const { md5, sha256 } = await digestFile('clip.mp4');
 */
export async function digestFile(path: string, signal?: AbortSignal): Promise<FileDigests> {
  const md5 = createHash('md5');
  const sha256 = createHash('sha256');
  let size = 0;
  const stream = createReadStream(path, { highWaterMark: 1 << 20, ...(signal ? { signal } : {}) });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    md5.update(chunk);
    sha256.update(chunk);
    size += chunk.length;
  }
  return { md5: md5.digest('hex'), sha256: sha256.digest('hex'), size };
}
