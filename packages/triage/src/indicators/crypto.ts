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
import { DETECTOR_LIMIT, placed } from './candidate.ts';
import type { Finding } from './candidate.ts';
import { MONERO_MAINNET_TAGS, decodeMoneroAddress } from './monero.ts';

const B58 = '1-9A-HJ-NP-Za-km-z';
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
  // Every address is a whole word of 26 to 106 ASCII letters and digits: classify each such word
  // by its prefix and length, rather than scanning the text once per currency.
  const { words } = context;
  // Read once: an imported binding is a getter call under tsx, and this loop runs per word.
  const limit = DETECTOR_LIMIT;
  for (let index = 0; index < words.count; index++) {
    if (found.length >= limit) break;
    const start = words.start(index);
    const end = words.end(index);
    const length = end - start;
    if (length < 26 || length > 110) continue;
    const address = text.slice(start, end);
    if (!ASCII_ALNUM.test(address)) continue;
    const finding = classifyAddress(address);
    if (finding !== undefined) found.push(placed(finding, start, end));
  }
  return found;
}

const ASCII_ALNUM = /^[A-Za-z0-9]+$/;
const BASE58_WORD = new RegExp(`^[${B58}]+$`);
const HEX_40ISH = /^0x[0-9a-fA-F]{38,42}$/;

function classifyAddress(address: string): Finding | undefined {
  const first = address.charAt(0);
  const lower = address.toLowerCase();
  if ((first === '4' || first === '8') && (address.length === 95 || address.length === 106)) {
    if (!BASE58_WORD.test(address)) return undefined;
    const tag = decodeMoneroAddress(address);
    const valid = tag !== undefined && MONERO_MAINNET_TAGS.has(tag);
    return valid
      ? { type: 'monero', normalized: address, valid }
      : { type: 'monero', normalized: address, valid, invalidReason: 'checksum' };
  }
  if ((lower.startsWith('bc1') || lower.startsWith('ltc1')) && address.length <= 90) {
    const type = lower.startsWith('ltc') ? 'litecoin' : 'bitcoin';
    const decoded = decodeSegwitAddress(address);
    const valid = decoded !== undefined && decoded.hrp === (type === 'litecoin' ? 'ltc' : 'bc');
    return valid
      ? { type, normalized: lower, valid }
      : { type, normalized: lower, valid, invalidReason: 'checksum' };
  }
  if (HEX_40ISH.test(address)) {
    const lengthOk = address.length === 42;
    const valid = lengthOk && isValidEthereumChecksum(address.slice(2));
    const normalized = `0x${lower.slice(2)}`;
    return valid
      ? { type: 'ethereum', normalized, valid }
      : { type: 'ethereum', normalized, valid, invalidReason: lengthOk ? 'checksum' : 'length' };
  }
  if ('13LMT'.includes(first) && address.length <= 35 && BASE58_WORD.test(address)) {
    return looksLikeBase58Address(address) ? readBase58Address(address) : undefined;
  }
  return undefined;
}

/**
 * Real addresses mix digits, upper and lower case; a run of 26+ letters of one case is a word.
 * (The chance that a random 33-character address lacks one of the three is below 1e-5.)
 */
function looksLikeBase58Address(text: string): boolean {
  const body = text.slice(1);
  return /[0-9]/.test(body) && /[A-Z]/.test(body) && /[a-z]/.test(body);
}

function readBase58Address(address: string): Finding {
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
