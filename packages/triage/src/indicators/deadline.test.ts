import { describe, expect, it } from 'vitest';
import type { Candidate } from './candidate.ts';
import { digitRunStarts, wordsOf } from './candidate.ts';
import { findDeadlines } from './deadline.ts';
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

  it('reads the day named after يوم or nhar, and limits phrased as what remains or passes', () => {
    expect(
      deadlines(
        'قبل يوم الجمعة، 9bel nhar jem3a, فهاد ساعتين, 9bel ma tfout sa3a, قبل ما يدوز يوم, valable 72h, valid for 2 days',
      ),
    ).toEqual([
      'قبل يوم الجمعة → friday',
      '9bel nhar jem3a → friday',
      'فهاد ساعتين → PT2H',
      '9bel ma tfout sa3a → PT1H',
      'قبل ما يدوز يوم → P1D',
      'valable 72h → PT72H',
      'valid for 2 days → P2D',
    ]);
  });

  it('leaves a named time without a limit word to the caller, and never tomorrow', () => {
    expect(
      deadlines('envoie 200 € ce soir, pay the fee 2nite, khlles lyoum, on se voit demain'),
    ).toEqual([]);
    const looseDeadlines: Candidate[] = [];
    const text = 'envoie 200 € ce soir, pay the fee 2nite, khlles lyoum, on se voit demain';
    const lower = text.toLowerCase();
    findDeadlines({
      text,
      lower,
      defaultCountry: undefined,
      words: wordsOf(text, lower),
      digitStarts: digitRunStarts(text),
      looseDeadlines,
    });
    expect(looseDeadlines.map((d) => `${text.slice(d.start, d.end)} → ${d.normalized}`)).toEqual([
      'ce soir → tonight',
      '2nite → tonight',
      'lyoum → end-of-day',
    ]);
  });

  it('does not take a duration without a limit word for a deadline', () => {
    expect(deadlines('livraison en 24h chrono, 48 heures de route, ce soir on sort')).toEqual([]);
  });
});
