import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CipherError, EnvelopeCipher, isFieldCiphertext } from './field-cipher.ts';
import { Keyring, newDataKey } from './keyring.ts';

const keyring = Keyring.generate();
const cipher = new EnvelopeCipher(keyring);

describe('EnvelopeCipher', () => {
  it('round-trips text and bytes, and never shows the plaintext', () => {
    const text = 'Tu as 24 h pour payer, sinon la vidéo part — أمامك 24 ساعة';
    const sealed = cipher.encrypt(text, 'report:1:text');
    expect(isFieldCiphertext(sealed)).toBe(true);
    expect(sealed).not.toContain('vidéo');
    expect(Buffer.from(sealed.slice(8), 'base64url').toString('latin1')).not.toContain('24 h');
    expect(cipher.decrypt(sealed, 'report:1:text')).toBe(text);
    // A fresh data key and IV every time: equal plaintexts do not give equal ciphertexts.
    expect(cipher.encrypt(text, 'report:1:text')).not.toBe(sealed);

    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    const sealedBytes = cipher.encryptBytes(bytes, 'evidence:1:x');
    expect(cipher.decryptBytes(sealedBytes, 'evidence:1:x')).toEqual(Buffer.from(bytes));
    expect(cipher.keyIdOf(sealedBytes)).toBe(keyring.activeId);
    expect(cipher.keyIdOf(sealed)).toBe(keyring.activeId);
  });

  it('refuses a ciphertext moved to another row or column (the context is authenticated)', () => {
    const sealed = cipher.encrypt('note for case 1', 'note:1:body');
    expect(() => cipher.decrypt(sealed, 'note:2:body')).toThrow(CipherError);
    expect(() => cipher.decrypt(sealed, 'note:1:title')).toThrow(/another row or column/);
  });

  it('detects any changed byte', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (text, position, flip) => {
          const sealed = cipher.encryptBytes(Buffer.from(text), 'ctx');
          const index = position % sealed.length;
          sealed[index]! ^= flip;
          expect(() => cipher.decryptBytes(sealed, 'ctx')).toThrow(CipherError);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('round-trips any text under any context', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string(), (text, context) => {
        expect(cipher.decrypt(cipher.encrypt(text, context), context)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('says clearly when a value is not a ciphertext or its key is missing', () => {
    expect(() => cipher.decrypt('hello', 'x')).toThrow(/not an Aman ciphertext/);
    expect(() => cipher.decryptBytes(Buffer.from('AMEN\x01\x02kk'), 'x')).toThrow(/truncated/);
    const other = new EnvelopeCipher(Keyring.generate());
    const sealed = other.encrypt('secret', 'x');
    expect(() => cipher.decrypt(sealed, 'x')).toThrow(
      expect.objectContaining({ reason: 'unknown_key' }),
    );
  });

  it('re-wraps under a new key without the context; the value still opens where it belongs', () => {
    const local = new EnvelopeCipher(keyring);
    const text = local.encrypt('evidence label', 'evidence:9:meta');
    const bytes = local.encryptBytes(Buffer.from('sealed item'), 'evidence:9:sealed');
    expect(local.rewrap(text)).toBeUndefined();

    const rotated = keyring.withActive(newDataKey());
    local.useKeyring(rotated);
    const newText = local.rewrap(text)!;
    const newBytes = local.rewrap(bytes)!;
    expect(local.keyIdOf(newText)).toBe(rotated.activeId);
    expect(local.keyIdOf(newBytes)).toBe(rotated.activeId);
    expect(local.rewrap(newText)).toBeUndefined();

    // Only the new key is needed now.
    const newOnly = new EnvelopeCipher(rotated.without(keyring.activeId));
    expect(newOnly.decrypt(newText, 'evidence:9:meta')).toBe('evidence label');
    expect(newOnly.decryptBytes(newBytes, 'evidence:9:sealed').toString()).toBe('sealed item');
    expect(() => newOnly.decrypt(newText, 'evidence:8:meta')).toThrow(CipherError);
    expect(() => newOnly.decrypt(text, 'evidence:9:meta')).toThrow(/not in the keyring/);
  });
});
