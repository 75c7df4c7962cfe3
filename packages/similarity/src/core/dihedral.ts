import { assertHash, assertMaxDistance } from './hash-bits.ts';
import { compareMatches, type Match, type SimilarityIndex } from './similarity-index.ts';

/** A match of any of several query hashes: the closest one, and which it was. */
export interface DihedralMatch extends Match {
  /** Index in the query hashes of the one closest to this match (lowest index on a tie). */
  readonly variant: number;
}

/**
 * Every indexed hash within `maxDistance` of any of `hashes`, typically the 8 dihedral hashes of
 * an upload (`computePdq(image, { dihedral: true }).dihedral` in @aman/pdq, in DIHEDRAL_NAMES
 * order), so that a rotated or mirrored copy of a banked image still matches. Each id is reported
 * once, with its smallest distance; nearest first, ties by id.
 *
 * @example
 * const { dihedral } = computePdq(image, { dihedral: true });
 * const matches = queryDihedral(index, dihedral!.map(pdqHashToBytes), PDQ_MATCH_THRESHOLD);
 * matches[0]; // { id: 42, distance: 6, variant: 1 }: banked image is the upload turned 90°
 */
export function queryDihedral(
  index: SimilarityIndex,
  hashes: readonly Uint8Array[],
  maxDistance: number,
): DihedralMatch[] {
  if (hashes.length < 1 || hashes.length > 8) {
    throw new RangeError(`expected 1 to 8 query hashes, got ${hashes.length}`);
  }
  hashes.forEach((hash, variant) => assertHash(hash, `hashes[${variant}]`));
  assertMaxDistance(maxDistance);
  const best = new Map<number, DihedralMatch>();
  hashes.forEach((hash, variant) => {
    // Symmetric images have repeated variants: the earlier copy already found the same matches.
    if (hashes.slice(0, variant).some((earlier) => sameBytes(earlier, hash))) return;
    for (const { id, distance } of index.query(hash, maxDistance)) {
      const known = best.get(id);
      if (known === undefined || distance < known.distance) best.set(id, { id, distance, variant });
    }
  });
  return [...best.values()].sort(compareMatches);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.every((byte, i) => byte === b[i]);
}
