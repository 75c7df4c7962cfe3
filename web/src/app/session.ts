import { useSyncExternalStore } from 'react';
import type { EvidenceItem } from '../flows/locker/evidence.ts';

/**
 * What the portal holds while this tab is open, in memory only: never in localStorage, never in a
 * URL. Closing the tab, reloading or Quick exit forgets it. It lets one flow hand over to the next
 * (the case just opened to the case page, a triaged message to the evidence locker).
 */

export interface CaseCredentials {
  readonly caseNumber: string;
  readonly pin: string;
}

interface SessionState {
  readonly credentials: CaseCredentials | null;
  readonly evidence: readonly EvidenceItem[];
}

let state: SessionState = { credentials: null, evidence: [] };
const listeners = new Set<() => void>();

function update(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const session = {
  get: (): SessionState => state,
  setCredentials(credentials: CaseCredentials | null): void {
    update({ ...state, credentials });
  },
  addEvidence(...items: EvidenceItem[]): void {
    const known = new Set(state.evidence.map((item) => item.storedId ?? item.id));
    const fresh = items.filter((item) => !known.has(item.storedId ?? item.id));
    update({ ...state, evidence: [...state.evidence, ...fresh] });
  },
  replaceEvidence(id: string, item: EvidenceItem): void {
    update({ ...state, evidence: state.evidence.map((old) => (old.id === id ? item : old)) });
  },
  removeEvidence(id: string): void {
    update({ ...state, evidence: state.evidence.filter((item) => item.id !== id) });
  },
};

export function useSession(): SessionState {
  return useSyncExternalStore(subscribe, session.get, session.get);
}
