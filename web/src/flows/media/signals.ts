import { MAX_SIGNALS_PER_CASE_REQUEST, MIN_PDQ_QUALITY, type SignalSubmission } from '@aman/api';
import { formatVpdqCompact, type VpdqFeature } from '@aman/pdq';

/** A PDQ hash and its quality (0-100). */
export interface PdqHash {
  readonly pdq: string;
  readonly quality: number;
}

/**
 * What hashing one file on the device gives: for an image, its PDQ hash as stored and, when its
 * EXIF orientation rotates it, of the image as displayed (a platform that auto-rotates uploads
 * then still matches); for a video, its vPDQ frames and exact MD5 and SHA-256.
 */
export type MediaHashes =
  | { readonly kind: 'image'; readonly pdq: PdqHash; readonly oriented: PdqHash | null }
  | {
      readonly kind: 'video';
      readonly frames: readonly VpdqFeature[];
      readonly md5: string;
      readonly sha256: string;
      readonly durationSeconds: number;
    };

/**
 * The signals to send for one file's hashes: only hashes, never pixels. A PDQ hash below quality
 * 50 comes from an image too flat to be recognised (it would block unrelated images); it is left
 * out and `tooFlat` says so. A video's exact hashes always go, its frames when any is good enough.
 *
 * @example
 * signalsFor({ kind: 'image', pdq: { pdq: 'f8f8…', quality: 100 }, oriented: null });
 * // { signals: [{ type: 'pdq', value: 'f8f8…', quality: 100 }], tooFlat: false }
 */
export function signalsFor(hashes: MediaHashes): {
  signals: SignalSubmission[];
  tooFlat: boolean;
} {
  if (hashes.kind === 'image') {
    const candidates = [hashes.pdq];
    if (hashes.oriented !== null && hashes.oriented.pdq !== hashes.pdq.pdq) {
      candidates.push(hashes.oriented);
    }
    const good = candidates.filter((hash) => hash.quality >= MIN_PDQ_QUALITY);
    return {
      signals: good.map((hash) => ({ type: 'pdq', value: hash.pdq, quality: hash.quality })),
      tooFlat: good.length === 0,
    };
  }
  const signals: SignalSubmission[] = [];
  const usable = hashes.frames.some((frame) => frame.quality >= MIN_PDQ_QUALITY);
  if (usable) signals.push({ type: 'vpdq', value: hashes.frames.map(formatVpdqCompact) });
  signals.push({ type: 'md5', value: hashes.md5 }, { type: 'sha256', value: hashes.sha256 });
  return { signals, tooFlat: !usable };
}

/**
 * Splits signals into requests the API accepts (at most 100 signals each), without sending the
 * same hash twice (the same photo chosen twice, or two copies of one file).
 */
export function batchSignals(signals: readonly SignalSubmission[]): SignalSubmission[][] {
  const seen = new Set<string>();
  const unique = signals.filter((signal) => {
    const key = `${signal.type}:${JSON.stringify(signal.value)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const batches: SignalSubmission[][] = [];
  for (let start = 0; start < unique.length; start += MAX_SIGNALS_PER_CASE_REQUEST) {
    batches.push(unique.slice(start, start + MAX_SIGNALS_PER_CASE_REQUEST));
  }
  return batches;
}
