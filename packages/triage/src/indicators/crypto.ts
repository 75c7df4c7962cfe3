/**
 * Cryptocurrency addresses: Bitcoin (legacy Base58Check and SegWit Bech32/Bech32m), Litecoin,
 * Ethereum (EIP-55 checksum when mixed case), Tron (USDT-TRC20) and Monero. A string shaped like an
 * address whose checksum fails is reported with `valid: false`.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { decodeBase58Check } from './base58.ts';
import { decodeSegwitAddress } from './bech32.ts';
import type { Candidate, DetectionContext } from './candidate.ts';
import { DETECTOR_LIMIT, standsAlone } from './candidate.ts';
import { MONERO_MAINNET_TAGS, decodeMoneroAddress } from './monero.ts';

const B58 = '1-9A-HJ-NP-Za-km-z';
/** Legacy Bitcoin/Litecoin (25-35 characters) and Tron (34) addresses. */
const BASE58_ADDRESS = new RegExp(`[13LMT][${B58}]{25,34}`, 'g');
/** SegWit addresses, any case; the characters are checked by the decoder so typos are reported. */
const SEGWIT_ADDRESS = /(?:bc|ltc)1[a-z0-9]{6,87}/gi;
const ETHEREUM_ADDRESS = /0x[0-9a-f]{38,42}/gi;
const MONERO_ADDRESS = new RegExp(`[48][${B58}]{94}(?:[${B58}]{11})?`, 'g');

const LONG_RUN = /[A-Za-z0-9]{26}/;

/** Base58Check version bytes on mainnet. */
const BASE58_VERSIONS: ReadonlyMap<number, 'bitcoin' | 'litecoin' | 'tron'> = new Map([
  [0x00, 'bitcoin'], // P2PKH, "1…"
  [0x05, 'bitcoin'], // P2SH, "3…" (Litecoin used it before 2017 too)
  [0x30, 'litecoin'], // P2PKH, "L…"
  [0x32, 'litecoin'], // P2SH, "M…"
  [0x41, 'tron'], // "T…"
]);

/**
 * Finds crypto addresses in the identifier view.
 *
 * @example
 * findCryptoAddresses({ text: 'pay 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', lower: '…', defaultCountry: undefined });
 * // [{ type: 'bitcoin', normalized: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', valid: true, start: 4, end: 38 }]
 */
export function findCryptoAddresses(context: DetectionContext): Candidate[] {
  const { text } = context;
  const found: Candidate[] = [];
  // Every address has a run of 26 or more letters and digits; most messages have none.
  if (!LONG_RUN.test(text)) return found;
  for (const match of text.matchAll(MONERO_ADDRESS)) {
    if (found.length >= DETECTOR_LIMIT) break;
    const start = match.index;
    const end = start + match[0].length;
    if (!standsAlone(text, start, end)) continue;
    const tag = decodeMoneroAddress(match[0]);
    const valid = tag !== undefined && MONERO_MAINNET_TAGS.has(tag);
    found.push({
      type: 'monero',
      normalized: match[0],
      valid,
      start,
      end,
      ...(valid ? {} : { invalidReason: 'checksum' }),
    });
  }
  for (const match of text.matchAll(BASE58_ADDRESS)) {
    if (found.length >= DETECTOR_LIMIT) break;
    const start = match.index;
    const end = start + match[0].length;
    if (!standsAlone(text, start, end) || !looksLikeBase58Address(match[0])) continue;
    found.push({ ...readBase58Address(match[0]), start, end });
  }
  for (const match of text.matchAll(SEGWIT_ADDRESS)) {
    if (found.length >= DETECTOR_LIMIT) break;
    const start = match.index;
    const end = start + match[0].length;
    if (!standsAlone(text, start, end)) continue;
    const address = match[0];
    const type = address.toLowerCase().startsWith('ltc') ? 'litecoin' : 'bitcoin';
    const decoded = decodeSegwitAddress(address);
    const valid = decoded !== undefined && decoded.hrp === (type === 'litecoin' ? 'ltc' : 'bc');
    found.push({
      type,
      normalized: address.toLowerCase(),
      valid,
      start,
      end,
      ...(valid ? {} : { invalidReason: 'checksum' }),
    });
  }
  for (const match of text.matchAll(ETHEREUM_ADDRESS)) {
    if (found.length >= DETECTOR_LIMIT) break;
    const start = match.index;
    const end = start + match[0].length;
    if (!standsAlone(text, start, end)) continue;
    const address = match[0];
    const lengthOk = address.length === 42;
    const valid = lengthOk && isValidEthereumChecksum(address.slice(2));
    found.push({
      type: 'ethereum',
      normalized: `0x${address.slice(2).toLowerCase()}`,
      valid,
      start,
      end,
      ...(valid ? {} : { invalidReason: lengthOk ? 'checksum' : 'length' }),
    });
  }
  return found;
}

/**
 * Real addresses mix digits, upper and lower case; a run of 26+ letters of one case is a word.
 * (The chance that a random 33-character address lacks one of the three is below 1e-5.)
 */
function looksLikeBase58Address(text: string): boolean {
  const body = text.slice(1);
  return /[0-9]/.test(body) && /[A-Z]/.test(body) && /[a-z]/.test(body);
}

function readBase58Address(address: string): Omit<Candidate, 'start' | 'end'> {
  const first = address[0];
  const implied = first === 'L' || first === 'M' ? 'litecoin' : first === 'T' ? 'tron' : 'bitcoin';
  const payload = decodeBase58Check(address);
  const version = payload?.length === 21 ? BASE58_VERSIONS.get(payload[0] as number) : undefined;
  if (version === undefined) {
    return { type: implied, normalized: address, valid: false, invalidReason: 'checksum' };
  }
  return { type: version, normalized: address, valid: true };
}

/**
 * EIP-55: in a mixed-case address, each hex letter is upper case exactly when the matching nibble
 * of Keccak-256(lower-case address) is 8 or more. All-lower and all-upper addresses carry no
 * checksum and are accepted.
 */
export function isValidEthereumChecksum(hex40: string): boolean {
  const lower = hex40.toLowerCase();
  if (hex40 === lower || hex40 === hex40.toUpperCase()) return true;
  const hash = keccak_256(utf8ToBytes(lower));
  for (let i = 0; i < 40; i++) {
    const ch = hex40[i] as string;
    if (ch >= '0' && ch <= '9') continue;
    const byte = hash[i >> 1] as number;
    const nibble = i % 2 === 0 ? byte >> 4 : byte & 0x0f;
    if (nibble >= 8 !== (ch !== ch.toLowerCase())) return false;
  }
  return true;
}
