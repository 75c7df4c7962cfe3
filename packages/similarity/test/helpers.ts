// Test data and an independent oracle for the similarity index tests.
import { readFileSync } from 'node:fs';
import { hammingDistanceBytes, parsePdqHash, pdqHashToBytes } from '@aman/pdq';
import type { Match } from '@aman/similarity';

/** A small seeded generator (mulberry32), so that failures reproduce. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
  };
}

export function randomHash(random: () => number): Uint8Array {
  const hash = new Uint8Array(32);
  for (let i = 0; i < 32; i++) hash[i] = Math.floor(random() * 256);
  return hash;
}

/** A copy of `hash` with exactly `bits` distinct bits flipped. */
export function flipBits(hash: Uint8Array, bits: number, random: () => number): Uint8Array {
  const copy = hash.slice();
  const positions = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0; i < bits; i++) {
    const j = i + Math.floor(random() * (256 - i));
    [positions[i], positions[j]] = [positions[j]!, positions[i]!];
    const bit = positions[i]!;
    copy[bit >>> 3]! ^= 0x80 >>> (bit & 7);
  }
  return copy;
}

/** The oracle: every entry of `bank` within `maxDistance`, by @aman/pdq's own distance. */
export function expectedMatches(
  bank: ReadonlyMap<number, Uint8Array>,
  query: Uint8Array,
  maxDistance: number,
): Match[] {
  const matches: Match[] = [];
  for (const [id, hash] of bank) {
    const distance = hammingDistanceBytes(hash, query);
    if (distance <= maxDistance) matches.push({ id, distance });
  }
  return matches.sort((a, b) => a.distance - b.distance || a.id - b.id);
}

/** Concatenates 32-byte hashes into rows, the layout `fromHashes` takes. */
export function rows(hashes: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(hashes.length * 32);
  hashes.forEach((hash, i) => bytes.set(hash, i * 32));
  return bytes;
}

const testdata = new URL('../../../testdata/pdq-reference/', import.meta.url);

/** Every 64-hex-digit PDQ hash at the start of a line or column of a test data file. */
export function realHashes(file: string): Uint8Array[] {
  const text = readFileSync(new URL(file, testdata), 'utf8');
  const hashes: Uint8Array[] = [];
  for (const token of text.split(/[\s,=]+/)) {
    const parsed = parsePdqHash(token);
    if (parsed.ok) hashes.push(pdqHashToBytes(parsed.value));
  }
  return hashes;
}

/** Parses `dihedral-cli.txt`: per image, its 8 dihedral hashes in DIHEDRAL_NAMES order. */
export function dihedralReference(): Map<string, Uint8Array[]> {
  const text = readFileSync(new URL('dihedral-cli.txt', testdata), 'utf8');
  const names = ['orig', 'rot90', 'rot180', 'rot270', 'flipx', 'flipy', 'flipp', 'flipm'];
  const result = new Map<string, Uint8Array[]>();
  for (const line of text.trim().split('\n')) {
    const fields = new Map(line.split(',').map((pair) => pair.split('=') as [string, string]));
    result.set(
      fields.get('filename')!,
      names.map((name) => {
        const parsed = parsePdqHash(fields.get(name));
        if (!parsed.ok) throw new Error(`bad ${name} in dihedral-cli.txt`);
        return pdqHashToBytes(parsed.value);
      }),
    );
  }
  return result;
}

/** `file -> full-resolution hash` from expected.tsv (the hashes the ecosystem publishes). */
export function referenceHashes(): Map<string, Uint8Array> {
  const text = readFileSync(new URL('expected.tsv', testdata), 'utf8');
  const result = new Map<string, Uint8Array>();
  for (const line of text.trim().split('\n').slice(1)) {
    const [file, , , fullres] = line.split('\t');
    const parsed = parsePdqHash(fullres);
    if (parsed.ok) result.set(file!, pdqHashToBytes(parsed.value));
  }
  return result;
}
