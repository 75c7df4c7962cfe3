import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  hammingDistance,
  hammingDistanceBytes,
  parsePdqHash,
  pdqHashFromBytes,
  pdqHashToBytes,
  popcount32,
  type PdqHash,
} from './hash.ts';

const bridge = 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22';
const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 });

describe('parsePdqHash', () => {
  it('accepts 64 hex digits and lower-cases them', () => {
    expect(parsePdqHash(bridge.toUpperCase())).toEqual({ ok: true, value: bridge });
  });

  it.each([
    [bridge.slice(1), 'pdq_wrong_length'],
    [`${bridge}0`, 'pdq_wrong_length'],
    [`${bridge.slice(0, 63)}g`, 'pdq_not_hex'],
    [` ${bridge.slice(1)}`, 'pdq_not_hex'],
    [42, 'pdq_not_a_string'],
    [null, 'pdq_not_a_string'],
  ])('refuses %j with %s', (input, code) => {
    const parsed = parsePdqHash(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.code).toBe(code);
  });

  it('never throws, whatever the input', () => {
    fc.assert(fc.property(fc.anything(), (input) => typeof parsePdqHash(input).ok === 'boolean'));
  });
});

describe('bytes and distance', () => {
  it('round-trips bytes through hex in Buffer order', () => {
    fc.assert(
      fc.property(bytes32, (bytes) => {
        const hash = pdqHashFromBytes(bytes);
        expect(hash).toBe(Buffer.from(bytes).toString('hex'));
        expect(pdqHashToBytes(hash)).toEqual(bytes);
      }),
    );
  });

  it('counts differing bits, on hex and on bytes alike', () => {
    fc.assert(
      fc.property(bytes32, bytes32, (a, b) => {
        let expected = 0;
        for (let i = 0; i < 32; i++)
          expected += [...(a[i]! ^ b[i]!).toString(2)].filter((c) => c === '1').length;
        expect(hammingDistanceBytes(a, b)).toBe(expected);
        expect(hammingDistance(pdqHashFromBytes(a), pdqHashFromBytes(b))).toBe(expected);
      }),
    );
  });

  it('gives 256 between a hash and its complement', () => {
    const zeros = '0'.repeat(64) as PdqHash;
    const ones = 'f'.repeat(64) as PdqHash;
    expect(hammingDistance(zeros, ones)).toBe(256);
    expect(popcount32(0xffffffff)).toBe(32);
  });
});
