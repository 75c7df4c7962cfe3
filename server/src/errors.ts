import { errorCodes, type ErrorCode } from '@aman/api';

/**
 * An expected failure of a request (bad input, wrong PIN, unknown case). Services throw it; the one
 * error handler in app.ts turns it into `{"error": {"code", "message"}}` with the code's status.
 *
 * @example
 * throw new DomainError('case_not_found', 'no case has this number; check it and try again');
 */
export class DomainError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra response headers, e.g. Retry-After on 429. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.status = errorCodes[code].status;
  }
}
