import { AmanClient, type ClientError } from '@aman/api';
import type { mediaMessages } from './messages.ts';

/** The API of the server that served this page: same origin, nothing else is ever contacted. */
export const api = new AmanClient({ baseUrl: globalThis.location?.origin ?? '' });

type MediaMessages = (typeof mediaMessages)['en'];

/** A failed call, in words for the person (the server's own message is for developers). */
export function apiErrorMessage(error: ClientError, m: MediaMessages): string {
  if (error.code === 'case_locked') {
    return m.lockedFor(Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60)));
  }
  return m.apiErrors[error.code] ?? m.apiErrorDefault;
}
