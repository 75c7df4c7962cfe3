import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/**
 * One polite live region for the whole app: progress ("hashing 2 of 4"), results ("this looks like
 * webcam blackmail") and errors are read out by screen readers without moving focus.
 */
const AnnouncerContext = createContext<(message: string) => void>(() => {});

export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  const announce = useCallback((next: string) => {
    // Clearing first makes a repeated identical message be read again.
    setMessage('');
    requestAnimationFrame(() => setMessage(next));
  }, []);
  const value = useMemo(() => announce, [announce]);
  return (
    <AnnouncerContext.Provider value={value}>
      {children}
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {message}
      </div>
    </AnnouncerContext.Provider>
  );
}

export function useAnnounce(): (message: string) => void {
  return useContext(AnnouncerContext);
}
