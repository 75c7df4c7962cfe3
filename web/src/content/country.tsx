import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Locale } from '../i18n/locale.ts';
import { COUNTRIES, type Country } from './countries.ts';

/** The only other thing remembered on this device: which country's services to show. */
export const COUNTRY_STORAGE_KEY = 'aman.country';

export function isCountry(value: unknown): value is Country {
  return typeof value === 'string' && (COUNTRIES as readonly string[]).includes(value);
}

/**
 * The country whose services come first: a remembered choice, else the region of the browser's
 * languages (`fr-MA` means Morocco), else a guess from the language (French: France, Arabic:
 * Morocco, where Aman's partners are), else none in particular.
 *
 * @example
 * pickCountry(['fr-MA'], 'fr', null); // 'MA'
 * pickCountry(['en-GB'], 'en', null); // 'other'
 */
export function pickCountry(
  browserLanguages: readonly string[],
  locale: Locale,
  remembered: string | null,
): Country {
  if (isCountry(remembered)) return remembered;
  for (const tag of browserLanguages) {
    const region = tag.split(/[-_]/)[1]?.toUpperCase();
    if (region === 'FR' || region === 'MA') return region;
    if (region !== undefined && /^[A-Z]{2}$/.test(region)) return 'other';
  }
  return defaultCountryFor(locale);
}

/** French speakers most often write from France, Arabic speakers from Morocco (Aman's partners). */
export function defaultCountryFor(locale: Locale): Country {
  if (locale === 'fr') return 'FR';
  if (locale === 'ar') return 'MA';
  return 'other';
}

export function readRememberedCountry(): string | null {
  try {
    return globalThis.localStorage?.getItem(COUNTRY_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

interface CountryState {
  country: Country;
  setCountry: (country: Country) => void;
}

const CountryContext = createContext<CountryState | null>(null);

export function CountryProvider({ initial, children }: { initial: Country; children: ReactNode }) {
  const [country, setCountryState] = useState(initial);
  const setCountry = useCallback((next: Country) => {
    try {
      globalThis.localStorage?.setItem(COUNTRY_STORAGE_KEY, next);
    } catch {
      // Not remembering is fine.
    }
    setCountryState(next);
  }, []);
  const value = useMemo(() => ({ country, setCountry }), [country, setCountry]);
  return <CountryContext.Provider value={value}>{children}</CountryContext.Provider>;
}

export function useCountry(): CountryState {
  const state = useContext(CountryContext);
  if (state === null) throw new Error('useCountry() outside <CountryProvider>');
  return state;
}
