/**
 * Runs before anything else paints (a small blocking script in <head>): puts the page in the right
 * language and direction, so the prerendered first screen shows in it at once, and arms the Quick
 * exit (button and Esc) before the app itself has loaded on a slow connection.
 */
import { applyLocaleToDocument, pickLocale, readRememberedLocale } from './i18n/locale.ts';
import { installQuickExit } from './shell/quick-exit.ts';

const languages = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
applyLocaleToDocument(document, pickLocale(languages, readRememberedLocale()));
if (location.pathname !== '/') document.documentElement.classList.add('deep-link');
installQuickExit(window);
performance.mark('aman:boot');
