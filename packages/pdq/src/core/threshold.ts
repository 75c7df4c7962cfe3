import type { PdqHash } from './hash.ts';

/**
 * The median PDQ thresholds against: the 128th smallest of the 256 DCT values (`sorted[127]`),
 * which is what the reference's Torben selection returns for n = 256 (PDQ-SPEC 1.6).
 *
 * @example
 * dctMedian(Float32Array.from({ length: 256 }, (_, i) => i)); // 127
 */
export function dctMedian(dct16x16: Float32Array, scratch = new Float32Array(256)): number {
  scratch.set(dct16x16.subarray(0, 256));
  scratch.sort();
  return scratch[127]!;
}

/**
 * The hash of a 16x16 DCT block: bit 16·i + j is set iff B[i][j] > median (strictly), and the hex
 * text spells word 15 (DCT row 15) first, each word as 4 hex digits, bit j of word i = column j.
 *
 * @example
 * const hash = hashFromDct(dct64To16(buffer64x64));
 */
export function hashFromDct(dct16x16: Float32Array, scratch = new Float32Array(256)): PdqHash {
  const median = dctMedian(dct16x16, scratch);
  let hex = '';
  for (let i = 15; i >= 0; i--) {
    let word = 0;
    for (let j = 0; j < 16; j++) {
      if (dct16x16[i * 16 + j]! > median) word |= 1 << j;
    }
    hex += WORD_HEX[word];
  }
  return hex as PdqHash;
}

/** The all-zero hash the reference gives images under 5 pixels on a side. */
export const ZERO_PDQ_HASH = '0'.repeat(64) as PdqHash;

const WORD_HEX: readonly string[] = Array.from({ length: 65536 }, (_, w) =>
  w.toString(16).padStart(4, '0'),
);
