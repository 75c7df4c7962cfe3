// Index files on a real file system (a temporary directory): round trips, and every way a file can
// be wrong giving an error result with a code instead of an exception or a wrong index.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  encodeIndex,
  indexFileLength,
  MultiIndexHashIndex,
  type SimilarityIndex,
} from '@aman/similarity';
import { readHashRows, readIndexFile, writeIndexFile } from '@aman/similarity/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedMatches, flipBits, randomHash, realHashes, seededRandom } from './helpers.ts';

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'aman-similarity-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** An index whose entries are whatever the test says (to write files no real index would). */
function fakeIndex(
  size: number,
  entries: () => Iterable<{ ids: Uint32Array; hashes: Uint8Array }>,
) {
  return { size, entries } as unknown as SimilarityIndex;
}

describe('index files', () => {
  const random = seededRandom(36);
  const bank = new Map<number, Uint8Array>();
  const index = new MultiIndexHashIndex();
  realHashes('upstream/haystack.txt').forEach((hash, i) => {
    index.add(i * 2 + 1, hash);
    bank.set(i * 2 + 1, hash);
  });
  for (let id = 5000; id < 25_000; id++) {
    const hash = id % 3 === 0 ? flipBits(bank.get(1)!, id % 45, random) : randomHash(random);
    index.add(id, hash);
    bank.set(id, hash);
  }
  for (let id = 5000; id < 25_000; id += 10) {
    index.remove(id);
    bank.delete(id);
  }

  it('round-trip through a file into either implementation, removals included', async () => {
    const path = join(directory, 'bank.index');
    await writeIndexFile(path, index);
    expect((await readFile(path)).length).toBe(indexFileLength(bank.size));
    for (const kind of ['multi-index', 'brute-force'] as const) {
      const read = await readIndexFile(path, kind);
      if (!read.ok) throw new Error(read.error.message);
      expect(read.value.size).toBe(bank.size);
      for (const query of [bank.get(1)!, bank.get(5001)!, flipBits(bank.get(1)!, 20, random)]) {
        expect(read.value.query(query, 31)).toEqual(expectedMatches(bank, query, 31));
      }
    }
  });

  it('are written whole or not at all: a failure keeps the previous file', async () => {
    const path = join(directory, 'kept.index');
    await writeIndexFile(path, index);
    const before = await readFile(path);
    const failing = fakeIndex(2, function* () {
      yield { ids: Uint32Array.of(1), hashes: new Uint8Array(32) };
      throw new Error('disk went away');
    });
    await expect(writeIndexFile(path, failing)).rejects.toThrow('disk went away');
    expect(await readFile(path)).toEqual(before);
    expect((await readdir(directory)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  describe('refuse a bad file with a coded error', () => {
    const good = encodeIndex(index);
    const cases: [string, () => Uint8Array, string][] = [
      ['a flipped bit', () => flipByte(good, good.length - 100), 'index_file_corrupt'],
      ['a flipped id bit', () => flipByte(good, 20), 'index_file_corrupt'],
      ['a truncated file', () => good.slice(0, good.length - 1), 'index_file_truncated'],
      ['an empty file', () => new Uint8Array(0), 'index_file_truncated'],
      ['extra bytes', () => concat(good, new Uint8Array(4)), 'index_file_bad_length'],
      [
        'another format',
        () => new TextEncoder().encode('hash,id\n'.repeat(5)),
        'index_file_bad_magic',
      ],
      ['a future version', () => withVersion(good, 2), 'index_file_unsupported_version'],
      [
        'a repeated id',
        () =>
          encodeIndex(
            fakeIndex(2, () => [{ ids: Uint32Array.of(7, 7), hashes: new Uint8Array(64) }]),
          ),
        'index_file_duplicate_id',
      ],
    ];
    for (const [name, bytes, code] of cases) {
      it(name, async () => {
        const path = join(directory, `${code}.index`);
        await writeFile(path, bytes());
        const read = await readIndexFile(path);
        expect(read.ok).toBe(false);
        if (!read.ok) expect(read.error.code).toBe(code);
      });
    }

    it('a missing file', async () => {
      const read = await readIndexFile(join(directory, 'nowhere.index'));
      expect(read).toMatchObject({ ok: false, error: { code: 'file_unreadable' } });
      if (!read.ok) expect(read.error.message).toContain('nowhere.index');
    });
  });
});

describe('raw hash rows (benchmark bank and query files)', () => {
  it('read 32-byte rows, aligned for adoption', async () => {
    const path = join(directory, 'rows.bin');
    const bytes = new Uint8Array(32 * 3).map((_, i) => i);
    await writeFile(path, bytes);
    const read = await readHashRows(path);
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value).toEqual(bytes);
    expect(read.value.byteOffset % 4).toBe(0);
    expect(MultiIndexHashIndex.fromHashes(read.value).query(bytes.subarray(32, 64), 0)).toEqual([
      { id: 1, distance: 0 },
    ]);
  });

  it('refuse a file that is not whole rows', async () => {
    const path = join(directory, 'ragged.bin');
    await writeFile(path, new Uint8Array(33));
    expect(await readHashRows(path)).toMatchObject({
      ok: false,
      error: { code: 'hash_rows_bad_length' },
    });
  });
});

function flipByte(bytes: Uint8Array, at: number): Uint8Array {
  const copy = bytes.slice();
  copy[at]! ^= 0x10;
  return copy;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

function withVersion(bytes: Uint8Array, version: number): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setUint32(8, version, true);
  return copy;
}
