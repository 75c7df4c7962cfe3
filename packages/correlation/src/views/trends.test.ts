import { describe, expect, it } from 'vitest';
import { isoWeek } from './trends.ts';

describe('isoWeek', () => {
  it('follows ISO 8601 at year boundaries', () => {
    const cases: Array<[string, string]> = [
      ['2024-12-30T10:00:00Z', '2025-W01'], // Monday of week 1 of 2025
      ['2025-01-05T23:59:59Z', '2025-W01'], // its Sunday
      ['2025-01-06T00:00:00Z', '2025-W02'],
      ['2021-01-03T12:00:00Z', '2020-W53'], // 2020 had 53 weeks
      ['2020-12-31T12:00:00Z', '2020-W53'],
      ['2026-12-31T12:00:00Z', '2026-W53'],
      ['2027-01-01T12:00:00Z', '2026-W53'],
      ['2019-12-30T00:00:00Z', '2020-W01'],
      ['1969-12-31T12:00:00Z', '1970-W01'],
    ];
    for (const [time, week] of cases) expect(isoWeek(Date.parse(time)), time).toBe(week);
  });
});
