import type { Locale } from '../i18n/locale.ts';

/**
 * "Quick exit": leave Aman at once when someone walks in. The page goes blank immediately, this
 * tab forgets what it held, and the current history entry is replaced by a neutral page (a weather
 * search in the page's language), so Back does not return here. The portal keeps a single history
 * entry for all its screens (see app/router.tsx), so nothing of Aman is left behind in this tab's
 * history either.
 */

const NEUTRAL_QUERY: Record<Locale, string> = { fr: 'météo', ar: 'طقس', en: 'weather' };

export function neutralUrl(locale: Locale): string {
  return `https://www.google.com/search?q=${encodeURIComponent(NEUTRAL_QUERY[locale])}`;
}

/** Set while leaving, so that "are you sure you want to leave?" guards stay quiet. */
export const LEAVING_ATTRIBUTE = 'data-leaving';

/** Elements carrying this attribute (the Quick exit button, prerendered or React's) trigger it. */
export const QUICK_EXIT_ATTRIBUTE = 'data-quick-exit';

export function quickExit(win: Window): void {
  const doc = win.document;
  const lang = doc.documentElement.lang;
  const locale: Locale = lang === 'fr' || lang === 'ar' ? lang : 'en';
  doc.documentElement.setAttribute(LEAVING_ATTRIBUTE, 'true');
  doc.title = '';
  doc.body.replaceChildren();
  try {
    win.sessionStorage.clear();
  } catch {
    // Storage may be disabled; there is then nothing in it to clear.
  }
  win.location.replace(neutralUrl(locale));
}

export function isLeaving(doc: Document): boolean {
  return doc.documentElement.hasAttribute(LEAVING_ATTRIBUTE);
}

const INSTALLED = Symbol.for('aman.quickExitInstalled');

/**
 * Wires Esc and every `[data-quick-exit]` element to `quickExit`. Runs in the boot script, before
 * the app loads, so the way out works from the first paint; calling it again does nothing.
 * Esc is left to an open modal dialog (it closes the dialog) and to input methods composing text.
 */
export function installQuickExit(win: Window): void {
  const flagged = win as unknown as Record<symbol, boolean>;
  if (flagged[INSTALLED] === true) return;
  flagged[INSTALLED] = true;
  win.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || event.isComposing || event.defaultPrevented) return;
    if (win.document.querySelector('dialog[open]') !== null) return;
    event.preventDefault();
    quickExit(win);
  });
  win.addEventListener('click', (event) => {
    const target = event.target as { closest?: (selector: string) => unknown } | null;
    if (typeof target?.closest !== 'function') return;
    if (target.closest(`[${QUICK_EXIT_ATTRIBUTE}]`) === null) return;
    event.preventDefault();
    quickExit(win);
  });
}
