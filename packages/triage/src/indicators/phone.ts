/**
 * Phone numbers, normalised to E.164 with their country (libphonenumber-js). "+212 6…", "00212 6…"
 * and, when the country is Morocco, "06…" are the same number: +2126…. Numbers written without a
 * country code are read with the message's country (given, or inferred from the text); without one
 * they are skipped, since a bare run of digits is more often something else.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CountryCode } from 'libphonenumber-js';
import type { Candidate, DetectionContext } from './candidate.ts';
import { DETECTOR_LIMIT, startsWord } from './candidate.ts';

/**
 * An optional + or 00, then digits with spaces, dots, dashes or brackets between them. The last
 * digit may not touch a letter: in "… 90 12 9bel", the 9 is an Arabizi letter (ق), not a digit.
 */
const PHONE_LIKE = /(?:\+|00)?\(?\d[\d \-.()\u00a0]{5,22}\d(?![\d\p{L}])/gu;

/** Words that announce a phone number, in the languages Aman reads. */
const PHONE_CONTEXT =
  /(?:t[eé]l|phone|call|appel|num[eé]ro|number|whats?app|wa|sms|contact|viber|telegram|رقم|هاتف|تيليفون|واتساب|واتس|نمر|ra9m|raqm|nmra|nemra|numero)/iu;

/**
 * Finds phone numbers in the identifier view.
 *
 * @example
 * findPhones({ text: 'whatsapp +212 6 12 34 56 78', …, defaultCountry: undefined });
 * // [{ type: 'phone', normalized: '+212612345678', country: 'MA', valid: true, … }]
 */
export function findPhones(context: DetectionContext): Candidate[] {
  const found: Candidate[] = [];
  let attempts = 0;
  for (const match of context.text.matchAll(PHONE_LIKE)) {
    if (found.length >= DETECTOR_LIMIT || attempts >= DETECTOR_LIMIT * 2) break;
    if (!startsWord(context.text, match.index, '+')) continue;
    const raw = match[0];
    const digits = raw.replace(/\D/g, '');
    if (digits.length < 8 || digits.length > 15) continue;
    const start = match.index;
    const end = start + raw.length;
    // The digits of an IBAN, an MTCN or an amount already found: no need to parse them.
    if (context.taken?.(start, end) === true) continue;
    const before = context.lower.slice(Math.max(0, start - 40), start);
    const announced = PHONE_CONTEXT.test(before);
    const international = raw.startsWith('+') || raw.startsWith('00');
    const country = international ? undefined : (context.defaultCountry as CountryCode | undefined);
    if (!international && country === undefined) continue;
    const text = international ? `+${raw.replace(/^(\+|00)/, '')}` : raw;
    attempts++;
    const parsed = parsePhoneNumberFromString(text, country);
    if (parsed === undefined) {
      if (international && announced) {
        found.push({
          type: 'phone',
          normalized: `+${digits.replace(/^00/, '')}`,
          valid: false,
          invalidReason: 'format',
          start,
          end,
        });
      }
      continue;
    }
    const valid = parsed.isValid();
    if (!valid && !international && !announced) continue;
    // Optional fields set after the others, in this order (no object spread: slow in V8).
    const candidate: { -readonly [K in keyof Candidate]: Candidate[K] } = {
      type: 'phone',
      normalized: parsed.number,
      valid,
      start,
      end,
    };
    if (parsed.country !== undefined) candidate.country = parsed.country;
    if (!valid) candidate.invalidReason = 'format';
    found.push(candidate);
  }
  return found;
}
