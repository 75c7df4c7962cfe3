import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CASE_NUMBER_BYTES,
  CASE_NUMBER_PATTERN,
  formatCaseNumber,
  parseCaseNumber,
} from './case-number.ts';

describe('case numbers', () => {
  it('spell 80 bits as four groups of four Crockford symbols', () => {
    expect(formatCaseNumber(new Uint8Array(CASE_NUMBER_BYTES))).toBe('0000-0000-0000-0000');
    expect(formatCaseNumber(new Uint8Array(CASE_NUMBER_BYTES).fill(255))).toBe(
      'ZZZZ-ZZZZ-ZZZZ-ZZZZ',
    );
    // 0x08 = 00001000: the first symbol takes the top five bits (00001), the second starts 000.
    const bytes = new Uint8Array(CASE_NUMBER_BYTES);
    bytes[0] = 0x08;
    expect(formatCaseNumber(bytes)).toBe('1000-0000-0000-0000');
  });

  it('refuse anything but 10 bytes', () => {
    expect(() => formatCaseNumber(new Uint8Array(9))).toThrow(RangeError);
  });

  it('read back what they spell, whatever the case, dashes or spaces', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), (bytes) => {
        const number = formatCaseNumber(bytes);
        expect(number).toMatch(CASE_NUMBER_PATTERN);
        expect(parseCaseNumber(number)).toBe(number);
        expect(parseCaseNumber(number.toLowerCase().replaceAll('-', ' '))).toBe(number);
        expect(parseCaseNumber(number.replaceAll('-', ''))).toBe(number);
      }),
    );
  });

  it('forgive the usual confusions when read aloud or typed', () => {
    expect(parseCaseNumber('ilo0-1111-0000-abcd')).toBe('1100-1111-0000-ABCD');
  });

  it('refuse what cannot be a case number', () => {
    expect(parseCaseNumber('7KQM-4XZD')).toBeUndefined();
    expect(parseCaseNumber('7KQM-4XZD-9H2P-R3TU')).toBeUndefined(); // U is not in the alphabet
    expect(parseCaseNumber('7KQM-4XZD-9H2P-R3T!')).toBeUndefined();
    expect(parseCaseNumber('x'.repeat(1000))).toBeUndefined();
  });
});
