import { describe, expect, it } from 'vitest';
import { parseNumber } from './amount.ts';
import { indicatorsOf } from './test-helpers.ts';

describe('amount', () => {
  it('reads currencies before and after the number, and normalises to ISO codes', () => {
    const text =
      'envoie 2 000 DH ou 500€ ou $1,000 ou 3000 dirhams ou 0.05 BTC ou USD 250 ou ٥٠٠ درهم';
    expect(indicatorsOf(text, 'amount').map((a) => a.normalized)).toEqual([
      '2000 MAD',
      '500 EUR',
      '1000 USD',
      '3000 MAD',
      '0.05 BTC',
      '250 USD',
      '500 MAD',
    ]);
  });

  it('reads multipliers and number words', () => {
    expect(
      indicatorsOf('5k dh, 2 mille euros, alf dh, ألف درهم', 'amount').map((a) => a.normalized),
    ).toEqual(['5000 MAD', '2000 EUR', '1000 MAD', '1000 MAD']);
  });

  it('reads millions, "the thousand" and Gulf currencies named with their country', () => {
    expect(
      indicatorsOf(
        'a $2.5 million ransom, 3 millions d’euros, وصلتني الألف درهم, 1500 ريال سعودي, 900 درهم إماراتي, 40 kwd',
        'amount',
      ).map((a) => a.normalized),
    ).toEqual(['2500000 USD', '3000000 EUR', '1000 MAD', '1500 SAR', '900 AED', '40 KWD']);
  });

  it('tells thousands separators from decimals', () => {
    expect(parseNumber('1.000', false)).toBe(1000);
    expect(parseNumber('1,5', false)).toBe(1.5);
    expect(parseNumber('1.000,50', false)).toBe(1000.5);
    expect(parseNumber('0.100', true)).toBe(0.1);
    expect(parseNumber('89,90', false)).toBe(89.9);
  });

  it('does not read words as currencies ("mad 5 times")', () => {
    expect(indicatorsOf("I'm so mad 5 times today", 'amount')).toEqual([]);
  });

  it('sees through full-width digits', () => {
    expect(indicatorsOf('ｐａｙ ５００ €', 'amount')).toMatchObject([{ normalized: '500 EUR' }]);
  });
});
