import { lazy, Suspense, useEffect, type ComponentType, type ReactNode } from 'react';
import type { StaffRole } from '@aman/api';
import { LOCALES, type Locale } from '../i18n/locale.ts';
import { useLocale, useMessages } from '../i18n/LocaleProvider.tsx';
import { consoleMessages } from './messages.ts';
import { ConsoleLink, matchPath, usePath } from './router.tsx';
import { consoleSession, useConsoleSession } from './session.ts';
import './console.css';

/**
 * The staff console, under /console: a separate part of the app, loaded only when a staff member
 * opens it (the victim's first screen never pays for it). Pages are chosen by path and by the
 * signed-in member's role; the server checks the role of every request anyway.
 */
const pages = {
  home: lazy(() => import('./pages/HomePage.tsx')),
  cases: lazy(() => import('./pages/CasesPage.tsx')),
  case: lazy(() => import('./pages/CasePage.tsx')),
  networks: lazy(() => import('./pages/NetworksPage.tsx')),
  network: lazy(() => import('./pages/NetworkPage.tsx')),
  graph: lazy(() => import('./pages/GraphPage.tsx')),
  trends: lazy(() => import('./pages/TrendsPage.tsx')),
  hubs: lazy(() => import('./pages/HubsPage.tsx')),
  safelist: lazy(() => import('./pages/SafelistPage.tsx')),
  platform: lazy(() => import('./pages/PlatformPage.tsx')),
  matchDebug: lazy(() => import('./pages/MatchDebugPage.tsx')),
  staff: lazy(() => import('./pages/StaffPage.tsx')),
  account: lazy(() => import('./pages/AccountPage.tsx')),
  login: lazy(() => import('./pages/LoginPage.tsx')),
  setup: lazy(() => import('./pages/SetupPage.tsx')),
} satisfies Record<string, ComponentType<{ params: Record<string, string> }>>;

type PageName = keyof typeof pages;

const ALL: readonly StaffRole[] = ['admin', 'helpline', 'investigator', 'platform'];
const INTEL: readonly StaffRole[] = ['investigator', 'admin'];

/** Path, page and the roles that may open it (the same as the API routes it calls). */
const ROUTES: readonly { path: string; page: PageName; roles: readonly StaffRole[] }[] = [
  { path: '/console', page: 'home', roles: ALL },
  { path: '/console/cases', page: 'cases', roles: ['helpline'] },
  { path: '/console/cases/:shareId', page: 'case', roles: ['helpline'] },
  { path: '/console/networks', page: 'networks', roles: INTEL },
  { path: '/console/networks/:networkId', page: 'network', roles: INTEL },
  { path: '/console/graph', page: 'graph', roles: INTEL },
  { path: '/console/trends', page: 'trends', roles: INTEL },
  { path: '/console/hubs', page: 'hubs', roles: INTEL },
  { path: '/console/safelist', page: 'safelist', roles: INTEL },
  { path: '/console/platform', page: 'platform', roles: ['platform', 'admin'] },
  { path: '/console/match-debug', page: 'matchDebug', roles: ALL },
  { path: '/console/staff', page: 'staff', roles: ['admin'] },
  { path: '/console/account', page: 'account', roles: ALL },
];

const NAV: readonly { path: string; label: keyof (typeof consoleMessages)['en']['nav'] }[] = [
  { path: '/console', label: 'home' },
  { path: '/console/cases', label: 'cases' },
  { path: '/console/networks', label: 'networks' },
  { path: '/console/graph', label: 'graph' },
  { path: '/console/trends', label: 'trends' },
  { path: '/console/hubs', label: 'hubs' },
  { path: '/console/safelist', label: 'safelist' },
  { path: '/console/platform', label: 'platform' },
  { path: '/console/match-debug', label: 'matchDebug' },
  { path: '/console/staff', label: 'staff' },
  { path: '/console/account', label: 'account' },
];

export default function ConsoleApp() {
  const { session } = useConsoleSession();
  const path = usePath();
  const m = useMessages(consoleMessages);
  useEffect(() => {
    void consoleSession.refresh();
  }, []);
  useEffect(() => {
    document.title = m.title;
    document.documentElement.dataset.app = 'ready';
  }, [m.title]);

  let content: ReactNode;
  if (path.startsWith('/console/setup')) {
    content = <Page name="setup" params={{}} />;
  } else if (session === undefined) {
    content = <p className="loading">{m.loading}</p>;
  } else if (session === null) {
    content = <Page name="login" params={{}} />;
  } else {
    const found = ROUTES.map((route) => ({ route, params: matchPath(route.path, path) })).find(
      (candidate) => candidate.params !== null,
    );
    if (found === undefined) content = <p role="alert">{m.notFound}</p>;
    else if (!found.route.roles.includes(session.staff.role)) {
      content = (
        <p role="alert" className="callout callout-error" data-testid="forbidden">
          {m.forbidden}
        </p>
      );
    } else {
      // Keyed by the path: another case or network is another page, with none of this one's state
      // (a selected node, a half-typed note) carried over.
      content = <Page key={path} name={found.route.page} params={found.params!} />;
    }
  }

  const role = session?.staff.role;
  return (
    <div className="console" data-role={role ?? 'none'}>
      <header className="console-header">
        <ConsoleLink to="/console" className="console-brand">
          {m.title}
        </ConsoleLink>
        {session !== null && session !== undefined && (
          <span className="console-who">
            {session.staff.name} · {m.roles[session.staff.role]}
          </span>
        )}
        <Languages />
        {session !== null && session !== undefined && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => void consoleSession.signOut()}
          >
            {m.nav.signOut}
          </button>
        )}
      </header>
      {role !== undefined && (
        <nav className="console-nav" aria-label={m.title}>
          <ul>
            {NAV.filter((item) =>
              ROUTES.find((route) => route.path === item.path)!.roles.includes(role),
            ).map((item) => (
              <li key={item.path}>
                <ConsoleLink to={item.path} aria-current={path === item.path ? 'page' : undefined}>
                  {m.nav[item.label]}
                </ConsoleLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <main className="console-main">{content}</main>
    </div>
  );
}

function Page({ name, params }: { name: PageName; params: Record<string, string> }) {
  const m = useMessages(consoleMessages);
  const Component = pages[name];
  return (
    <Suspense fallback={<p className="loading">{m.loading}</p>}>
      <Component params={params} />
    </Suspense>
  );
}

const LANGUAGE_NAMES: Record<Locale, string> = { fr: 'Français', ar: 'العربية', en: 'English' };

function Languages() {
  const { locale, setLocale } = useLocale();
  const m = useMessages(consoleMessages);
  return (
    <div className="console-languages" role="group" aria-label={m.nav.language}>
      {LOCALES.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          className="language"
          aria-pressed={code === locale}
          onClick={() => setLocale(code)}
        >
          {LANGUAGE_NAMES[code]}
        </button>
      ))}
    </div>
  );
}
