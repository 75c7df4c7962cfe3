import { describe, expect, it } from 'vitest';
import type { ErrorCode } from './errors.ts';
import { errorCodes } from './errors.ts';
import {
  ChangesQuery,
  CreateCaseRequest,
  FeedbackRequest,
  MatchRequest,
  MAX_SIGNALS_PER_BATCH,
  MAX_SIGNALS_PER_CASE_REQUEST,
  UpdateBankRequest,
  WithdrawRequest,
} from './schemas.ts';
import { validate } from './validation.ts';

const pdq = 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22';
const md5 = 'd41d8cd98f00b204e9800998ecf8427e';
const sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function codeOf(schema: Parameters<typeof validate>[0], input: unknown): ErrorCode | 'ok' {
  const result = validate(schema, input);
  return result.ok ? 'ok' : result.error.code;
}

describe('validate', () => {
  it('accepts every signal type in its documented forms', () => {
    const result = validate(CreateCaseRequest, {
      signals: [
        { type: 'pdq', value: pdq, quality: 90 },
        { type: 'pdq', value: pdq.toUpperCase() },
        { type: 'md5', value: md5 },
        { type: 'sha256', value: sha256 },
        {
          type: 'vpdq',
          value: [`${pdq},100,0`, { pdq, quality: 80, timestamp: 1.5 }],
        },
      ],
    });
    expect(result.ok).toBe(true);
  });

  it.each<[string, unknown, ErrorCode]>([
    ['a body that is not an object', [1, 2], 'invalid_request'],
    ['a missing signals list', {}, 'invalid_request'],
    ['an empty signals list', { signals: [] }, 'no_signals'],
    [
      'too many signals',
      {
        signals: Array.from({ length: MAX_SIGNALS_PER_CASE_REQUEST + 1 }, () => ({
          type: 'md5',
          value: md5,
        })),
      },
      'too_many_signals',
    ],
    ['an unknown type', { signals: [{ type: 'photo', value: pdq }] }, 'unknown_signal_type'],
    ['a short PDQ hash', { signals: [{ type: 'pdq', value: pdq.slice(1) }] }, 'invalid_pdq'],
    ['a PDQ hash as a number', { signals: [{ type: 'pdq', value: 12 }] }, 'invalid_pdq'],
    ['an MD5 of the wrong length', { signals: [{ type: 'md5', value: pdq }] }, 'invalid_md5'],
    [
      'a SHA-256 with a non-hex digit',
      { signals: [{ type: 'sha256', value: `${sha256.slice(1)}g` }] },
      'invalid_sha256',
    ],
    ['a vPDQ value that is a string', { signals: [{ type: 'vpdq', value: pdq }] }, 'invalid_vpdq'],
    [
      'a vPDQ frame with quality 101',
      { signals: [{ type: 'vpdq', value: [`${pdq},101,0`] }] },
      'invalid_vpdq',
    ],
    [
      'a vPDQ frame object with an extra field',
      { signals: [{ type: 'vpdq', value: [{ pdq, quality: 90, timestamp: 0, jpeg: 'x' }] }] },
      'unknown_field',
    ],
    ['a vPDQ value with no frames', { signals: [{ type: 'vpdq', value: [] }] }, 'invalid_vpdq'],
    [
      'a PDQ hash of quality 49',
      { signals: [{ type: 'pdq', value: pdq, quality: 49 }] },
      'pdq_low_quality',
    ],
    [
      'a vPDQ hash with no good frame',
      { signals: [{ type: 'vpdq', value: [`${pdq},10,0`, `${pdq},49,1`] }] },
      'pdq_low_quality',
    ],
    [
      'a quality that is not an integer',
      { signals: [{ type: 'pdq', value: pdq, quality: 60.5 }] },
      'invalid_quality',
    ],
    [
      'a quality on an MD5',
      { signals: [{ type: 'md5', value: md5, quality: 90 }] },
      'unknown_field',
    ],
    [
      'media bytes beside a hash',
      { signals: [{ type: 'pdq', value: pdq, image: 'iVBORw0KGgo=' }] },
      'unknown_field',
    ],
    [
      'personal data',
      { signals: [{ type: 'md5', value: md5 }], email: 'someone@example.org' },
      'unknown_field',
    ],
  ])('refuses %s with its own code', (_, input, code) => {
    expect(codeOf(CreateCaseRequest, input)).toBe(code);
  });

  it('names the field in the message', () => {
    const result = validate(CreateCaseRequest, {
      signals: [
        { type: 'md5', value: md5 },
        { type: 'pdq', value: 'abc' },
      ],
    });
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid_pdq', message: 'signals[1].value: a PDQ hash is 64 hex digits' },
    });
  });

  it('reports an unknown field before anything else', () => {
    expect(codeOf(CreateCaseRequest, { video: 'AAAA' })).toBe('unknown_field');
  });

  it('takes up to 1000 signals per match, without quality', () => {
    const signals = Array.from({ length: MAX_SIGNALS_PER_BATCH }, () => ({
      type: 'pdq',
      value: pdq,
    }));
    expect(codeOf(MatchRequest, { signals })).toBe('ok');
    expect(codeOf(MatchRequest, { signals: [...signals, { type: 'pdq', value: pdq }] })).toBe(
      'too_many_signals',
    );
    expect(codeOf(MatchRequest, { signals: [{ type: 'pdq', value: pdq, quality: 90 }] })).toBe(
      'unknown_field',
    );
  });

  it('checks feedback, withdrawals, cursors and thresholds with their own codes', () => {
    expect(codeOf(FeedbackRequest, { id: 3, decision: 'Blocked' })).toBe('ok');
    expect(codeOf(FeedbackRequest, { id: 3, decision: 'blocked' })).toBe('invalid_decision');
    expect(codeOf(FeedbackRequest, { id: -3, decision: 'Blocked' })).toBe('invalid_signal_id');
    expect(codeOf(WithdrawRequest, {})).toBe('ok');
    expect(codeOf(WithdrawRequest, { signalIds: [] })).toBe('invalid_signal_id');
    expect(codeOf(WithdrawRequest, { signalIds: ['1'] })).toBe('invalid_signal_id');
    expect(codeOf(ChangesQuery, { cursor: '12', limit: '500' })).toBe('ok');
    expect(codeOf(ChangesQuery, { cursor: '-1' })).toBe('invalid_cursor');
    expect(codeOf(ChangesQuery, { limit: '100000' })).toBe('invalid_limit');
    expect(codeOf(ChangesQuery, { limit: 'ten' })).toBe('invalid_limit');
    expect(codeOf(UpdateBankRequest, { thresholds: { pdq: 65 } })).toBe('invalid_thresholds');
  });

  it('only ever answers codes the API documents as 400', () => {
    for (const code of ['invalid_request', 'unknown_field', 'invalid_pdq'] as const) {
      expect(errorCodes[code].status).toBe(400);
    }
  });
});
