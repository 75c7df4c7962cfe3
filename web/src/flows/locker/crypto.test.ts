import { describe, expect, it } from 'vitest';
import {
  DEFAULT_KDF,
  deriveEvidenceKey,
  open,
  seal,
  sealedParams,
  type KdfParams,
} from './crypto.ts';

// Small parameters keep the suite fast; one test runs the real ones.
const FAST: KdfParams = { memorySize: 1024, iterations: 1, parallelism: 1 };
const CASE = '7KQM-4XZD-9H2P-R3TA';
const PIN = '12345-67890';
const secret = new TextEncoder().encode('Send 500 EUR by Western Union or I post the video');

describe('evidence encryption', () => {
  it('opens what it sealed, with the same case number and PIN', async () => {
    const key = await deriveEvidenceKey(CASE, PIN, FAST);
    const sealed = await seal(key, secret);
    const again = await deriveEvidenceKey(CASE, PIN, FAST);
    expect(await open(again, sealed)).toEqual({ ok: true, value: secret });
  });

  it('never contains the plaintext, and seals the same content differently each time', async () => {
    const key = await deriveEvidenceKey(CASE, PIN, FAST);
    const first = await seal(key, secret);
    const second = await seal(key, secret);
    const text = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes);
    expect(text(first)).not.toContain('Western Union');
    expect(text(first)).not.toContain('video');
    expect(first).not.toEqual(second);
    expect(first.length).toBe(secret.length + 11 + 12 + 16);
  });

  it('refuses a wrong PIN, another case and any altered byte', async () => {
    const sealed = await seal(await deriveEvidenceKey(CASE, PIN, FAST), secret);
    const wrongPin = await deriveEvidenceKey(CASE, '12345-67891', FAST);
    expect(await open(wrongPin, sealed)).toEqual({ ok: false, error: 'wrong-key' });
    const otherCase = await deriveEvidenceKey('7KQM-4XZD-9H2P-R3TB', PIN, FAST);
    expect(await open(otherCase, sealed)).toEqual({ ok: false, error: 'wrong-key' });
    const key = await deriveEvidenceKey(CASE, PIN, FAST);
    for (const index of [30, sealed.length - 1]) {
      const altered = sealed.slice();
      altered[index] = (altered[index] ?? 0) ^ 1;
      expect(await open(key, altered)).toEqual({ ok: false, error: 'wrong-key' });
    }
    expect(await open(key, new Uint8Array(40))).toEqual({ ok: false, error: 'not-sealed' });
  });

  it('records the key derivation parameters in each item, by default argon2id with 64 MiB', async () => {
    const key = await deriveEvidenceKey(CASE, PIN);
    expect(key.params).toEqual(DEFAULT_KDF);
    expect(DEFAULT_KDF.memorySize).toBeGreaterThanOrEqual(64 * 1024);
    expect(sealedParams(await seal(key, secret))).toEqual(DEFAULT_KDF);
  });
});
