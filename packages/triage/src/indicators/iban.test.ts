import { describe, expect, it } from 'vitest';
import { IBAN_LENGTHS, ibanChecksumIsValid } from './iban.ts';
import { indicatorsOf } from './test-helpers.ts';

// The ECBS/SWIFT documentation examples (GB, DE, FR) and synthetic Moroccan and Belgian IBANs
// whose check digits were computed with an independent mod-97 implementation.
const VALID = [
  ['GB82 WEST 1234 5698 7654 32', 'GB82WEST12345698765432', 'GB'],
  ['DE89 3704 0044 0532 0130 00', 'DE89370400440532013000', 'DE'],
  ['FR14 2004 1010 0505 0001 3M02 606', 'FR1420041010050500013M02606', 'FR'],
  ['MA95 5079 3213 8115 4992 1202 3409', 'MA95507932138115499212023409', 'MA'],
  ['BE84959006639290', 'BE84959006639290', 'BE'],
] as const;

describe('iban', () => {
  it('accepts valid IBANs written with or without spaces, and reports the country', () => {
    for (const [written, normalized, country] of VALID) {
      expect(indicatorsOf(`Virement sur ${written}, merci`, 'iban'), written).toMatchObject([
        { value: written, normalized, country, valid: true },
      ]);
    }
  });

  it('reports a wrong check digit as invalid (mod 97)', () => {
    expect(ibanChecksumIsValid('GB82WEST12345698765432')).toBe(true);
    expect(ibanChecksumIsValid('GB82WEST12345698765433')).toBe(false);
    expect(indicatorsOf('IBAN DE89 3704 0044 0532 0130 01', 'iban')).toMatchObject([
      { valid: false, invalidReason: 'checksum', country: 'DE' },
    ]);
  });

  it('reports a length that does not fit the country as invalid', () => {
    // A French IBAN is 27 characters; one digit missing.
    expect(indicatorsOf('IBAN FR14 2004 1010 0505 0001 3M02 60', 'iban')).toMatchObject([
      { valid: false, invalidReason: 'length' },
    ]);
    // One digit too many, glued to the end.
    expect(indicatorsOf('IBAN FR1420041010050500013M026061', 'iban')).toMatchObject([
      { valid: false, invalidReason: 'length' },
    ]);
    expect(IBAN_LENGTHS.get('MA')).toBe(28);
  });

  it('reads lower case, dots and dashes, and Arabic-Indic digits', () => {
    expect(indicatorsOf('gb82-west-1234-5698-7654-32', 'iban')).toMatchObject([
      { valid: true, normalized: 'GB82WEST12345698765432' },
    ]);
    expect(indicatorsOf('GB82.WEST.1234.5698.7654.32', 'iban')).toMatchObject([{ valid: true }]);
    expect(indicatorsOf('الحساب GB٨٢ WEST ١٢٣٤ ٥٦٩٨ ٧٦٥٤ ٣٢', 'iban')).toMatchObject([
      { valid: true },
    ]);
  });

  it('ignores codes of unknown countries and free text that only looks like one', () => {
    expect(indicatorsOf('ZZ12 3456 7890 1234 5678', 'iban')).toEqual([]);
    expect(indicatorsOf('GB12 is the code of the day for everyone', 'iban')).toEqual([]);
  });
});
