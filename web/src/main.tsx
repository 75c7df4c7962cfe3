import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { pickCountry, readRememberedCountry } from './content/country.tsx';
import {
  applyLocaleToDocument,
  isLocale,
  pickLocale,
  readRememberedLocale,
} from './i18n/locale.ts';
import { installQuickExit } from './shell/quick-exit.ts';
import './styles/app.css';

// The boot script has normally set <html lang> already; in development it has not run.
const languages = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
const htmlLang = document.documentElement.lang;
const locale = isLocale(htmlLang) ? htmlLang : pickLocale(languages, readRememberedLocale());
applyLocaleToDocument(document, locale);
installQuickExit(window);

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
// The app replaces the prerendered screens (it does not hydrate them: there is one per language).
// React's root cleared them itself; Preact's (the browser build's React) would try to reuse them.
root.replaceChildren();
createRoot(root).render(
  <StrictMode>
    <App
      locale={locale}
      country={pickCountry(languages, locale, readRememberedCountry())}
      path={location.pathname}
    />
  </StrictMode>,
);
