/**
 * Made-up identifiers that pass their checksums, as real ones do: Bitcoin (base58check and bech32),
 * Litecoin, Tron, Ethereum (EIP-55), IBANs (mod 97), phone numbers valid in their numbering plan,
 * MTCNs. They are random: any resemblance to a real wallet or number is chance, and each one is
 * used only inside data marked synthetic.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Random } from './random.ts';

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Base58Check of a version byte and a payload (Bitcoin's address encoding). */
export function base58Check(version: number, payload: Uint8Array): string {
  const body = new Uint8Array(1 + payload.length);
  body[0] = version;
  body.set(payload, 1);
  const checksum = sha256(sha256(body)).slice(0, 4);
  const bytes = new Uint8Array(body.length + 4);
  bytes.set(body);
  bytes.set(checksum, body.length);
  let number = BigInt(`0x${bytesToHex(bytes)}`);
  let text = '';
  while (number > 0n) {
    text = BASE58[Number(number % 58n)]! + text;
    number /= 58n;
  }
  for (const byte of bytes) {
    if (byte !== 0) break;
    text = `1${text}`;
  }
  return text;
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATORS = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function polymod(values: readonly number[]): number {
  let checksum = 1;
  for (const value of values) {
    const top = checksum >>> 25;
    checksum = ((checksum & 0x1ffffff) << 5) ^ value;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) checksum ^= GENERATORS[i]!;
  }
  return checksum;
}

/** A segwit version-0 address (BIP-173 bech32) for a human-readable part ("bc", "ltc"). */
export function segwitV0Address(hrp: string, program: Uint8Array): string {
  const data = [0];
  let accumulator = 0;
  let bits = 0;
  for (const byte of program) {
    accumulator = (accumulator << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      data.push((accumulator >>> bits) & 31);
    }
  }
  if (bits > 0) data.push((accumulator << (5 - bits)) & 31);
  const expanded = [...hrp].map((c) => c.charCodeAt(0) >>> 5);
  expanded.push(0, ...[...hrp].map((c) => c.charCodeAt(0) & 31));
  const mod = polymod([...expanded, ...data, 0, 0, 0, 0, 0, 0]) ^ 1;
  const checksum = Array.from({ length: 6 }, (_, i) => (mod >>> (5 * (5 - i))) & 31);
  return `${hrp}1${[...data, ...checksum].map((v) => BECH32[v]).join('')}`;
}

/** An Ethereum address with its EIP-55 mixed-case checksum. */
export function eip55(addressHex: string): string {
  const lower = addressHex.toLowerCase().replace(/^0x/, '');
  const hash = bytesToHex(keccak_256(utf8ToBytes(lower)));
  let out = '0x';
  for (let i = 0; i < 40; i++) {
    out += Number.parseInt(hash[i]!, 16) >= 8 ? lower[i]!.toUpperCase() : lower[i]!;
  }
  return out;
}

/** ISO 13616 check digits ("MA" + "00" + BBAN → the two digits that make mod 97 equal 1). */
export function ibanWithCheckDigits(country: string, bban: string): string {
  const rearranged = `${bban}${country}00`.toUpperCase();
  let remainder = 0;
  for (const char of rearranged) {
    const digits = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return `${country}${String(98 - remainder).padStart(2, '0')}${bban}`;
}

export type SyntheticCountry = 'MA' | 'CI' | 'NG' | 'FR';

/** Mobile number patterns (national significant number) per country. */
const MOBILE_PATTERNS: Record<
  SyntheticCountry,
  { code: string; prefixes: readonly string[]; length: number }
> = {
  MA: { code: '212', prefixes: ['61', '62', '66', '67', '68', '70', '77', '65', '60'], length: 9 },
  CI: { code: '225', prefixes: ['07', '05', '01'], length: 10 },
  NG: {
    code: '234',
    prefixes: ['803', '806', '813', '816', '703', '706', '903', '810'],
    length: 10,
  },
  FR: { code: '33', prefixes: ['6', '7'], length: 9 },
};

/** A random mobile number in E.164 that libphonenumber accepts as valid for `country`. */
export function mobileNumber(random: Random, country: SyntheticCountry): string {
  const pattern = MOBILE_PATTERNS[country];
  for (;;) {
    const prefix = random.pick(pattern.prefixes);
    const rest = random.string('0123456789', pattern.length - prefix.length);
    const e164 = `+${pattern.code}${prefix}${rest}`;
    if (parsePhoneNumberFromString(e164)?.isValid() === true) return e164;
  }
}

export const walletMakers = {
  bitcoinLegacy: (random: Random): string => base58Check(0x00, random.bytes(20)),
  bitcoinSegwit: (random: Random): string => segwitV0Address('bc', random.bytes(20)),
  litecoin: (random: Random): string => base58Check(0x30, random.bytes(20)),
  tron: (random: Random): string => base58Check(0x41, random.bytes(20)),
  ethereum: (random: Random): string => eip55(bytesToHex(random.bytes(20))),
};

/** A Moroccan IBAN (28 characters: bank, town, account and RIB key digits). */
export function moroccanIban(random: Random): string {
  return ibanWithCheckDigits('MA', random.string('0123456789', 24));
}

/** A French IBAN (27 characters). */
export function frenchIban(random: Random): string {
  return ibanWithCheckDigits(
    'FR',
    `${random.string('0123456789', 10)}${random.string('0123456789ABCDEFGHJKLMNPQRSTUVWXYZ', 11)}${random.string('0123456789', 2)}`,
  );
}

/** A Western Union MTCN: 10 digits. */
export function mtcn(random: Random): string {
  return random.string('0123456789', 10);
}
