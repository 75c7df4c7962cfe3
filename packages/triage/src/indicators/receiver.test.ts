import { describe, expect, it } from 'vitest';
import { indicatorsOf, spansAreExact } from './test-helpers.ts';

const receivers = (text: string): string[] =>
  indicatorsOf(text, 'receiver').map(
    (r) => `${r.value} | ${r.normalized} | ${r.city ?? '-'} | ${r.service ?? '-'}`,
  );

describe('receiver', () => {
  it('reads the labelled name and city of a transfer in French, English, Arabic and Darija', () => {
    expect(
      receivers('Envoie 300 € par Western Union au nom de : Youssef El Amrani, ville : Oued Zem.'),
    ).toEqual(['Youssef El Amrani | amrani el youssef@ouedzem | Oued Zem | western-union']);
    expect(
      receivers('Send $500 by MoneyGram. Receiver name: Karim Bennani, city: Khouribga'),
    ).toEqual(['Karim Bennani | bennani karim@khouribga | Khouribga | moneygram']);
    expect(receivers('أرسل 2000 درهم عبر وفا كاش. الاسم: Karim Bennani المدينة: خريبكة')).toEqual([
      'Karim Bennani | bennani karim@khouribga | خريبكة | wafacash',
    ]);
    expect(
      receivers('صيفط 2000 درهم فكاش بلوس باسم يوسف العلمي، المدينة واد زم، وعطيني الكود'),
    ).toEqual(['يوسف العلمي | العلمي يوسف@ouedzem | واد زم | cash-plus']);
    expect(receivers('sift 1500 DH b Cash Plus, smiya: Hamza Tazi f Oued Zem')).toEqual([
      'Hamza Tazi | hamza tazi@ouedzem | Oued Zem | cash-plus',
    ]);
  });

  it('puts the first name given after its own label with the family name', () => {
    expect(
      receivers('Par Wafacash. Nom : EL AMRANI Prénom : Youssef Ville : Oued-Zem (Maroc)'),
    ).toEqual(['EL AMRANI Prénom : Youssef | amrani el youssef@ouedzem | Oued-Zem | wafacash']);
  });

  it('takes a city known from the reporting on these rings when it is not labelled', () => {
    expect(receivers('Send it in the name of Kouassi Bamba, Abidjan. Transfer today.')).toEqual([
      'Kouassi Bamba | bamba kouassi@abidjan | Abidjan | -',
    ]);
    expect(receivers('par MoneyGram, bénéficiaire : Nabil Saidi à Béni Mellal')).toEqual([
      'Nabil Saidi | nabil saidi@benimellal | Béni Mellal | moneygram',
    ]);
  });

  it('gives the same normalised value to every spelling of one receiver', () => {
    const forms = [
      'Western Union au nom de Youssef El Amrani, ville : OUED-ZEM',
      'western union, nom : EL AMRANI Youssef, ville : Oued zem',
      'WU receiver name: Yousséf El-Amrani, city: Oued Zem',
      'Western Union باسم Youssef El Amrani المدينة وادي زم',
    ];
    expect(
      new Set(forms.flatMap((text) => indicatorsOf(text, 'receiver').map((r) => r.normalized))),
    ).toEqual(new Set(['amrani el youssef@ouedzem']));
  });

  it('sees through look-alike letters and invisible characters, and reports them as written', () => {
    const text = 'Western Union au nom de : Yоussef\u200b Еl Amrani, ville : Оued Zem'; // Cyrillic о Е О
    const [receiver] = indicatorsOf(text, 'receiver');
    expect(receiver).toMatchObject({ normalized: 'amrani el youssef@ouedzem', valid: true });
    expect(spansAreExact(text, indicatorsOf(text))).toBe(true);
  });

  it('finds nothing without a transfer, a label, a full name or a city', () => {
    expect(receivers('Hello, my name is Sara Alaoui and I live in Casablanca.')).toEqual([]);
    expect(receivers('Western Union: send 300 euros to Youssef El Amrani.')).toEqual([]);
    expect(receivers('Send by Western Union, name: Youssef El Amrani.')).toEqual([]);
    expect(receivers('Send by Western Union, name: youssef, city: Oued Zem')).toEqual([]);
    expect(
      receivers('Nom : Youssef El Amrani, ville : Oued Zem. Inscription au club de foot.'),
    ).toEqual([]);
  });

  it('returns on long hostile input', () => {
    const long = `Western Union nom : ${'Aaaa '.repeat(20_000)} ville : ${'x'.repeat(50_000)}`;
    expect(indicatorsOf(long, 'receiver')).toEqual([]);
  });
});
