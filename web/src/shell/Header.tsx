import { useId } from 'react';
import { Link } from '../app/router.tsx';
import { useLocale, useMessages } from '../i18n/LocaleProvider.tsx';
import { LOCALES, type Locale } from '../i18n/locale.ts';
import { ExitIcon, ShieldIcon } from '../ui/icons.tsx';
import { shellMessages } from './messages.ts';
import { neutralUrl, QUICK_EXIT_ATTRIBUTE } from './quick-exit.ts';

/** Each language's name in itself, so anyone can find their own. */
const LANGUAGE_NAMES: Record<Locale, string> = { fr: 'Français', ar: 'العربية', en: 'English' };

export function Header() {
  const m = useMessages(shellMessages);
  const { locale, setLocale } = useLocale();
  const hintId = useId();
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link to="/" className="brand">
          <ShieldIcon />
          <span className="brand-name">{m.appName}</span>
          <span className="brand-tagline">{m.tagline}</span>
        </Link>
        <nav className="languages" aria-label={m.language}>
          <ul>
            {LOCALES.map((code) => (
              <li key={code}>
                <button
                  type="button"
                  lang={code}
                  className="language"
                  aria-pressed={code === locale}
                  onClick={() => setLocale(code)}
                >
                  {LANGUAGE_NAMES[code]}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        {/* A real link, so it also works before the app has loaded; the boot script makes it
            replace this page in the history instead of adding to it. */}
        <a
          className="quick-exit"
          href={neutralUrl(locale)}
          rel="noreferrer"
          {...{ [QUICK_EXIT_ATTRIBUTE]: '' }}
          title={m.quickExitHint}
          aria-describedby={hintId}
        >
          <ExitIcon />
          {m.quickExit}
        </a>
        <span id={hintId} className="visually-hidden">
          {m.quickExitHint}
        </span>
      </div>
    </header>
  );
}
