/**
 * Evidence encryption, on the device, before anything leaves it (ARCHITECTURE principle 2).
 *
 * Key: argon2id(PIN, salt = "aman-evidence-v1" ‖ case number), 64 MiB, 3 passes: memory-hard, so a
 * stolen database cannot be searched for PINs on GPUs the way a fast hash could. The server never
 * sees the PIN in a form that opens the evidence (it stores its own, separate argon2id hash of the
 * PIN to check access) nor the key.
 * Cipher: AES-256-GCM, a random 96-bit IV per item, the case number as additional data (a sealed
 * item cannot be moved to another case unnoticed).
 *
 * Sealed form, version 1: "AMEV" | 0x01 | kdf params (memory KiB u32, passes u8, lanes u8) | iv (12)
 * | ciphertext+tag. The parameters travel with each item so they can be raised later without losing
 * what was stored before.
 */
import { argon2id } from 'hash-wasm';

export interface KdfParams {
  /** KiB of memory. */
  readonly memorySize: number;
  readonly iterations: number;
  readonly parallelism: number;
}

/** OWASP's argon2id recommendation (2023) is m ≥ 19 MiB, t = 2; we spend more, once per visit. */
export const DEFAULT_KDF: KdfParams = { memorySize: 64 * 1024, iterations: 3, parallelism: 1 };

const MAGIC = [0x41, 0x4d, 0x45, 0x56]; // "AMEV"
const VERSION = 1;
const HEADER_BYTES = MAGIC.length + 1 + 4 + 1 + 1;
const IV_BYTES = 12;
const SALT_PREFIX = 'aman-evidence-v1:';

export interface EvidenceKey {
  readonly key: CryptoKey;
  readonly caseNumber: string;
  readonly params: KdfParams;
}

/**
 * Derives the evidence key of a case from its PIN. Slow on purpose (about a second): do it once.
 *
 * @example
 * const key = await deriveEvidenceKey('7KQM-4XZD-9H2P-R3TA', '12345-67890');
 * const sealed = await seal(key, new TextEncoder().encode('screenshot bytes'));
 */
export async function deriveEvidenceKey(
  caseNumber: string,
  pin: string,
  params: KdfParams = DEFAULT_KDF,
): Promise<EvidenceKey> {
  const raw = await argon2id({
    password: pin,
    salt: `${SALT_PREFIX}${caseNumber}`,
    iterations: params.iterations,
    parallelism: params.parallelism,
    memorySize: params.memorySize,
    hashLength: 32,
    outputType: 'binary',
  });
  const key = await crypto.subtle.importKey('raw', raw as BufferSource, 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
  raw.fill(0);
  return { key, caseNumber, params };
}

export async function seal(evidenceKey: EvidenceKey, plaintext: Uint8Array): Promise<Uint8Array> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: additionalData(evidenceKey.caseNumber) },
      evidenceKey.key,
      plaintext as BufferSource,
    ),
  );
  const sealed = new Uint8Array(HEADER_BYTES + IV_BYTES + ciphertext.length);
  const view = new DataView(sealed.buffer);
  sealed.set(MAGIC, 0);
  sealed[4] = VERSION;
  view.setUint32(5, evidenceKey.params.memorySize);
  sealed[9] = evidenceKey.params.iterations;
  sealed[10] = evidenceKey.params.parallelism;
  sealed.set(iv, HEADER_BYTES);
  sealed.set(ciphertext, HEADER_BYTES + IV_BYTES);
  return sealed;
}

export type OpenError = 'not-sealed' | 'wrong-key';

/** The KDF parameters a sealed item was made with, or null when it is not one. */
export function sealedParams(sealed: Uint8Array): KdfParams | null {
  if (sealed.length < HEADER_BYTES + IV_BYTES + 16) return null;
  if (MAGIC.some((byte, index) => sealed[index] !== byte) || sealed[4] !== VERSION) return null;
  const view = new DataView(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  return {
    memorySize: view.getUint32(5),
    iterations: sealed[9] ?? 0,
    parallelism: sealed[10] ?? 0,
  };
}

/**
 * Opens a sealed item. A wrong PIN, another case's item or any altered byte gives 'wrong-key'
 * (GCM authenticates everything), never garbage.
 */
export async function open(
  evidenceKey: EvidenceKey,
  sealed: Uint8Array,
): Promise<{ ok: true; value: Uint8Array } | { ok: false; error: OpenError }> {
  if (sealedParams(sealed) === null) return { ok: false, error: 'not-sealed' };
  const iv = sealed.slice(HEADER_BYTES, HEADER_BYTES + IV_BYTES);
  try {
    const plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: additionalData(evidenceKey.caseNumber) },
      evidenceKey.key,
      sealed.slice(HEADER_BYTES + IV_BYTES),
    );
    return { ok: true, value: new Uint8Array(plaintext) };
  } catch {
    return { ok: false, error: 'wrong-key' };
  }
}

function additionalData(caseNumber: string): BufferSource {
  return new TextEncoder().encode(`${SALT_PREFIX}${caseNumber}`);
}
