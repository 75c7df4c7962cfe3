/**
 * Test data: random hashes and hashes at a known Hamming distance from another.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseVpdqLines, type VpdqFrame } from '@aman/pdq';

/** A random PDQ hash (64 hex digits). */
export function randomPdq(): string {
  return randomBytes(32).toString('hex');
}

/** `hash` with exactly `bits` bits flipped (the first `bits` bit positions of a shuffled order). */
export function flipBits(hash: string, bits: number): string {
  const bytes = Buffer.from(hash, 'hex');
  const positions = [...Array(256).keys()].sort(() => Math.random() - 0.5).slice(0, bits);
  for (const position of positions) bytes[position >> 3]! ^= 1 << (position & 7);
  return bytes.toString('hex');
}

export function randomMd5(): string {
  return createHash('md5').update(randomBytes(16)).digest('hex');
}

export function randomSha256(): string {
  return createHash('sha256').update(randomBytes(16)).digest('hex');
}

const vpdqDir = fileURLToPath(
  new URL('../../../testdata/pdq-reference/upstream/vpdq-sample-hashes/', import.meta.url),
);

/** Upstream's vPDQ output for one of its sample videos (testdata/pdq-reference). */
export function upstreamVpdq(name: string): VpdqFrame[] {
  const parsed = parseVpdqLines(readFileSync(`${vpdqDir}${name}`, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}
