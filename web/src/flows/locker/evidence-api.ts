/**
 * The evidence routes of the case API, through the portal's typed client: sealed bytes in, sealed
 * bytes out. The client's error codes are folded into the few situations the locker explains to
 * the person (each has a sentence in every language in `messages.ts`).
 */
import type { ApiResult, ClientError, StoredEvidence } from '@aman/api';
import { api } from '../media/api.ts';

export type { StoredEvidence };

export type EvidenceApiError =
  'wrong-pin' | 'locked' | 'too-large' | 'full' | 'withdrawn' | 'network' | 'failed';

export type EvidenceResult<T> =
  { ok: true; value: T } | { ok: false; error: EvidenceApiError; retryAfter?: number };

/** The client's codes the locker has its own sentence for; anything else is `failed`. */
const LOCKER_ERRORS: Partial<Record<ClientError['code'], EvidenceApiError>> = {
  network_error: 'network',
  wrong_pin: 'wrong-pin',
  case_not_found: 'wrong-pin',
  case_locked: 'locked',
  body_too_large: 'too-large',
  case_full: 'full',
  case_withdrawn: 'withdrawn',
};

function settle<T, U>(result: ApiResult<T>, value: (body: T) => U): EvidenceResult<U> {
  if (result.ok) return { ok: true, value: value(result.value) };
  const { code, retryAfter } = result.error;
  // A 401 without a known code still means the credentials were refused.
  const error = LOCKER_ERRORS[code] ?? (result.status === 401 ? 'wrong-pin' : 'failed');
  return {
    ok: false,
    error,
    ...(error === 'locked' && retryAfter !== undefined ? { retryAfter } : {}),
  };
}

export async function storeEvidence(
  caseNumber: string,
  pin: string,
  sealed: Uint8Array,
): Promise<EvidenceResult<StoredEvidence>> {
  return settle(await api.storeEvidence(caseNumber, pin, sealed), (stored) => stored);
}

export async function listEvidence(
  caseNumber: string,
  pin: string,
): Promise<EvidenceResult<readonly StoredEvidence[]>> {
  return settle(await api.listEvidence(caseNumber, pin), (list) => list.items);
}

export async function fetchEvidence(
  caseNumber: string,
  pin: string,
  id: string,
): Promise<EvidenceResult<Uint8Array>> {
  return settle(await api.getEvidence(caseNumber, pin, id), (bytes) => bytes);
}

export async function deleteEvidence(
  caseNumber: string,
  pin: string,
  id: string,
): Promise<EvidenceResult<null>> {
  return settle(await api.deleteEvidence(caseNumber, pin, id), () => null);
}
