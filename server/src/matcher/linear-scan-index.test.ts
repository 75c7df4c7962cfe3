import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hammingDistanceBytes } from '@aman/pdq';
import { LinearScanIndex } from './linear-scan-index.ts';

const hash = fc.uint8Array({ minLength: 32, maxLength: 32 });

describe('LinearScanIndex', () => {
  it('finds exactly the entries within the distance, after any adds and removes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), hash), { maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 30 }),
        hash,
        fc.integer({ min: 0, max: 256 }),
        (adds, removes, query, maxDistance) => {
          const index = new LinearScanIndex();
          const expected = new Map<number, Uint8Array>();
          for (const [id, bytes] of adds) {
            index.add(id, bytes);
            expected.set(id, bytes);
          }
          for (const id of removes) {
            index.remove(id);
            expected.delete(id);
          }
          expect(index.size).toBe(expected.size);
          const want = [...expected]
            .map(([id, bytes]) => ({ id, distance: hammingDistanceBytes(query, bytes) }))
            .filter((hit) => hit.distance <= maxDistance)
            .sort((a, b) => a.id - b.id);
          const got = index.query(query, maxDistance).sort((a, b) => a.id - b.id);
          expect(got).toEqual(want);
        },
      ),
    );
  });

  it('grows past its first allocation', () => {
    const index = new LinearScanIndex();
    const bytes = new Uint8Array(32);
    for (let id = 0; id < 5000; id++) {
      bytes[0] = id & 255;
      bytes[1] = id >> 8;
      index.add(id, bytes);
    }
    expect(index.size).toBe(5000);
    bytes[0] = 4999 & 255;
    bytes[1] = 4999 >> 8;
    expect(index.query(bytes, 0)).toEqual([{ id: 4999, distance: 0 }]);
  });

  it('refuses a hash that is not 32 bytes', () => {
    expect(() => new LinearScanIndex().add(1, new Uint8Array(31))).toThrow(RangeError);
  });
});
