/**
 * Encryption at rest of what victims write and keep (report texts, evidence, notes): envelope
 * encryption with AES-256-GCM under keys the database does not hold (see keyring.ts).
 *
 * Each value gets its own random data key (DEK), which encrypts the value; the DEK is wrapped by
 * the keyring's active key (KEK). The `context` (e.g. `report:42:text`) is authenticated with the
 * value, so a ciphertext copied into another row or column fails to decrypt instead of showing
 * one victim's words on another's case. Rotation re-wraps the DEK under the new KEK.
 *
 * Binary form, version 1 (strings carry it as `aman:v1:` + base64url):
 *
 * | bytes | what                                                |
 * | ----- | --------------------------------------------------- |
 * | 4     | "AMEN" (Aman ENvelope)                              |
 * | 1     | version, 1                                          |
 * | 1 + n | length of the key id, then the id (ASCII)           |
 * | 60    | wrapped DEK: IV (12), DEK under the KEK (32), tag (16) |
 * | 12    | IV of the value                                     |
 * | m     | the value, encrypted                                |
 * | 16    | its GCM tag                                         |
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KEY_BYTES, type Keyring } from './keyring.ts';

/**
 * Encrypts and decrypts text fields. `context` names where the value lives (table, row, column):
 * decrypting with another context fails.
 *
 * @example
 * const stored = cipher.encrypt('the message they sent', `report:${id}:text`);
 * cipher.decrypt(stored, `report:${id}:text`); // 'the message they sent'
 */
export interface FieldCipher {
  encrypt(plaintext: string, context: string): string;
  decrypt(ciphertext: string, context: string): string;
}

/** The same envelope over bytes (evidence items, up to tens of MiB). */
export interface BytesCipher {
  encryptBytes(plaintext: Uint8Array, context: string): Buffer;
  decryptBytes(ciphertext: Uint8Array, context: string): Buffer;
}

/** What the services get: text and bytes. */
export type DataCipher = FieldCipher & BytesCipher;

/** A ciphertext could not be opened: damaged, moved to another row, or under an unknown key. */
export class CipherError extends Error {
  constructor(
    readonly reason: 'malformed' | 'unknown_key' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'CipherError';
  }
}

const MAGIC = Buffer.from('AMEN', 'ascii');
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const WRAPPED_BYTES = IV_BYTES + KEY_BYTES + TAG_BYTES;
const TEXT_PREFIX = 'aman:v1:';

/**
 * The node:crypto implementation over a keyring.
 *
 * @example
 * const cipher = new EnvelopeCipher(Keyring.generate());
 * const sealed = cipher.encryptBytes(new Uint8Array([1, 2, 3]), 'evidence:abc');
 * cipher.keyIdOf(sealed); // the active key's id
 */
export class EnvelopeCipher implements DataCipher {
  constructor(private keyring: Keyring) {}

  /** The keyring in use; `useKeyring` swaps it (after a rotation, in the process that rotated). */
  get keys(): Keyring {
    return this.keyring;
  }

  useKeyring(keyring: Keyring): void {
    this.keyring = keyring;
  }

  encrypt(plaintext: string, context: string): string {
    return (
      TEXT_PREFIX + this.encryptBytes(Buffer.from(plaintext, 'utf8'), context).toString('base64url')
    );
  }

  decrypt(ciphertext: string, context: string): string {
    return this.decryptBytes(textToBytes(ciphertext), context).toString('utf8');
  }

  encryptBytes(plaintext: Uint8Array, context: string): Buffer {
    const kek = this.keyring.active;
    const dek = randomBytes(KEY_BYTES);
    try {
      const kid = Buffer.from(kek.id, 'ascii');
      const wrapped = seal(kek.key, dek, wrapAad(kek.id));
      const dataIv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', dek, dataIv);
      cipher.setAAD(dataAad(context));
      const body = cipher.update(plaintext);
      const final = cipher.final();
      return Buffer.concat([
        MAGIC,
        Buffer.of(VERSION, kid.length),
        kid,
        wrapped,
        dataIv,
        body,
        final,
        cipher.getAuthTag(),
      ]);
    } finally {
      dek.fill(0);
    }
  }

