// The ./browser entry in real Chromium (createImageBitmap + OffscreenCanvas in a Web Worker).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hammingDistance } from '../src/core/index.ts';
import {
  startBrowserHarness,
  type BrowserHarness,
  type PageHashResult,
} from './browser-harness.ts';
import { temporaryDirectory } from './fixtures.ts';
import { expectedRows, referencePath } from './reference-data.ts';

const rows = expectedRows();
const temp = temporaryDirectory();
let harness: BrowserHarness;

beforeAll(async () => {
  writeFileSync(join(temp.dir, 'empty.jpg'), '');
  writeFileSync(join(temp.dir, 'notes.png'), 'A note written for this test, not a picture.\n');
  harness = await startBrowserHarness(temp.dir);
}, 120_000);
afterAll(async () => {
  await harness.close();
  temp.remove();
});

const hashUrl = (path: string, options: { dihedral?: boolean; maxPixels?: number } = {}) =>
  harness.hashUrl(path, options);

describe('browser entry in Chromium', () => {
  it('stays within distance 10 of the reference wherever quality >= 80, on the whole conformance set', async () => {
    const over: string[] = [];
    for (const row of rows) {
      const { result } = await hashUrl(`/ref/${row.file}`);
      if (!result.ok) throw new Error(`${row.file}: ${result.error.code} ${result.error.message}`);
      const distance = hammingDistance(result.value.pdq, row.hashFullres);
      expect([result.value.width, result.value.height]).toEqual([row.width, row.height]);
      if (row.qualityFullres >= 80 && distance > 10) over.push(`${row.file}: ${distance}`);
    }
    expect(over).toEqual([]);
  }, 300_000);

  it('reports progress, and gives the MD5 and SHA-256 of the file and the dihedral hashes', async () => {
    const { result, progress } = await hashUrl('/ref/reg-test-input/labelme-subset/q0122.jpg', {
      dihedral: true,
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(progress.map((p) => p.stage)).toEqual(['reading', 'decoding', 'hashing', 'done']);
    expect(progress.at(-1)!.fraction).toBe(1);
    const bytes = readFileSync(referencePath('reg-test-input/labelme-subset/q0122.jpg'));
    expect(result.value.md5).toBe(createHash('md5').update(bytes).digest('hex'));
    expect(result.value.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(result.value.dihedral).toHaveLength(8);
    expect(result.value.dihedral![0]).toBe(result.value.pdq);
  });

  it('recovers the stored grid under EXIF orientation, and hashes the displayed image as "oriented"', async () => {
    for (const [name, orientation] of [
      ['exif-rotn-3.jpg', 3],
      ['exif-rotn-6.jpg', 6],
      ['exif-rotn-8.jpg', 8],
    ] as const) {
      const row = rows.find((r) => r.file.endsWith(name))!;
      const { result } = await hashUrl(`/ref/${row.file}`);
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value.orientation).toBe(orientation);
      expect([result.value.width, result.value.height]).toEqual([row.width, row.height]);
      expect(hammingDistance(result.value.pdq, row.hashFullres)).toBeLessThanOrEqual(10);
      expect(result.value.oriented).toBeDefined();
      expect(hammingDistance(result.value.oriented!.pdq, row.hashFullres)).toBeGreaterThan(31);
    }
  });

  it('gives clear errors for empty, non-image and oversized files', async () => {
    const codes = [];
    for (const [url, options] of [
      ['/extra/empty.jpg', {}],
      ['/extra/notes.png', {}],
      ['/ref/reg-test-input/dih/bridge-1-original.jpg', { maxPixels: 1_000_000 }],
    ] as const) {
      const { result } = await hashUrl(url, options);
      codes.push(result.ok ? 'ok' : result.error.code);
    }
    expect(codes).toEqual(['file_empty', 'not_an_image', 'image_too_large']);
  });

  it('cancels a running request and keeps working afterwards', async () => {
    const outcome = await harness.page.evaluate(() =>
      (
        globalThis as unknown as {
          cancelThenHash: (
            a: string,
            ms: number,
            b: string,
          ) => Promise<{ cancelled: PageHashResult; following: PageHashResult }>;
        }
      ).cancelThenHash(
        '/ref/reg-test-input/exif-rotn/exif-rotn-1.jpg',
        5,
        '/ref/misc-images/wee.jpg',
      ),
    );
    expect(outcome.cancelled).toEqual({
      ok: false,
      error: { code: 'aborted', message: 'cancelled' },
    });
    expect(outcome.following.ok && outcome.following.value.pdq).toBe(
      rows.find((r) => r.file === 'misc-images/wee.jpg')!.hashFullres,
    );
  });
});
