import type { IndicatorInput, ReportInput, ScamFamily } from '../../src/types.ts';

/** An indicator shaped like @aman/triage's (value = normalized unless given). */
export function ind(
  type: string,
  normalized: string,
  details: Partial<IndicatorInput> & Record<string, unknown> = {},
): IndicatorInput {
  return { type, value: normalized, normalized, valid: true, ...details };
}

/** A report; `day` counts days from Monday 2025-03-03. */
export function report(
  id: string,
  caseId: string,
  day: number,
  indicators: readonly IndicatorInput[],
  extra: { family?: ScamFamily | null; lureHashes?: readonly string[] } = {},
): ReportInput {
  return {
    id,
    caseId,
    receivedAt: new Date(Date.UTC(2025, 2, 3) + day * 86_400_000).toISOString(),
    family: extra.family === undefined ? 'webcam-blackmail' : extra.family,
    indicators,
    ...(extra.lureHashes === undefined ? {} : { lureHashes: extra.lureHashes }),
  };
}

/** A PDQ hash with `bits` bits flipped from `base`, starting at bit `from`. */
export function flipBits(base: string, bits: number, from = 0): string {
  const nibbles = base.split('').map((h) => Number.parseInt(h, 16));
  for (let bit = from; bit < from + bits; bit++) {
    nibbles[bit >> 2] = nibbles[bit >> 2]! ^ (1 << (bit & 3));
  }
  return nibbles.map((n) => n.toString(16)).join('');
}

export const LURE = 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22';
