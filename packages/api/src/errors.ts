import { consoleErrorCodes } from './console/errors.ts';

/**
 * Every error the API can answer, with its HTTP status and what it means.
 *
 * The body of every error response is `{"error": {"code", "message"}}`: `code` is stable and meant
 * for programs (switch on it), `message` is a sentence for people and may change.
 */
export const errorCodes = {
  // 400: the request itself is wrong. One code per kind of mistake.
  invalid_json: { status: 400, description: 'The body is not valid JSON.' },
  invalid_request: {
    status: 400,
    description: 'The body or query does not have the expected shape.',
  },
  unknown_field: {
    status: 400,
    description:
      'The body has a field this route does not accept (no field takes media or personal data).',
  },
  no_signals: { status: 400, description: 'The request needs at least one signal.' },
  too_many_signals: {
    status: 400,
    description: 'The request has more signals than this route takes in one call.',
  },
  unknown_signal_type: {
    status: 400,
    description: 'The signal type is not one of pdq, vpdq, md5, sha256.',
  },
  invalid_pdq: { status: 400, description: 'A PDQ value is not 64 hex digits.' },
  invalid_vpdq: {
    status: 400,
    description:
      'A vPDQ value is not a list of frames ("pdqHex,quality,timestamp" or {pdq, quality, timestamp}).',
  },
  invalid_md5: { status: 400, description: 'An MD5 value is not 32 hex digits.' },
  invalid_sha256: { status: 400, description: 'A SHA-256 value is not 64 hex digits.' },
  invalid_quality: { status: 400, description: 'A quality is not an integer from 0 to 100.' },
  pdq_low_quality: {
    status: 400,
    description:
      'A PDQ hash has quality below 50: the image is too flat or small to be matched reliably.',
  },
  invalid_case_number: {
    status: 400,
    description: 'The case number is not in the XXXX-XXXX-XXXX-XXXX form.',
  },
  invalid_signal_id: { status: 400, description: 'A signal id is not a positive integer.' },
  invalid_decision: { status: 400, description: 'The decision is not one of the accepted values.' },
  invalid_cursor: {
    status: 400,
    description: 'The change-feed cursor is not one this server issued.',
  },
  invalid_limit: {
    status: 400,
    description: 'The page size is not an integer in the accepted range.',
  },
  invalid_thresholds: {
    status: 400,
    description: 'A bank threshold is outside the accepted range.',
  },
  invalid_text: { status: 400, description: 'The text to triage is empty or too long.' },
  invalid_evidence: {
    status: 400,
    description:
      'The body is not an evidence item sealed by the portal (it starts with "AMEV" and a version byte).',
  },

  // 401, 403: who is asking.
  missing_pin: { status: 401, description: 'The X-Case-Pin header is missing.' },
  wrong_pin: { status: 401, description: 'The PIN does not open this case.' },
  missing_api_key: {
    status: 401,
    description: 'The Authorization: Bearer <apiKey> header is missing.',
  },
  invalid_api_key: { status: 401, description: 'The API key is not valid.' },
  insufficient_scope: { status: 403, description: "The API key's scopes do not allow this route." },

  // 404, 405: what is asked for does not exist.
  not_found: { status: 404, description: 'No route has this path.' },
  case_not_found: { status: 404, description: 'No case has this number.' },
  signal_not_found: {
    status: 404,
    description: 'No signal has this id (in this case, for case routes).',
  },
  bank_not_found: { status: 404, description: 'No bank has this name.' },
  evidence_not_found: { status: 404, description: 'This case has no evidence item with this id.' },

  // 409: the request conflicts with the current state.
  case_withdrawn: { status: 409, description: 'The case was withdrawn: it takes no new signals.' },
  case_full: {
    status: 409,
    description:
      'The case already holds the most signals (or evidence items, or evidence bytes) a case may hold.',
  },
  not_quarantined: { status: 409, description: 'The signal is not waiting for review.' },
  wrong_bank_purpose: {
    status: 409,
    description: 'This bank cannot be changed through this route.',
  },
  platform_exists: { status: 409, description: 'A platform with this name already exists.' },

  // 413, 415: the body is too big or not JSON at all.
  body_too_large: { status: 413, description: 'The body is larger than the server accepts.' },
  unsupported_media_type: {
    status: 415,
    description: 'The body must be application/json (application/octet-stream for evidence items).',
  },

  // 429: slow down.
  case_locked: {
    status: 429,
    description:
      'Too many wrong PINs: the case is locked for a while (see the Retry-After header).',
  },
  rate_limited: {
    status: 429,
    description: 'Too many requests from this client (see the Retry-After header).',
  },

  // 5xx: our fault.
  internal_error: {
    status: 500,
    description: 'The server failed; nothing was changed by a request that failed.',
  },
  store_unavailable: {
    status: 503,
    description:
      'The database cannot be reached right now; nothing was changed. Try again shortly (see Retry-After).',
  },
  unavailable: { status: 503, description: 'The server is starting or stopping.' },

  ...consoleErrorCodes,
} as const satisfies Record<string, { status: number; description: string }>;

/** A stable, machine-readable error code. */
export type ErrorCode = keyof typeof errorCodes;

/** The `error` member of every error response. */
export interface ApiErrorBody {
  readonly code: ErrorCode;
  readonly message: string;
}

/**
 * The HTTP status that goes with an error code.
 *
 * @example
 * statusOf('wrong_pin'); // 401
 */
export function statusOf(code: ErrorCode): number {
  return errorCodes[code].status;
}

/**
 * True when `value` is a known error code (for instance one read from a response).
 *
 * @example
 * isErrorCode('case_locked'); // true
 */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCodes, value);
}
