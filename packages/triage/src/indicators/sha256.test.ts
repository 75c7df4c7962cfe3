import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { sha256 } from './sha256.ts';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('sha256', () => {
  it('gives the FIPS 180-4 digests of the standard test messages', () => {
    const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
    expect(hex(sha256(ascii('')))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(hex(sha256(ascii('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hex(sha256(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('matches @noble/hashes on every length from 0 to 300 bytes, block edges included', () => {
    let seed = 1;
    for (let length = 0; length <= 300; length++) {
      const message = new Uint8Array(length);
      for (let i = 0; i < length; i++) {
        seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
        message[i] = seed >>> 24;
      }
      expect(hex(sha256(message))).toBe(hex(nobleSha256(message)));
      expect(hex(sha256(sha256(message)))).toBe(hex(nobleSha256(nobleSha256(message))));
    }
  });
});
