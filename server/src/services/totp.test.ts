import { describe, expect, it } from 'vitest';
import { fromBase32, hotp, toBase32, totp, totpUri, verifyTotp } from './totp.ts';

// RFC 6238 appendix B: the seeds are the ASCII digits 1234567890 repeated to the hash's key size.
const seed = (length: number) => Buffer.from('1234567890'.repeat(7).slice(0, length), 'ascii');
const SEEDS = { sha1: seed(20), sha256: seed(32), sha512: seed(64) } as const;

const RFC_6238_VECTORS: ReadonlyArray<{
  time: number;
  sha1: string;
  sha256: string;
  sha512: string;
}> = [
  { time: 59, sha1: '94287082', sha256: '46119246', sha512: '90693936' },
  { time: 1_111_111_109, sha1: '07081804', sha256: '68084774', sha512: '25091201' },
  { time: 1_111_111_111, sha1: '14050471', sha256: '67062674', sha512: '99943326' },
  { time: 1_234_567_890, sha1: '89005924', sha256: '91819424', sha512: '93441116' },
  { time: 2_000_000_000, sha1: '69279037', sha256: '90698825', sha512: '38618901' },
  { time: 20_000_000_000, sha1: '65353130', sha256: '77737706', sha512: '47863826' },
];

describe('TOTP (RFC 6238)', () => {
  it.each(RFC_6238_VECTORS)('gives the RFC 6238 codes at T = $time', (vector) => {
    for (const algorithm of ['sha1', 'sha256', 'sha512'] as const) {
      expect(totp(SEEDS[algorithm], new Date(vector.time * 1000), { digits: 8, algorithm })).toBe(
        vector[algorithm],
      );
    }
  });

  it('gives the RFC 4226 HOTP codes for counters 0 to 9', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expect(expected.map((_, counter) => hotp(SEEDS.sha1, counter))).toEqual(expected);
  });

  it('accepts the codes of the previous, current and next step only, and says which step', () => {
    const at = new Date(1_234_567_890_000);
    const step = Math.floor(1_234_567_890 / 30);
    for (const delta of [-1, 0, 1]) {
      const code = totp(SEEDS.sha1, new Date(at.getTime() + delta * 30_000));
      expect(verifyTotp(SEEDS.sha1, code, at)).toBe(step + delta);
    }
    expect(verifyTotp(SEEDS.sha1, totp(SEEDS.sha1, new Date(at.getTime() + 90_000)), at)).toBe(
      undefined,
    );
    expect(verifyTotp(SEEDS.sha1, '12345', at)).toBe(undefined);
    expect(verifyTotp(SEEDS.sha1, 'abcdef', at)).toBe(undefined);
  });

  it('round-trips base32 (RFC 4648 test vectors) and builds otpauth URIs', () => {
    expect(toBase32(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(toBase32(Buffer.from('f'))).toBe('MY');
    expect(fromBase32('mzxw 6ytb oi==')?.toString()).toBe('foobar');
    expect(fromBase32('0189')).toBe(undefined);
    const uri = new URL(totpUri('MZXW6YTBOI', 'amina b'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe('MZXW6YTBOI');
    expect(uri.searchParams.get('issuer')).toBe('Aman');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Aman:amina b');
  });
});
