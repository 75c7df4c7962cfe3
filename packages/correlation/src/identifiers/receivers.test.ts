import { describe, expect, it } from 'vitest';
import { findReceivers } from './receivers.ts';

describe('findReceivers', () => {
  it('reads the labelled receiver and city of a transfer, in French, English, Arabic and Darija', () => {
    const cases: Array<[string, string, string | undefined]> = [
      [
        'Envoie 300 € par Western Union au nom de : Youssef El Amrani, ville : Oued Zem.',
        'amrani el youssef@ouedzem',
        'western-union',
      ],
      [
        'Par Wafacash. Nom : EL AMRANI Prénom : Youssef Ville : Oued-Zem (Maroc)',
        'amrani el youssef@ouedzem',
        'wafacash',
      ],
      [
        'Send $500 by MoneyGram. Receiver name: Karim Bennani, city: Khouribga',
        'bennani karim@khouribga',
        'moneygram',
      ],
      [
        'أرسل 2000 درهم عبر وفا كاش. الاسم: Karim Bennani المدينة: خريبكة',
        'bennani karim@khouribga',
        'wafacash',
      ],
      ['sift 1500 DH b Cash Plus, smiya: Hamza Tazi f Oued Zem', 'hamza tazi@ouedzem', 'cash-plus'],
      [
        'Send it in the name of Kouassi Bamba, Abidjan. Transfer today.',
        'bamba kouassi@abidjan',
        undefined,
      ],
    ];
    for (const [text, normalized, service] of cases) {
      const [receiver, ...rest] = findReceivers(text);
      expect(rest, text).toEqual([]);
      expect(receiver, text).toMatchObject({ type: 'receiver', normalized, valid: true });
      expect(receiver?.service, text).toBe(service);
      const [start, end] = receiver!.span!;
      expect(text.slice(start, end)).toBe(receiver!.value);
    }
  });

  it('finds nothing where there is no transfer, no label, or no city', () => {
    expect(findReceivers('Hello, my name is Sara and I live in Casablanca.')).toEqual([]);
    expect(findReceivers('Western Union: send 300 euros to Youssef El Amrani.')).toEqual([]);
    expect(findReceivers('Send by Western Union, name: Youssef El Amrani.')).toEqual([]);
    expect(findReceivers('Send by Western Union, name: youssef, city: Oued Zem')).toEqual([]);
  });

  it('returns on long hostile input (linear patterns, no backtracking blow-up)', () => {
    const long = `Western Union nom : ${'Aaaa '.repeat(20_000)} ville : ${'x'.repeat(50_000)}`;
    expect(findReceivers(long)).toEqual([]);
  });
});
