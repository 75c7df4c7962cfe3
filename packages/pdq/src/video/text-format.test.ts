import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PdqHash } from '../core/hash.ts';
import type { VpdqFrame } from './frame.ts';
import {
  formatVpdqCompact,
  formatVpdqCompactJson,
  formatVpdqLines,
  parseVpdqCompact,
  parseVpdqLines,
} from './text-format.ts';

const samplesDir = fileURLToPath(
  new URL('../../../../testdata/pdq-reference/upstream/vpdq-sample-hashes/', import.meta.url),
);
const sampleFiles = readdirSync(samplesDir).filter((name) => name.endsWith('.txt'));
const hashA = 'e42926b9cb58d261383b699f0ff2e1076fe6183dff4986d82ca36da48034fc54' as PdqHash;

const frameArbitrary: fc.Arbitrary<VpdqFrame> = fc.record({
  frameNumber: fc.nat(),
  quality: fc.integer({ min: 0, max: 100 }),
  pdq: fc
    .uint8Array({ minLength: 32, maxLength: 32 })
    .map((b) => Buffer.from(b).toString('hex') as PdqHash),
  timestamp: fc.double({ min: 0, max: 1e6, noNaN: true }),
});

describe('reference CLI lines', () => {
  it('has upstream sample outputs to test with', () => {
    expect(sampleFiles.length).toBeGreaterThanOrEqual(30);
  });

  it.each(sampleFiles)('reads %s and writes it back byte for byte', (name) => {
    const text = readFileSync(`${samplesDir}${name}`, 'utf8');
    const parsed = parseVpdqLines(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value.length).toBe(text.trimEnd().split('\n').length);
    expect(formatVpdqLines(parsed.value)).toBe(text);
  });

  it('reads the fields of a line', () => {
    const parsed = parseVpdqLines(`30,87,${hashA.toUpperCase()},1.000\r\n\n`);
    expect(parsed).toEqual({
      ok: true,
      value: [{ frameNumber: 30, quality: 87, pdq: hashA, timestamp: 1 }],
    });
  });

  it('accepts timestamps in 3-significant-digit style too', () => {
    const parsed = parseVpdqLines(`3600,100,${hashA},1.2e+02\n7,100,${hashA},0.0333\n`);
    expect(parsed.ok && parsed.value.map((f) => f.timestamp)).toEqual([120, 0.0333]);
  });

  it('writes 3 decimals rounded as printf does', () => {
    const frame = { frameNumber: 1, quality: 100, pdq: hashA, timestamp: 0.0625 };
    expect(formatVpdqLines([frame])).toBe(`1,100,${hashA},0.062\n`);
  });

  it.each([
    ['', 'vpdq_empty'],
    [`0,100,${hashA}`, 'vpdq_bad_line'],
    [`0,100,${hashA},0.000,extra`, 'vpdq_bad_line'],
    [`-1,100,${hashA},0.000`, 'vpdq_bad_frame_number'],
    [`1.5,100,${hashA},0.000`, 'vpdq_bad_frame_number'],
    [`0,101,${hashA},0.000`, 'vpdq_bad_quality'],
    [`0,high,${hashA},0.000`, 'vpdq_bad_quality'],
    [`0,100,${hashA.slice(1)},0.000`, 'pdq_wrong_length'],
    [`0,100,${hashA.slice(1)}z,0.000`, 'pdq_not_hex'],
    [`0,100,${hashA},-1.000`, 'vpdq_bad_timestamp'],
    [`0,100,${hashA},nan`, 'vpdq_bad_timestamp'],
    [`0,100,${hashA},1e999`, 'vpdq_bad_timestamp'],
  ])('refuses %j with %s', (text, code) => {
    const parsed = parseVpdqLines(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.code).toBe(code);
  });

  it('names the line at fault', () => {
    const parsed = parseVpdqLines(`0,100,${hashA},0.000\n1,100,nothex,0.033\n`);
    expect(!parsed.ok && parsed.error.message).toMatch(/^line 2: /);
  });

  it('round-trips any frame list up to the 3-decimal timestamp', () => {
    fc.assert(
      fc.property(fc.array(frameArbitrary, { minLength: 1, maxLength: 20 }), (frames) => {
        const parsed = parseVpdqLines(formatVpdqLines(frames));
        if (!parsed.ok) throw new Error(parsed.error.message);
        parsed.value.forEach((frame, i) => {
          const original = frames[i]!;
          expect({ ...frame, timestamp: 0 }).toEqual({ ...original, timestamp: 0 });
          expect(Math.abs(frame.timestamp - original.timestamp)).toBeLessThanOrEqual(0.0005 + 1e-9);
        });
      }),
    );
  });
});

describe('compact strings (python-threatexchange / HMA)', () => {
  it('writes the JSON text that python-threatexchange writes', () => {
    // vpdq_to_json() of the first three lines of chair-20-sd-bar.txt, recorded with upstream's
    // python-threatexchange (extensions/vpdq/vpdq_util.py) at the vendored commit.
    const recorded =
      '["e42926b9cb58d261383b699f0ff2e1076fe6183dff4986d82ca36da48034fc54,100,0.0", ' +
      '"e42926b9db58d261383b799f0ff2e1076fe6183dfb4986d8aca36da40034dc54,100,0.033", ' +
      '"e42d26b9cb58d269383b799f07f2e1076fe6183dfb4886d8a4a36db40034de54,100,0.067"]';
    const parsed = parseVpdqLines(readFileSync(`${samplesDir}chair-20-sd-bar.txt`, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(formatVpdqCompactJson(parsed.value.slice(0, 3))).toBe(recorded);
    expect(parseVpdqCompact(recorded)).toEqual({
      ok: true,
      value: parsed.value
        .slice(0, 3)
        .map(({ pdq, quality, timestamp }) => ({ pdq, quality, timestamp })),
    });
  });

  it('writes 3 significant digits, as Python does', () => {
    const at = (timestamp: number) => formatVpdqCompact({ pdq: hashA, quality: 90, timestamp });
    expect(at(1)).toBe(`${hashA},90,1.0`);
    expect(at(123.4)).toBe(`${hashA},90,1.23e+02`);
    expect(at(Math.fround(1 / 30))).toBe(`${hashA},90,0.0333`);
  });

  it('accepts an already-parsed array and an empty list', () => {
    expect(parseVpdqCompact([`${hashA},100,1.000`])).toEqual({
      ok: true,
      value: [{ pdq: hashA, quality: 100, timestamp: 1 }],
    });
    expect(parseVpdqCompact('[]')).toEqual({ ok: true, value: [] });
  });

  it.each([
    ['{', 'vpdq_bad_json'],
    ['{"a":1}', 'vpdq_not_a_list'],
    [42, 'vpdq_not_a_list'],
    [[42], 'vpdq_bad_item'],
    [[`0,${hashA},100,1.0`], 'vpdq_bad_item'],
    [[`${hashA},100`], 'vpdq_bad_item'],
    [[`${hashA},-5,1.0`], 'vpdq_bad_quality'],
    [[`${hashA},100,inf`], 'vpdq_bad_timestamp'],
  ])('refuses %j with %s', (input, code) => {
    const parsed = parseVpdqCompact(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.code).toBe(code);
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => typeof parseVpdqCompact(input).ok === 'boolean'),
    );
    fc.assert(fc.property(fc.string(), (text) => typeof parseVpdqLines(text).ok === 'boolean'));
  });
});
