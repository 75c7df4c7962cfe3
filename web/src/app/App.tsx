import {
  Component,
  lazy,
  Suspense,
  useEffect,
  useId,
  type ComponentType,
  type ReactNode,
} from 'react';
import { CountryProvider } from '../content/country.tsx';
import type { Country } from '../content/countries.ts';
import { LocaleProvider, useMessages } from '../i18n/LocaleProvider.tsx';
import type { Locale } from '../i18n/locale.ts';
import { Home } from '../pages/Home.tsx';
import { Footer } from '../shell/Footer.tsx';
import { Header } from '../shell/Header.tsx';
import { shellMessages } from '../shell/messages.ts';
import { SafetyStrip } from '../shell/SafetyStrip.tsx';
import { AnnouncerProvider } from '../ui/Announcer.tsx';
import { Page } from '../ui/Page.tsx';
import { BackLink } from '../ui/BackLink.tsx';
import { isAppPath, Router, useRouter, type AppPath } from './router.tsx';

/**
 * Screens other than the first are separate chunks, loaded when visited: the first screen's
 * JavaScript stays small (hashing, triage, PDF and their languages' texts come later, on demand).
 */
const screens: Record<Exclude<AppPath, '/'>, ComponentType> = {
  '/help': lazy(() => import('../flows/triage/TriagePage.tsx')),
  '/protect': lazy(() => import('../flows/protect/ProtectPage.tsx')),
  '/case': lazy(() => import('../flows/case/CasePage.tsx')),
  '/locker': lazy(() => import('../flows/locker/LockerPage.tsx')),
  '/young': lazy(() => import('../pages/Young.tsx')),
  '/crisis': lazy(() => import('../pages/Crisis.tsx')),
  '/privacy': lazy(() => import('../pages/Privacy.tsx')),
};

/** The staff console (/console): its own layout, loaded only when opened. */
const ConsoleApp = lazy(() => import('../console/ConsoleApp.tsx'));

export function App({ locale, country, path }: { locale: Locale; country: Country; path: string }) {
  if (path === '/console' || path.startsWith('/console/')) {
    return (
      <LocaleProvider initial={locale}>
        <Suspense fallback={null}>
          <ConsoleApp />
        </Suspense>
      </LocaleProvider>
    );
  }
  return (
    <LocaleProvider initial={locale}>
      <CountryProvider initial={country}>
        <Router initialPath={path}>
          <AnnouncerProvider>
            <Shell />
          </AnnouncerProvider>
        </Router>
      </CountryProvider>
    </LocaleProvider>
  );
}

function Shell() {
  const m = useMessages(shellMessages);
  const { path } = useRouter();
  // Ids from useId stay unique when the first screen is prerendered once per language.
  const mainId = useId();
  useEffect(() => {
    // Marks the moment the app is interactive (the e2e tests and bench:web wait for it).
    document.documentElement.dataset.app = 'ready';
    performance.mark('aman:app-ready');
  }, []);
  return (
    <>
      <a className="skip-link" href={`#${mainId}`}>
        {m.skipToContent}
      </a>
      <Header />
      <SafetyStrip />
      <main id={mainId} tabIndex={-1}>
        <ScreenBoundary key={path}>
          <Suspense fallback={<p className="loading">{m.loading}</p>}>
            <Screen path={path} />
          </Suspense>
        </ScreenBoundary>
      </main>
      <Footer />
    </>
  );
}

function Screen({ path }: { path: string }) {
  if (!isAppPath(path)) return <NotFound />;
  if (path === '/') return <Home />;
  const Lazy = screens[path];
  return <Lazy />;
}

function NotFound() {
  const m = useMessages(shellMessages);
  return (
    <Page title={m.notFoundTitle} lead={m.notFoundBody}>
      <BackLink />
    </Page>
  );
}

/** A chunk that fails to load (a dropped connection) gets a calm message and a retry. */
class ScreenBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    if (this.state.failed) return <LoadFailed onRetry={() => this.setState({ failed: false })} />;
    return this.props.children;
  }
}

function LoadFailed({ onRetry }: { onRetry: () => void }) {
  const m = useMessages(shellMessages);
  return (
    <div role="alert" className="callout callout-error">
      <p>{m.loadFailed}</p>
      <button type="button" className="button" onClick={onRetry}>
        {m.retry}
      </button>
    </div>
  );
}
