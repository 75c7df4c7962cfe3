import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Catalog } from './catalog.ts';
import { formatterFor, type Formatter } from './format.ts';
import { applyLocaleToDocument, directionOf, rememberLocale, type Locale } from './locale.ts';

interface LocaleState {
  locale: Locale;
  direction: 'ltr' | 'rtl';
  format: Formatter;
  setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleState | null>(null);

export function LocaleProvider({ initial, children }: { initial: Locale; children: ReactNode }) {
  const [locale, setLocaleState] = useState(initial);
  const setLocale = useCallback((next: Locale) => {
    rememberLocale(next);
    if (typeof document !== 'undefined') applyLocaleToDocument(document, next);
    setLocaleState(next);
  }, []);
  const value = useMemo<LocaleState>(
    () => ({ locale, direction: directionOf(locale), format: formatterFor(locale), setLocale }),
    [locale, setLocale],
  );
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (state === null) throw new Error('useLocale() outside <LocaleProvider>');
  return state;
}

/** The current language's messages of one catalogue. */
export function useMessages<M>(catalog: Catalog<M>): M {
  return catalog[useLocale().locale];
}
