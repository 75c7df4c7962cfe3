/**
 * The cryptography of consent shares, in Web Crypto (browsers and Node alike), so that a case a
 * victim shares can be read by the helpline's members and by nobody else, the Aman server included.
 * docs/CONSENT.md explains the design; in short:
 *
 * - Each helpline member has an ECDH P-256 key pair, made in their browser at setup. The private
 *   key is sealed there with AES-256-GCM under argon2id(password, random salt); the server keeps the
 *   public key and the sealed private key, never the password.
 * - The victim's browser encrypts what it shares (JSON) with a fresh AES-256-GCM key K, and wraps K
 *   for each member: an ephemeral P-256 key pair, ECDH with the member's public key, HKDF-SHA-256,
 *   AES-256-GCM of K. The additional data binds everything to the case number and the helpline.
 * - A member who can open a share passes K on to a colleague the same way (a grant), from their
 *   own browser.
 */
import { argon2id } from 'hash-wasm';
import type { ShareEnvelope, WrappedShareKey } from './case-schemas.ts';
import type {
  Argon2Params,
  PublicKeyJwk,
  StaffKeyPair,
  WrappedPrivateKey,
} from './staff-schemas.ts';

/**
 * What a victim's browser puts in a share (encrypted: the server never sees it): a note in their
 * own words, messages not added to the case, and evidence items from the locker.
 */
export interface SharePayload {
  readonly v: 1;
  readonly sharedAt: string;
  readonly note: string;
  readonly messages: readonly { readonly text: string; readonly at: string }[];
  readonly evidence: readonly {
    readonly name: string;
    readonly type: string;
    readonly sha256: string;
    readonly addedAt: string;
    /** The item's bytes, base64url (small items: screenshots, receipts). */
    readonly data: string;
  }[];
}

/** argon2id parameters for sealing a private key (as the evidence locker: 64 MiB, 3 passes). */
export const KEY_SEAL_KDF = { memoryKiB: 65_536, iterations: 3, parallelism: 1 } as const;

const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;

// Named through `crypto` so that the module type-checks with Node's types as with the DOM's.
type Subtle = typeof globalThis.crypto.subtle;
/** A Web Crypto key. */
export type CryptoKey = Awaited<ReturnType<Subtle['importKey']>>;
type Bytes = Uint8Array<ArrayBuffer>;
const HKDF_INFO = new TextEncoder().encode('aman-share-key-v1');
const encoder = new TextEncoder();

/**
 * Makes a helpline member's key pair and seals the private key with their password.
 *
 * @example
 * const { keyPair, privateKey } = await createStaffKeyPair('correct horse battery staple');
 * await console.setup({ code, password, keyPair });
 */
export async function createStaffKeyPair(
  password: string,
  kdf: Omit<Argon2Params, 'alg' | 'salt'> = KEY_SEAL_KDF,
): Promise<{ keyPair: StaffKeyPair; privateKey: CryptoKey }> {
  const pair = await crypto.subtle.generateKey(ECDH, true, ['deriveBits']);
  const publicKey = await exportPublicKey(pair.publicKey);
  const wrappedPrivateKey = await sealPrivateKey(pair.privateKey, password, kdf);
  const privateKey = await importPrivateKey(
    new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey)),
    false,
  );
  return { keyPair: { publicKey, wrappedPrivateKey }, privateKey };
}

/** Seals an extractable private key under a password (setup, password change). */
export async function sealPrivateKey(
  privateKey: CryptoKey,
  password: string,
  kdf: Omit<Argon2Params, 'alg' | 'salt'> = KEY_SEAL_KDF,
): Promise<WrappedPrivateKey> {
  const params: Argon2Params = {
    alg: 'argon2id',
    salt: toBase64Url(crypto.getRandomValues(new Uint8Array(16))),
    ...kdf,
  };
  const key = await passwordKey(password, params);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', privateKey));
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: encoder.encode('aman-staff-key-v1') },
      key,
      pkcs8,
    ),
  );
  pkcs8.fill(0);
  return { v: 1, kdf: params, iv: toBase64Url(iv), ciphertext: toBase64Url(ciphertext) };
}

/**
 * Opens the sealed private key with the password; undefined when the password is wrong.
 * `extractable` only to re-seal it under a new password.
 */
export async function openPrivateKey(
  wrapped: WrappedPrivateKey,
  password: string,
  extractable = false,
): Promise<CryptoKey | undefined> {
  const key = await passwordKey(password, wrapped.kdf);
  try {
    const pkcs8 = new Uint8Array(
      await crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: fromBase64Url(wrapped.iv),
          additionalData: encoder.encode('aman-staff-key-v1'),
        },
        key,
        fromBase64Url(wrapped.ciphertext),
      ),
    );
    const imported = await importPrivateKey(pkcs8, extractable);
    pkcs8.fill(0);
    return imported;
  } catch {
    return undefined;
  }
}

/** What the victim's browser binds a share to: its case and the helpline. */
export function shareAdditionalData(caseNumber: string, helplineId: number): string {
  return `aman-share-v1:${caseNumber}:${helplineId}`;
}

