/**
 * The portal's languages and how the first one is chosen. This module is shared by the boot script
 * (which runs before React, so that the first paint is already in the right language and direction)
 * and by the app, so the choice is made in exactly one place.
 */

export const LOCALES = ['fr', 'ar', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Used when none of the browser's languages is one we speak. */
export const FALLBACK_LOCALE: Locale = 'en';

/** The only key the portal keeps in localStorage for the language: a choice, nothing personal. */
export const LOCALE_STORAGE_KEY = 'aman.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Right-to-left for Arabic; the layout uses logical CSS properties, so this flips it whole. */
export function directionOf(locale: Locale): 'ltr' | 'rtl' {
  return locale === 'ar' ? 'rtl' : 'ltr';
}

/**
 * The locale for Intl formatting. Arabic uses Latin digits, as Morocco and the rest of the Maghreb
 * do; case numbers and PINs are copied by hand, and mixing digit systems there causes mistakes.
 */
export function intlLocaleOf(locale: Locale): string {
  return locale === 'ar' ? 'ar-u-nu-latn' : locale;
}

/**
 * Picks the portal's language: a choice remembered on this device first, then the first of the
 * browser's languages that we speak (`fr-BE` counts as `fr`), then English.
 *
 * @example
 * pickLocale(['ar-MA', 'fr'], null); // 'ar'
 * pickLocale(['de-DE'], 'fr'); // 'fr' (remembered)
 */
export function pickLocale(browserLanguages: readonly string[], remembered: string | null): Locale {
  if (isLocale(remembered)) return remembered;
  for (const tag of browserLanguages) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (isLocale(primary)) return primary;
  }
  return FALLBACK_LOCALE;
}

/** Reads the remembered choice; storage can be disabled (private windows, strict settings). */
export function readRememberedLocale(): string | null {
  try {
    return globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

export function rememberLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Not remembering is fine: the browser's languages decide next time.
  }
}

/** Sets `lang` and `dir` on <html>, which the CSS (fonts, mirroring, logical properties) keys on. */
export function applyLocaleToDocument(doc: Document, locale: Locale): void {
  doc.documentElement.lang = locale;
  doc.documentElement.dir = directionOf(locale);
}
