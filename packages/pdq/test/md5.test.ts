import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { md5Hex } from '../src/browser/md5.ts';

describe('md5Hex', () => {
  it('gives the RFC 1321 test-suite digests', () => {
    const text = (s: string): Uint8Array => new TextEncoder().encode(s);
    expect(md5Hex(text(''))).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5Hex(text('abc'))).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(md5Hex(text('message digest'))).toBe('f96b697d7cb7938d525a2f31aaf161d0');
    expect(
      md5Hex(
        text('12345678901234567890123456789012345678901234567890123456789012345678901234567890'),
      ),
    ).toBe('57edf4a22be3c955ac49da2e2107b67a');
  });

  it("equals Node's MD5 on any bytes, across block boundaries", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(md5Hex(bytes)).toBe(createHash('md5').update(bytes).digest('hex'));
      }),
      { numRuns: 300 },
    );
  });
});
