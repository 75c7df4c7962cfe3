/**
 * IBANs: the country's fixed length (ISO 13616 registry, SWIFT) and the mod-97 check. Written with
 * or without spaces, dots or dashes, in either case.
 */
import type { Candidate, DetectionContext } from './candidate.ts';
import { DETECTOR_LIMIT, startsWord } from './candidate.ts';

/** Country code and IBAN length, from the SWIFT IBAN registry (and MA, which uses IBANs outside it). */
const IBAN_LENGTH_TABLE =
  'AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BJ28 BR29 BY28 CF27 CG27 CH21 CI28 ' +
  'CM27 CR22 CV25 CY28 CZ24 DE22 DJ27 DK18 DO28 DZ26 EE20 EG29 ES24 FI18 FK18 FO18 FR27 ' +
  'GA27 GB22 GE22 GI23 GL18 GQ27 GR27 GT28 GW25 HN28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 ' +
  'JO30 KM27 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MA28 MC27 MD24 ME22 MG27 MK19 ' +
  'ML28 MN20 MR27 MT31 MU30 MZ25 NE28 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 ' +
  'RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SN28 SO23 ST25 SV28 TD27 TG28 TL23 TN24 ' +
  'TR26 UA29 VA22 VG24 XK20 YE30';

/** IBAN length per country (SWIFT IBAN registry, plus countries using IBANs outside it, e.g. MA). */
export const IBAN_LENGTHS: ReadonlyMap<string, number> = new Map(
  IBAN_LENGTH_TABLE.split(' ').map((entry) => [entry.slice(0, 2), Number(entry.slice(2))]),
);

/**
 * Two letters, two check digits, then 10 to 32 letters or digits, optionally grouped by one
 * separator. The BBAN is re-read below at the country's exact length.
 */
const IBAN_START = /([A-Za-z]{2})(\d{2})((?:[ .\-\u00a0]?[A-Za-z0-9]){10,32})/g;

/**
 * Finds IBANs, valid or not, in the identifier view.
 *
 * @example
 * findIbans({ text: 'IBAN: FR76 3000 6000 0112 3456 7890 189', … });
 * // [{ type: 'iban', normalized: 'FR7630006000011234567890189', valid: true, country: 'FR', … }]
 */
export function findIbans(context: DetectionContext): Candidate[] {
  const found: Candidate[] = [];
  for (const match of context.text.matchAll(IBAN_START)) {
    if (!startsWord(context.text, match.index)) continue;
    if (found.length >= DETECTOR_LIMIT) break;
    const country = (match[1] as string).toUpperCase();
    const expected = IBAN_LENGTHS.get(country);
    if (expected === undefined) continue;
    const start = match.index;
    const read = readGrouped(context.text, start, expected);
    if (read === undefined) continue;
    const normalized = read.compact.toUpperCase();
    const bban = normalized.slice(4);
    // Free text like "GB12 is the code" is not an account number: BBANs are mostly digits.
    if (countDigits(bban) * 2 < bban.length) continue;
    const lengthOk = normalized.length === expected && !read.overflow;
    const valid = lengthOk && ibanChecksumIsValid(normalized);
    const end = read.end;
    found.push(
      valid
        ? { type: 'iban', normalized, valid, country, start, end }
        : {
            type: 'iban',
            normalized,
            valid,
            country,
            start,
            end,
            invalidReason: lengthOk ? 'checksum' : 'length',
          },
    );
  }
  return found;
}

/**
 * Reads up to `length` letters and digits from `start`, skipping single separators between groups.
 * `overflow` says that more letters or digits follow without a break (the IBAN is too long).
 */
function readGrouped(
  text: string,
  start: number,
  length: number,
): { compact: string; end: number; overflow: boolean } | undefined {
  let compact = '';
  let i = start;
  let end = start;
  while (i < text.length && compact.length < length) {
    const code = text.charCodeAt(i);
    if (isAsciiAlphanumeric(code)) {
      compact += text[i] as string;
      i++;
      end = i;
    } else if (
      isGroupSeparator(code) &&
      isAsciiAlphanumeric(text.charCodeAt(i + 1)) &&
      compact.length >= 4
    ) {
      i++;
    } else {
      break;
    }
  }
  if (compact.length < 14) return undefined;
  return { compact, end, overflow: isAsciiAlphanumeric(text.charCodeAt(end)) };
}

/** [A-Za-z0-9], compared on the code unit (NaN past the end is none). */
function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** [ .\-\u00a0]: what may separate the groups of an IBAN. */
function isGroupSeparator(code: number): boolean {
  return code === 32 || code === 46 || code === 45 || code === 0xa0;
}

function countDigits(text: string): number {
  let n = 0;
  for (const ch of text) if (ch >= '0' && ch <= '9') n++;
  return n;
}

/**
 * ISO 7064 mod 97-10: move the first four characters to the end, letters as 10..35, and the
 * number must be 1 modulo 97.
 *
 * @example
 * ibanChecksumIsValid('GB82WEST12345698765432'); // true
 */
export function ibanChecksumIsValid(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 && code <= 90 ? code - 55 : code - 48;
    if (value < 0 || value > 35) return false;
    remainder = (remainder * (value >= 10 ? 100 : 10) + value) % 97;
  }
  return remainder === 1;
}
