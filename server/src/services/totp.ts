/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP), written with node:crypto so that
 * staff accounts can use any authenticator app. SHA-1, 6 digits, 30-second steps: what every app
 * understands by default.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes of the previous and next step are accepted too: phone clocks drift. */
export const TOTP_WINDOW = 1;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * HOTP (RFC 4226 §5.3): HMAC of the 8-byte counter, dynamic truncation, `digits` decimal digits.
 *
 * @example
 * hotp(Buffer.from('12345678901234567890'), 0); // '755224' (RFC 4226 appendix D)
 */
export function hotp(
  secret: Uint8Array,
  counter: number,
  options: { digits?: number; algorithm?: 'sha1' | 'sha256' | 'sha512' } = {},
): string {
  const digits = options.digits ?? TOTP_DIGITS;
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(options.algorithm ?? 'sha1', secret)
    .update(message)
    .digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The TOTP time step of a moment (RFC 6238 §4.2, T0 = 0). */
export function totpStep(at: Date, stepSeconds = TOTP_STEP_SECONDS): number {
  return Math.floor(at.getTime() / 1000 / stepSeconds);
}

/**
 * The TOTP code at a moment.
 *
 * @example
 * totp(Buffer.from('12345678901234567890'), new Date(59_000), { digits: 8 }); // '94287082' (RFC 6238)
 */
export function totp(
  secret: Uint8Array,
  at: Date,
  options: { digits?: number; algorithm?: 'sha1' | 'sha256' | 'sha512'; stepSeconds?: number } = {},
): string {
  return hotp(secret, totpStep(at, options.stepSeconds), options);
}

/**
 * The step whose code `code` is, within ±`window` steps of `at`, or undefined. The caller records
 * the step so that a code cannot be used twice.
 *
 * @example
 * const step = verifyTotp(secret, '123456', new Date());
 */
export function verifyTotp(
  secret: Uint8Array,
  code: string,
  at: Date,
  window = TOTP_WINDOW,
): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const now = totpStep(at);
  for (let delta = -window; delta <= window; delta++) {
    const candidate = Buffer.from(hotp(secret, now + delta));
    if (timingSafeEqual(candidate, Buffer.from(code))) return now + delta;
  }
  return undefined;
}

/** A new 160-bit secret (RFC 4226 §4 recommends 160 bits), in base32. */
export function newTotpSecret(): string {
  return toBase32(randomBytes(20));
}

/**
 * The otpauth:// URI authenticator apps read (as a QR code or pasted).
 *
 * @example
 * totpUri('JBSWY3DPEHPK3PXP', 'amina'); // 'otpauth://totp/Aman:amina?secret=JBSW…&issuer=Aman&…'
 */
export function totpUri(secret: string, account: string, issuer = 'Aman'): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = new URLSearchParams({
    secret,
    issuer,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: String(TOTP_STEP_SECONDS),
  });
  return `otpauth://totp/${label}?${query.toString()}`;
}

/** RFC 4648 base32, no padding (what authenticator apps take). */
export function toBase32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let text = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      text += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) text += BASE32[(value << (5 - bits)) & 31];
  return text;
}

/** Reads base32 (case, spaces and padding ignored); undefined for any other character. */
export function fromBase32(text: string): Buffer | undefined {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) return undefined;
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}
