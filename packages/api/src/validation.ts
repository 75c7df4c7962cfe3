/**
 * Validation of untrusted input against the API's schemas, with one error code per kind of mistake
 * (`invalid_pdq`, `unknown_field`, `too_many_signals`…) instead of zod's generic issues.
 */
import type { z } from 'zod';
import type { ApiErrorBody, ErrorCode } from './errors.ts';
import { isErrorCode } from './errors.ts';
import { SIGNAL_TYPES, type SignalType } from './signals.ts';

/** A validated value, or the first problem found, as the API reports it. */
export type Validated<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiErrorBody };

/**
 * Validates `input` with `schema`; on failure, says what is wrong with a stable code and a message
 * that names the field (`signals[2].value: a PDQ hash is 64 hex digits`).
 *
 * @example
 * const result = validate(CreateCaseRequest, JSON.parse(body));
 * if (!result.ok) return reply.code(400).send({ error: result.error });
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown): Validated<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  // A field that has no business here (an image, a name) is the most telling problem: report it first.
  const issues = parsed.error.issues;
  const issue = issues.find((candidate) => candidate.code === 'unrecognized_keys') ?? issues[0];
  if (issue === undefined) {
    return { ok: false, error: { code: 'invalid_request', message: 'the request is not valid' } };
  }
  return { ok: false, error: describeIssue(issue, input) };
}

/** Which code a problem with a field gets, by the field's name. */
const codeByField: Record<string, ErrorCode> = {
  type: 'unknown_signal_type',
  quality: 'invalid_quality',
  decision: 'invalid_decision',
  signalIds: 'invalid_signal_id',
  id: 'invalid_signal_id',
  cursor: 'invalid_cursor',
  limit: 'invalid_limit',
  thresholds: 'invalid_thresholds',
  text: 'invalid_text',
};

const codeBySignalType: Record<SignalType, ErrorCode> = {
  pdq: 'invalid_pdq',
  vpdq: 'invalid_vpdq',
  md5: 'invalid_md5',
  sha256: 'invalid_sha256',
};

function describeIssue(issue: z.core.$ZodIssue, input: unknown): ApiErrorBody {
  const where = formatPath(issue.path);
  const prefix = where === '' ? '' : `${where}: `;
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => `"${key}"`).join(', ');
    return {
      code: 'unknown_field',
      message: `${prefix}unknown field ${keys}; this route accepts only the fields it documents (never media or personal data)`,
    };
  }
  if (issue.path.length === 0 && issue.code === 'invalid_type') {
    return {
      code: 'invalid_request',
      message: `the body must be a JSON object, got ${describe(input)}`,
    };
  }
  return { code: codeOf(issue, input), message: `${prefix}${issue.message}` };
}

function codeOf(issue: z.core.$ZodIssue, input: unknown): ErrorCode {
  if (issue.code === 'custom') {
    const code: unknown = issue.params?.['code'];
    if (isErrorCode(code)) return code;
  }
  const path = issue.path;
  // signals[i].value…: the value of a signal of a known type.
  if (path[0] === 'signals' && typeof path[1] === 'number' && path[2] === 'value') {
    const type = signalTypeAt(input, path[1]);
    if (type !== undefined) return codeBySignalType[type];
  }
  if (path.length === 1 && path[0] === 'signals') {
    if (issue.code === 'too_small') return 'no_signals';
    if (issue.code === 'too_big') return 'too_many_signals';
  }
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i];
    if (typeof key === 'string' && Object.hasOwn(codeByField, key)) return codeByField[key]!;
  }
  return 'invalid_request';
}

function signalTypeAt(input: unknown, index: number): SignalType | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const signals: unknown = (input as { signals?: unknown }).signals;
  if (!Array.isArray(signals)) return undefined;
  const signal: unknown = signals[index];
  if (typeof signal !== 'object' || signal === null) return undefined;
  const type: unknown = (signal as { type?: unknown }).type;
  return SIGNAL_TYPES.find((known) => known === type);
}

function describe(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  return `a ${typeof input}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}
