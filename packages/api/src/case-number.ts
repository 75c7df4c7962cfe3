/**
 * Case numbers: 16 Crockford base32 symbols in four groups, `7KQM-4XZD-9H2P-R3TA`.
 *
 * Why this form: a victim reads it aloud to a helpline or types it on a phone. Crockford's alphabet
 * has no I, L, O or U, and reading forgives the usual confusions (i/l → 1, o → 0, any case, spaces
 * or no dashes). Why 80 random bits: numbers are not sequential and cannot be enumerated. With a
 * million cases, one guess finds a case with probability 10^6 / 2^80 ≈ 8·10^-19; at 10 000 guesses
 * a second for a year (3·10^11 guesses) the chance of finding any case at all is about 3·10^-7.
 */

declare const caseNumberBrand: unique symbol;
/** A canonical case number: `XXXX-XXXX-XXXX-XXXX`, upper-case Crockford base32. */
export type CaseNumber = string & { readonly [caseNumberBrand]: true };

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** The random bytes a case number spells: 10 bytes, 80 bits. */
export const CASE_NUMBER_BYTES = 10;
const SYMBOLS = 16;
/** The canonical form, for schemas and documentation. */
export const CASE_NUMBER_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

/**
 * Spells 10 random bytes as a case number.
 *
 * @example
 * formatCaseNumber(crypto.getRandomValues(new Uint8Array(CASE_NUMBER_BYTES))); // '7KQM-4XZD-9H2P-R3TA'
 */
export function formatCaseNumber(bytes: Uint8Array): CaseNumber {
  if (bytes.length !== CASE_NUMBER_BYTES) {
    throw new RangeError(`a case number spells ${CASE_NUMBER_BYTES} bytes, got ${bytes.length}`);
  }
  let symbols = '';
  // 80 bits = 16 groups of 5 bits, read most significant first.
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      symbols += ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  return group(symbols);
}

/**
 * Reads a case number typed or dictated by a person, or `undefined` when it cannot be one.
 * Case, spaces and dashes do not matter; I and L read as 1, O as 0.
 *
 * @example
 * parseCaseNumber('7kqm 4xzd 9h2p r3ta'); // '7KQM-4XZD-9H2P-R3TA'
 * parseCaseNumber('7KQM-4XZD');           // undefined
 */
export function parseCaseNumber(text: string): CaseNumber | undefined {
  if (text.length > 64) return undefined;
  const symbols = text.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (symbols.length !== SYMBOLS) return undefined;
  for (const symbol of symbols) {
    if (!ALPHABET.includes(symbol)) return undefined;
  }
  return group(symbols);
}

function group(symbols: string): CaseNumber {
  return symbols.replace(/(.{4})(?!$)/g, '$1-') as CaseNumber;
}
