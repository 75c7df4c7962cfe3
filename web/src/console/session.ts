import { useSyncExternalStore } from 'react';
import {
  ConsoleClient,
  openPrivateKey,
  type CryptoKey,
  type SessionResponse,
  type StaffRole,
} from '@aman/api';

/**
 * The console's session in this tab: the signed-in staff member (the cookie itself is HttpOnly:
 * this page never sees it) and, for helpline members, their private key once unlocked with their
 * password. The key lives in memory only, as a non-extractable CryptoKey: reloading the page or
 * signing out forgets it.
 */
export const consoleClient = new ConsoleClient({ baseUrl: location.origin });

interface ConsoleSessionState {
  /** undefined: not known yet; null: not signed in. */
  readonly session: SessionResponse | null | undefined;
  readonly privateKey: CryptoKey | null;
}

let state: ConsoleSessionState = { session: undefined, privateKey: null };
const listeners = new Set<() => void>();

function update(next: Partial<ConsoleSessionState>): void {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

export const consoleSession = {
  get: (): ConsoleSessionState => state,
  subscribe: (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /**
   * Asks the server who is signed in (the cookie decides). A tab that never signed in does not
   * ask: it goes straight to the sign-in page, without a 401 in the browser's console.
   */
  async refresh(): Promise<void> {
    if (!mayBeSignedIn()) {
      update({ session: null });
      return;
    }
    const me = await consoleClient.me();
    rememberSignedIn(me.ok);
    update({ session: me.ok ? me.value : null });
  },
  /** After sign-in or setup: keeps the session, and unlocks the key with the password typed. */
  async signedIn(session: SessionResponse, password: string): Promise<void> {
    rememberSignedIn(true);
    const privateKey =
      session.keyPair === null
        ? null
        : ((await openPrivateKey(session.keyPair.wrappedPrivateKey, password)) ?? null);
    update({ session, privateKey });
  },
  async unlock(password: string): Promise<boolean> {
    const keyPair = state.session?.keyPair;
    if (keyPair === null || keyPair === undefined) return false;
    const privateKey = await openPrivateKey(keyPair.wrappedPrivateKey, password);
    if (privateKey === undefined) return false;
    update({ privateKey });
    return true;
  },
  async signOut(): Promise<void> {
    rememberSignedIn(false);
    await consoleClient.logout();
    update({ session: null, privateKey: null });
  },
  /** The server said the session ended (401): back to the sign-in page. */
  expired(): void {
    rememberSignedIn(false);
    update({ session: null, privateKey: null });
  },
};

export function useConsoleSession(): ConsoleSessionState {
  return useSyncExternalStore(consoleSession.subscribe, consoleSession.get, consoleSession.get);
}

export function roleOf(state: ConsoleSessionState): StaffRole | null {
  return state.session?.staff.role ?? null;
}

/** Only a flag, in this tab's sessionStorage: never the session itself (its cookie is HttpOnly). */
const SIGNED_IN_FLAG = 'aman.console.signed-in';

function mayBeSignedIn(): boolean {
  try {
    return sessionStorage.getItem(SIGNED_IN_FLAG) === '1';
  } catch {
    return true;
  }
}

function rememberSignedIn(signedIn: boolean): void {
  try {
    if (signedIn) sessionStorage.setItem(SIGNED_IN_FLAG, '1');
    else sessionStorage.removeItem(SIGNED_IN_FLAG);
  } catch {
    // Storage disabled: the console asks the server each time.
  }
}
