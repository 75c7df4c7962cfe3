import { useCallback, useEffect, useState } from 'react';
import type { ApiResult } from '@aman/api';
import { consoleSession } from './session.ts';

export type Loaded<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly value: T }
  | { readonly state: 'failed'; readonly status: number; readonly message: string };

/**
 * Loads from the API when the page opens (and on `reload`). A 401 means the session ended: the
 * console goes back to its sign-in page.
 */
export function useApi<T>(
  load: () => Promise<ApiResult<T>>,
  deps: readonly unknown[],
): [Loaded<T>, () => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (result) => {
        if (!live) return;
        if (result.ok) setLoaded({ state: 'ready', value: result.value });
        else {
          if (result.status === 401) consoleSession.expired();
          setLoaded({ state: 'failed', status: result.status, message: result.error.message });
        }
      },
      (error: unknown) => {
        if (live) setLoaded({ state: 'failed', status: 0, message: String(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [...deps, round]);
  const reload = useCallback(() => setRound((value) => value + 1), []);
  return [loaded, reload];
}

/** Runs a change; answers the error message, or null when it worked. */
export async function change<T>(
  run: () => Promise<ApiResult<T>>,
  onDone?: (value: T) => void,
): Promise<string | null> {
  const result = await run();
  if (result.ok) {
    onDone?.(result.value);
    return null;
  }
  if (result.status === 401) consoleSession.expired();
  return result.error.message;
}