  decryptBytes(ciphertext: Uint8Array, context: string): Buffer {
    const parts = parse(ciphertext);
    const kek = this.keyring.get(parts.keyId);
    if (kek === undefined) {
      throw new CipherError(
        'unknown_key',
        `this value was encrypted with key "${parts.keyId}", which is not in the keyring`,
      );
    }
    const dek = open(kek.key, parts.wrapped, wrapAad(parts.keyId));
    try {
      return open(dek, parts.data, dataAad(context));
    } finally {
      dek.fill(0);
    }
  }

  /** The id of the key that sealed `ciphertext` (text or bytes form). */
  keyIdOf(ciphertext: string | Uint8Array): string {
    return parse(envelopeBytes(ciphertext)).keyId;
  }

  /**
   * The same value with its data key re-wrapped under the active key, or `undefined` when it is
   * already under it. The value itself is not re-encrypted: its context is not needed.
   */
  rewrap<T extends string | Uint8Array>(ciphertext: T): T | undefined {
    const parts = parse(envelopeBytes(ciphertext));
    const kek = this.keyring.active;
    if (parts.keyId === kek.id) return undefined;
    const old = this.keyring.get(parts.keyId);
    if (old === undefined) {
      throw new CipherError(
        'unknown_key',
        `a value is under key "${parts.keyId}", which is not in the keyring`,
      );
    }
    const dek = open(old.key, parts.wrapped, wrapAad(parts.keyId));
    try {
      const kid = Buffer.from(kek.id, 'ascii');
      const rewrapped = Buffer.concat([
        MAGIC,
        Buffer.of(VERSION, kid.length),
        kid,
        seal(kek.key, dek, wrapAad(kek.id)),
        parts.data,
      ]);
      return (
        typeof ciphertext === 'string' ? TEXT_PREFIX + rewrapped.toString('base64url') : rewrapped
      ) as T;
    } finally {
      dek.fill(0);
    }
  }
}

/** True when `value` looks like this module's text form (for checks and tests). */
export function isFieldCiphertext(value: string): boolean {
  return value.startsWith(TEXT_PREFIX);
}

function wrapAad(keyId: string): Buffer {
  return Buffer.from(`aman-dek|v1|${keyId}`, 'utf8');
}

function dataAad(context: string): Buffer {
  return Buffer.from(`aman-data|v1|${context}`, 'utf8');
}

/** IV ‖ ciphertext ‖ tag. */
function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  return Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

function open(key: Buffer, sealed: Uint8Array, aad: Buffer): Buffer {
  const iv = sealed.subarray(0, IV_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([
      decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new CipherError(
      'failed',
      'the value does not decrypt: it was changed, or it belongs to another row or column',
    );
  }
}

function envelopeBytes(value: string | Uint8Array): Uint8Array {
  return typeof value === 'string' ? textToBytes(value) : value;
}

function textToBytes(text: string): Buffer {
  if (!text.startsWith(TEXT_PREFIX)) throw new CipherError('malformed', 'not an Aman ciphertext');
  return Buffer.from(text.slice(TEXT_PREFIX.length), 'base64url');
}

function parse(bytes: Uint8Array): { keyId: string; wrapped: Uint8Array; data: Uint8Array } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = MAGIC.length + 2;
  if (buffer.length < header || !buffer.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new CipherError('malformed', 'not an Aman ciphertext');
  }
  if (buffer[MAGIC.length] !== VERSION) {
    throw new CipherError('malformed', `unknown ciphertext version ${buffer[MAGIC.length]}`);
  }
  const kidLength = buffer[MAGIC.length + 1]!;
  const wrappedAt = header + kidLength;
  const dataAt = wrappedAt + WRAPPED_BYTES;
  if (kidLength === 0 || buffer.length < dataAt + IV_BYTES + TAG_BYTES) {
    throw new CipherError('malformed', 'the ciphertext is truncated');
  }
  return {
    keyId: buffer.subarray(header, wrappedAt).toString('ascii'),
    wrapped: buffer.subarray(wrappedAt, dataAt),
    data: buffer.subarray(dataAt),
  };
}
