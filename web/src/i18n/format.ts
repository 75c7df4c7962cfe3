import { intlLocaleOf, type Locale } from './locale.ts';

/**
 * Locale-aware formatting, always through Intl in the chosen language (never toString on a
 * number or a date).
 *
 * @example
 * const f = formatterFor('fr');
 * f.number(1234.5); // '1 234,5'
 * f.bytes(5_242_880); // '5 Mo'
 */
export interface Formatter {
  number(value: number): string;
  percent(fraction: number): string;
  /** A date and time, e.g. for feedback ("Blocked on …") and evidence timestamps. */
  dateTime(value: Date | string | number): string;
  date(value: Date | string | number): string;
  bytes(size: number): string;
  list(items: readonly string[]): string;
}

const cache = new Map<Locale, Formatter>();

export function formatterFor(locale: Locale): Formatter {
  let formatter = cache.get(locale);
  if (formatter === undefined) {
    formatter = createFormatter(locale);
    cache.set(locale, formatter);
  }
  return formatter;
}

/** Builds a formatter on first use: Intl formatters are slow to make, the first screen needs none. */
function once<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

function createFormatter(locale: Locale): Formatter {
  const tag = intlLocaleOf(locale);
  const number = once(() => new Intl.NumberFormat(tag, { maximumFractionDigits: 1 }));
  const percent = once(
    () => new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 }),
  );
  const dateTime = once(
    () => new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeStyle: 'short' }),
  );
  const date = once(() => new Intl.DateTimeFormat(tag, { dateStyle: 'long' }));
  const list = once(() => new Intl.ListFormat(tag, { type: 'conjunction' }));
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  const byUnit = units.map((unit) =>
    once(
      () =>
        new Intl.NumberFormat(tag, {
          style: 'unit',
          unit,
          unitDisplay: 'short',
          maximumFractionDigits: 1,
        }),
    ),
  );
  return {
    number: (value) => number().format(value),
    percent: (fraction) => percent().format(fraction),
    dateTime: (value) => dateTime().format(new Date(value)),
    date: (value) => date().format(new Date(value)),
    bytes(size) {
      let index = 0;
      let value = size;
      while (value >= 1024 && index < units.length - 1) {
        value /= 1024;
        index++;
      }
      return byUnit[index]!().format(value);
    },
    list: (items) => list().format(items),
  };
}
