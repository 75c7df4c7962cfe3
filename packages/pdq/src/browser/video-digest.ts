/**
 * MD5 and SHA-256 of a Blob, streamed chunk by chunk, so that a video larger than memory can be
 * digested in the browser (WebCrypto has no MD5 and no streaming digest).
 */
import { md5 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

export interface BlobDigests {
  readonly md5: string;
  readonly sha256: string;
}

/**
 * Reads `blob` once and returns both digests as lowercase hex.
 *
 * @example
 * const { md5, sha256 } = await digestBlob(file);
 */
export async function digestBlob(blob: Blob, signal?: AbortSignal): Promise<BlobDigests> {
  const md5State = md5.create();
  const sha256State = sha256.create();
  const reader = blob.stream().getReader();
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      md5State.update(value);
      sha256State.update(value);
    }
  } finally {
    reader.releaseLock();
  }
  return { md5: bytesToHex(md5State.digest()), sha256: bytesToHex(sha256State.digest()) };
}
