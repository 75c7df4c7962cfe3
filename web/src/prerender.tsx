import { renderToString } from 'react-dom/server';
import { App } from './app/App.tsx';
import { defaultCountryFor } from './content/country.tsx';
import { directionOf, LOCALES } from './i18n/locale.ts';

/**
 * The first screen as HTML, once per language, for the build to put in index.html: on a slow
 * connection it shows (in the language the boot script picks) and its links work before the app's
 * JavaScript has arrived. The app replaces it when it starts.
 */
export function renderFirstScreens(): string {
  return LOCALES.map(
    (locale) =>
      `<div class="prerendered" data-locale="${locale}" lang="${locale}" dir="${directionOf(locale)}">` +
      renderToString(<App locale={locale} country={defaultCountryFor(locale)} path="/" />, {
        identifierPrefix: `${locale}-`,
      }) +
      '</div>',
  ).join('');
}
