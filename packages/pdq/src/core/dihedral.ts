/**
 * The 8 dihedral variants of a PDQ hash, derived from the one 16x16 DCT block without re-hashing
 * (PDQ-SPEC 1.7): a reflection flips the sign of the odd-frequency basis functions (even 0-based
 * index), and a transpose swaps the block's axes. Each variant thresholds at its own median.
 *
 * They approximate, but do not equal, the hash of an actually rotated image (0 to 8 bits apart):
 * use them for matching, not as canonical hashes.
 */

/** The variants, in the order (and with the labels) of the reference CLI's `--pdqdih`. */
export const DIHEDRAL_NAMES = [
  'orig',
  'rot90',
  'rot180',
  'rot270',
  'flipx',
  'flipy',
  'flipp',
  'flipm',
] as const;
export type DihedralName = (typeof DIHEDRAL_NAMES)[number];

/**
 * Writes into `out` the DCT block of dihedral variant `variant` (an index in DIHEDRAL_NAMES).
 *
 * @example
 * const rotated = dihedralDct(dct, 1); // rot90: 90° counter-clockwise
 */
export function dihedralDct(
  dct16x16: Float32Array,
  variant: number,
  out: Float32Array = new Float32Array(256),
): Float32Array {
  for (let i = 0; i < 16; i++) {
    const iOdd = (i & 1) === 1;
    for (let j = 0; j < 16; j++) {
      const a = dct16x16[i * 16 + j]!;
      const jOdd = (j & 1) === 1;
      const sumOdd = iOdd !== jOdd;
      switch (variant) {
        case 0: // Original
          out[i * 16 + j] = a;
          break;
        case 1: // Rotate90
          out[j * 16 + i] = jOdd ? a : -a;
          break;
        case 2: // Rotate180
          out[i * 16 + j] = sumOdd ? -a : a;
          break;
        case 3: // Rotate270
          out[j * 16 + i] = iOdd ? a : -a;
          break;
        case 4: // FlipX: top and bottom swap
          out[i * 16 + j] = iOdd ? a : -a;
          break;
        case 5: // FlipY: left and right swap
          out[i * 16 + j] = jOdd ? a : -a;
          break;
        case 6: // FlipPlus1: transpose
          out[j * 16 + i] = a;
          break;
        case 7: // FlipMinus1: anti-transpose
          out[j * 16 + i] = sumOdd ? -a : a;
          break;
        default:
          throw new RangeError(`dihedral variant must be 0 to 7, got ${variant}`);
      }
    }
  }
  return out;
}
