import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sharesRun } from './media.ts';

describe('sharesRun (the check that no bytes of a file left the page)', () => {
  const file = randomBytes(10_000);
  const wrap = (inner: Buffer) =>
    Buffer.concat([Buffer.from('{"signals":["'), inner, Buffer.from('"]}')]);

  it('finds any 64-byte run of the file, raw or hex-encoded, at any offset', () => {
    for (const start of [0, 1, 31, 33, 5000, 10_000 - 64]) {
      const run = file.subarray(start, start + 64);
      expect(sharesRun(wrap(run), file)).toBe(true);
      expect(sharesRun(wrap(Buffer.from(run.toString('hex'))), file)).toBe(true);
    }
  });

  it('does not flag shorter runs or unrelated bodies', () => {
    expect(sharesRun(wrap(file.subarray(100, 163)), file)).toBe(false);
    expect(sharesRun(wrap(randomBytes(5000)), file)).toBe(false);
  });
});
