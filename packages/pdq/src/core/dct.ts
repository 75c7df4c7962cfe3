/**
 * The 64x64 → 16x16 DCT of PDQ (PDQ-SPEC 1.5): `B = D · A · Dᵀ` with D the 16x64 DCT-II matrix
 * without its DC row. Both products accumulate in float32, strictly in order k = 0..63, each
 * product rounded before it is added (the reference has no FMA and no reassociation).
 */

/**
 * D[i][j] = float32(s · cos((π/2/64)·(i+1)·(2j+1))), s = float32(sqrt(2/64)), computed in double
 * and rounded once, as the reference does. V8's Math.cos reproduces glibc's 1024 entries exactly.
 */
export const DCT_MATRIX: Float32Array = (() => {
  const matrix = new Float32Array(16 * 64);
  const scale = Math.fround(Math.sqrt(2 / 64));
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 64; j++) {
      matrix[i * 64 + j] = scale * Math.cos((Math.PI / 2 / 64) * (i + 1) * (2 * j + 1));
    }
  }
  return matrix;
})();

/**
 * Computes the 16x16 DCT block (row-major, row i = vertical frequency i+1) of a 64x64 buffer.
 * `scratch` holds the intermediate 16x64 product; pass one to avoid allocating.
 *
 * @example
 * const dct = dct64To16(buffer64x64); // Float32Array(256)
 */
export function dct64To16(
  input: Float32Array,
  out: Float32Array = new Float32Array(256),
  scratch: Float32Array = new Float32Array(16 * 64),
): Float32Array {
  const D = DCT_MATRIX;
  // T = D · A: T[i][j] = Σk D[i][k] · A[k][j].
  for (let i = 0; i < 16; i++) {
    const d = i * 64;
    for (let j = 0; j < 64; j++) {
      let sum = 0;
      for (let k = 0; k < 64; k++)
        sum = Math.fround(sum + Math.fround(D[d + k]! * input[k * 64 + j]!));
      scratch[d + j] = sum;
    }
  }
  // B = T · Dᵀ: B[i][j] = Σk T[i][k] · D[j][k].
  for (let i = 0; i < 16; i++) {
    const t = i * 64;
    for (let j = 0; j < 16; j++) {
      const d = j * 64;
      let sum = 0;
      for (let k = 0; k < 64; k++)
        sum = Math.fround(sum + Math.fround(scratch[t + k]! * D[d + k]!));
      out[i * 16 + j] = sum;
    }
  }
  return out;
}
