import { describe, expect, it } from 'vitest';
import { indicatorsOf } from './test-helpers.ts';

describe('money transfer references', () => {
  it('reads a Western Union MTCN (10 digits, grouped or not) when the service is named', () => {
    for (const written of ['1234567890', '123-456-7890', '123 456 7890']) {
      expect(indicatorsOf(`Western Union, MTCN: ${written}`, 'mtcn'), written).toMatchObject([
        { value: written, normalized: '1234567890', valid: true, service: 'western-union' },
      ]);
    }
  });

  it('reports an MTCN of the wrong length as invalid when it is labelled', () => {
    expect(indicatorsOf('Western Union MTCN 12345678901', 'mtcn')).toMatchObject([
      { valid: false, invalidReason: 'length' },
    ]);
  });

  it('reads a MoneyGram reference (8 digits)', () => {
    expect(indicatorsOf('MoneyGram ref 12345678', 'moneygram')).toMatchObject([
      { normalized: '12345678', valid: true, service: 'moneygram' },
    ]);
  });

  it('reads Wafacash and Cash Plus codes, in Arabic script too', () => {
    expect(indicatorsOf('Wafacash code 4455667788', 'transfer-ref')).toMatchObject([
      { service: 'wafacash', normalized: '4455667788' },
    ]);
    expect(indicatorsOf('كاش بلوس الكود ٧٧٨٨٩٩٠٠', 'transfer-ref')).toMatchObject([
      { service: 'cash-plus', normalized: '77889900' },
    ]);
  });

  it('does not take digits for a reference when no service is named, nor phone numbers', () => {
    expect(indicatorsOf('commande 1234567890 livrée', 'mtcn')).toEqual([]);
    const text = 'Western Union. Text me the MTCN on WhatsApp +212 6 78 12 34 09';
    expect(indicatorsOf(text, 'mtcn')).toEqual([]);
    expect(indicatorsOf(text, 'phone')).toMatchObject([{ normalized: '+212678123409' }]);
  });
});