/**
 * Encrypts `content` for every recipient.
 *
 * @example
 * const envelope = await sealShare({ messages }, helpline.recipients, shareAdditionalData(caseNumber, helpline.id));
 * await client.createShare(caseNumber, pin, { helplineId: helpline.id, envelope });
 */
export async function sealShare(
  content: unknown,
  recipients: readonly { staffId: number; publicKey: PublicKeyJwk }[],
  additionalData: string,
): Promise<ShareEnvelope & { keys: WrappedShareKey[] }> {
  const raw = crypto.getRandomValues(new Uint8Array(32));
  const contentKey = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt']);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: encoder.encode(additionalData) },
      contentKey,
      encoder.encode(JSON.stringify(content)),
    ),
  );
  const keys: WrappedShareKey[] = [];
  for (const recipient of recipients) {
    keys.push(await wrapShareKey(raw, recipient, additionalData));
  }
  raw.fill(0);
  return { v: 1, iv: toBase64Url(iv), ciphertext: toBase64Url(ciphertext), keys };
}

/**
 * Opens a share with the member's wrapped key and private key. Returns the content and the raw
 * share key (to grant it to a colleague), or undefined when anything does not authenticate.
 */
export async function openShare(
  envelope: { iv: string; ciphertext: string },
  wrapped: WrappedShareKey,
  privateKey: CryptoKey,
  additionalData: string,
): Promise<{ content: unknown; shareKey: Uint8Array } | undefined> {
  try {
    const shareKey = await unwrapShareKey(wrapped, privateKey, additionalData);
    const contentKey = await crypto.subtle.importKey('raw', shareKey as Bytes, 'AES-GCM', false, [
      'decrypt',
    ]);
    const plaintext = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: fromBase64Url(envelope.iv),
        additionalData: encoder.encode(additionalData),
      },
      contentKey,
      fromBase64Url(envelope.ciphertext),
    );
    return { content: JSON.parse(new TextDecoder().decode(plaintext)) as unknown, shareKey };
  } catch {
    return undefined;
  }
}

/** Wraps a share key for one recipient (sealShare, and grants to a colleague). */
export async function wrapShareKey(
  shareKey: Uint8Array,
  recipient: { staffId: number; publicKey: PublicKeyJwk },
  additionalData: string,
): Promise<WrappedShareKey> {
  const ephemeral = await crypto.subtle.generateKey(ECDH, true, ['deriveBits']);
  const theirs = await crypto.subtle.importKey(
    'jwk',
    { ...recipient.publicKey, ext: true },
    ECDH,
    false,
    [],
  );
  const kek = await agreedKey(ephemeral.privateKey, theirs, additionalData, ['encrypt']);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const wrapped = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, kek, shareKey as Bytes),
  );
  return {
    staffId: recipient.staffId,
    epk: await exportPublicKey(ephemeral.publicKey),
    iv: toBase64Url(iv),
    wrappedKey: toBase64Url(wrapped),
  };
}

async function unwrapShareKey(
  wrapped: WrappedShareKey,
  privateKey: CryptoKey,
  additionalData: string,
): Promise<Uint8Array> {
  const epk = await crypto.subtle.importKey('jwk', { ...wrapped.epk, ext: true }, ECDH, false, []);
  const kek = await agreedKey(privateKey, epk, additionalData, ['decrypt']);
  return new Uint8Array(
    await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64Url(wrapped.iv) },
      kek,
      fromBase64Url(wrapped.wrappedKey),
    ),
  );
}

/** ECDH, then HKDF-SHA-256 with the share's additional data as salt: a key for this share only. */
async function agreedKey(
  privateKey: CryptoKey,
  publicKey: CryptoKey,
  additionalData: string,
  usages: ('encrypt' | 'decrypt')[],
): Promise<CryptoKey> {
  const secret = await crypto.subtle.deriveBits(
    { name: 'ECDH', public: publicKey },
    privateKey,
    256,
  );
  const hkdfKey = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode(additionalData), info: HKDF_INFO },
    hkdfKey,
    { name: 'AES-GCM', length: 256 },
    false,
    usages,
  );
}

async function passwordKey(password: string, params: Argon2Params): Promise<CryptoKey> {
  const raw = await argon2id({
    password,
    salt: fromBase64Url(params.salt),
    iterations: params.iterations,
    parallelism: params.parallelism,
    memorySize: params.memoryKiB,
    hashLength: 32,
    outputType: 'binary',
  });
  const key = await crypto.subtle.importKey('raw', raw as Bytes, 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
  raw.fill(0);
  return key;
}

function importPrivateKey(pkcs8: Uint8Array, extractable: boolean): Promise<CryptoKey> {
  return crypto.subtle.importKey('pkcs8', pkcs8 as Bytes, ECDH, extractable, ['deriveBits']);
}

async function exportPublicKey(key: CryptoKey): Promise<PublicKeyJwk> {
  const jwk = await crypto.subtle.exportKey('jwk', key);
  return { kty: 'EC', crv: 'P-256', x: jwk.x ?? '', y: jwk.y ?? '' };
}

/** RFC 4648 §5 base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
