import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseVpdqFrames } from './frame.ts';

const hash = 'e42926b9cb58d261383b699f0ff2e1076fe6183dff4986d82ca36da48034fc54';
const frame = { frameNumber: 30, timestamp: 1, pdq: hash, quality: 100 };

describe('parseVpdqFrames', () => {
  it('accepts the canonical JSON frame list and lower-cases hashes', () => {
    const json = JSON.parse(
      JSON.stringify([frame, { ...frame, pdq: hash.toUpperCase(), frameNumber: 60 }]),
    ) as unknown;
    expect(parseVpdqFrames(json)).toEqual({
      ok: true,
      value: [frame, { ...frame, frameNumber: 60 }],
    });
    expect(parseVpdqFrames([])).toEqual({ ok: true, value: [] });
  });

  it.each([
    [{}, 'vpdq_not_a_list'],
    [[null], 'vpdq_bad_frame'],
    [[[1, 2]], 'vpdq_bad_frame'],
    [[{ ...frame, extra: 1 }], 'vpdq_bad_frame'],
    [[{ ...frame, frameNumber: -1 }], 'vpdq_bad_frame_number'],
    [[{ ...frame, frameNumber: '30' }], 'vpdq_bad_frame_number'],
    [[{ ...frame, timestamp: -0.5 }], 'vpdq_bad_timestamp'],
    [[{ ...frame, quality: 100.5 }], 'vpdq_bad_quality'],
    [[{ ...frame, pdq: 'abc' }], 'pdq_wrong_length'],
  ])('refuses %j with %s', (input, code) => {
    const parsed = parseVpdqFrames(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.code).toBe(code);
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => typeof parseVpdqFrames(input).ok === 'boolean'),
    );
  });
});
