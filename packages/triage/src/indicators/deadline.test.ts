import { describe, expect, it } from 'vitest';
import { indicatorsOf } from './test-helpers.ts';

function deadlines(text: string): string[] {
  return indicatorsOf(text, 'deadline').map((d) => `${d.value} → ${d.normalized}`);
}

describe('deadline', () => {
  it('reads time limits in French, English, Arabic and Darija', () => {
    expect(
      deadlines('tu as 24h, dans les 48 heures, within 2 days, 3ndk 24 sa3a, خلال 48 ساعة'),
    ).toEqual([
      'tu as 24h → PT24H',
      'dans les 48 heures → PT48H',
      'within 2 days → P2D',
      '3ndk 24 sa3a → PT24H',
      'خلال 48 ساعة → PT48H',
    ]);
  });

  it('reads durations written in words and Arabic duals', () => {
    expect(deadlines('in the next hour; u have 10 mins; عندك غير ساعتين; within a week')).toEqual([
      'in the next hour → PT1H',
      'u have 10 mins → PT10M',
      'غير ساعتين → PT2H',
      'within a week → P1W',
    ]);
  });

  it('reads named moments after "before"', () => {
    expect(deadlines('before midnight, avant demain, قبل غدا, 9bel l3chiya, حتى لغدا')).toEqual([
      'before midnight → midnight',
      'avant demain → tomorrow',
      'قبل غدا → tomorrow',
      '9bel l3chiya → tonight',
      'حتى لغدا → tomorrow',
    ]);
  });

  it('reads dates, day first or month first when only that reading exists, and weekdays', () => {
    expect(
      deadlines(
        'avant le 30 juin, by 15/06, due by 06/30, by August 31, avant vendredi, قبل الجمعة',
      ),
    ).toEqual([
      'avant le 30 juin → --06-30',
      'by 15/06 → --06-15',
      'by 06/30 → --06-30',
      'by August 31 → --08-31',
      'avant vendredi → friday',
      'قبل الجمعة → friday',
    ]);
  });

  it('reads "avant 20h" as a time of day and "avant 24h" as a duration', () => {
    expect(deadlines('avant 20h')).toEqual(['avant 20h → T20:00']);
    expect(deadlines('avant 24h')).toEqual(['avant 24h → PT24H']);
  });

  it('does not take a duration without a limit word for a deadline', () => {
    expect(deadlines('livraison en 24h chrono, 48 heures de route, ce soir on sort')).toEqual([]);
  });
});
