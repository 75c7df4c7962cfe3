/**
 * PDQ's image-domain quality (PDQ-SPEC 1.4), on the 64x64 buffer before the DCT: the sum of the
 * absolute, truncated, float32 `((u − v) · 100) / 255` over all vertically and horizontally
 * adjacent pairs, integer-divided by 90 and capped at 100. Flat images score 0.
 *
 * @example
 * pdqQuality(new Float32Array(4096)); // 0
 */
export function pdqQuality(buffer64x64: Float32Array): number {
  let gradientSum = 0;
  for (let i = 0; i < 63; i++) {
    for (let j = 0; j < 64; j++) {
      gradientSum += gradientStep(buffer64x64[i * 64 + j]!, buffer64x64[(i + 1) * 64 + j]!);
    }
  }
  for (let i = 0; i < 64; i++) {
    for (let j = 0; j < 63; j++) {
      gradientSum += gradientStep(buffer64x64[i * 64 + j]!, buffer64x64[i * 64 + j + 1]!);
    }
  }
  return qualityFromGradientSum(gradientSum);
}

/**
 * The quality from the sum of gradient steps: integer-divided by 90, capped at 100.
 *
 * @example
 * qualityFromGradientSum(4500); // 50
 */
export function qualityFromGradientSum(gradientSum: number): number {
  return Math.min(100, Math.floor(gradientSum / 90));
}

function gradientStep(u: number, v: number): number {
  const d = Math.fround(Math.fround(Math.fround(u - v) * 100) / 255);
  return Math.abs(Math.trunc(d));
}
