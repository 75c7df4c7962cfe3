import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from 'react';

/**
 * A deliberately tiny router. Links are real `<a href>` (they work before the app has loaded, and
 * with a screen reader's link list), and moving between screens REPLACES the history entry instead
 * of pushing one: Aman occupies a single entry in this tab's history, so after a Quick exit the Back
 * button cannot bring anyone to it. Every screen has its own Back link instead.
 */

export const PATHS = [
  '/',
  '/help',
  '/protect',
  '/case',
  '/locker',
  '/young',
  '/crisis',
  '/privacy',
] as const;
export type AppPath = (typeof PATHS)[number];

export function isAppPath(value: string): value is AppPath {
  return (PATHS as readonly string[]).includes(value);
}

interface RouterState {
  path: string;
  /** Incremented on every navigation, so pages can tell a visit from a first load. */
  visit: number;
  navigate: (to: AppPath) => void;
}

const RouterContext = createContext<RouterState | null>(null);

export function Router({ initialPath, children }: { initialPath: string; children: ReactNode }) {
  const [location, setLocation] = useState({ path: initialPath, visit: 0 });
  const navigate = useCallback((to: AppPath) => {
    if (typeof window !== 'undefined') {
      window.history.replaceState(null, '', to);
      window.scrollTo(0, 0);
    }
    setLocation((current) => ({ path: to, visit: current.visit + 1 }));
  }, []);
  useEffect(() => {
    // Another tab's Back/Forward, or a link opened by the browser itself. A jump to an anchor of
    // the same screen (the skip link) fires it too: that is no new visit, and the focus stays
    // where the browser put it instead of going to the screen's heading.
    const onPopState = () =>
      setLocation((current) =>
        current.path === window.location.pathname
          ? current
          : { path: window.location.pathname, visit: current.visit + 1 },
      );
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);
  const value = useMemo(() => ({ ...location, navigate }), [location, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterState {
  const state = useContext(RouterContext);
  if (state === null) throw new Error('useRouter() outside <Router>');
  return state;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: AppPath };

/** An in-app link: a plain anchor that the router takes over for ordinary clicks. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const { navigate } = useRouter();
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handleClick} {...rest} />;
}
