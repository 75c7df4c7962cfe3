import { describe, expect, it } from 'vitest';
import { indicatorsOf } from './test-helpers.ts';

describe('phone', () => {
  it('normalises +212 6…, 00212 6… and 06… (in Morocco) to the same E.164 number', () => {
    const text = 'WhatsApp +212 6 12 34 56 78, ou 00212612345678, ou 06 12 34 56 78';
    const phones = indicatorsOf(text, 'phone', 'MA');
    expect(phones.map((p) => p.normalized)).toEqual([
      '+212612345678',
      '+212612345678',
      '+212612345678',
    ]);
    expect(phones.every((p) => p.country === 'MA' && p.valid)).toBe(true);
    expect(phones.map((p) => p.value)).toEqual([
      '+212 6 12 34 56 78',
      '00212612345678',
      '06 12 34 56 78',
    ]);
  });

  it('stops before a digit glued to letters: in "12 9bel" the 9 is an Arabizi letter', () => {
    expect(indicatorsOf('whatsapp +212 6 63 45 90 12 9bel sa3a', 'phone')).toMatchObject([
      { normalized: '+212663459012', value: '+212 6 63 45 90 12', valid: true },
    ]);
  });

  it('reads national numbers with the country given, and skips them when none is known', () => {
    expect(indicatorsOf('appelle le 06 39 98 12 34', 'phone', 'FR')).toMatchObject([
      { normalized: '+33639981234', country: 'FR' },
    ]);
    expect(indicatorsOf('appelle le 06 39 98 12 34', 'phone')).toEqual([]);
  });

  it('recognises the numbers common in these scams (+225 Ivory Coast, +234 Nigeria)', () => {
    expect(indicatorsOf('+225 07 07 12 34 56', 'phone')).toMatchObject([
      { country: 'CI', valid: true },
    ]);
    expect(indicatorsOf('call +234 803 123 4567', 'phone')).toMatchObject([
      { country: 'NG', valid: true },
    ]);
  });

  it('reports an international number that cannot exist as invalid', () => {
    expect(indicatorsOf('whatsapp +212 6 12 34', 'phone')).toMatchObject([{ valid: false }]);
    expect(indicatorsOf('tel +1 555 123 4567', 'phone')).toMatchObject([{ valid: false }]);
  });

  it('reads full-width and Arabic-Indic digits', () => {
    expect(indicatorsOf('واتساب +٢١٢٦١٢٣٤٥٦٧٨', 'phone')).toMatchObject([
      { normalized: '+212612345678' },
    ]);
    expect(indicatorsOf('＋２１２６１２３４５６７８', 'phone')).toMatchObject([
      { normalized: '+212612345678' },
    ]);
  });

  it('does not read dates, prices or long references as phone numbers', () => {
    expect(indicatorsOf('le 12.05.2024 à 14h, 2 000 000 DH', 'phone', 'FR')).toEqual([]);
  });
});
