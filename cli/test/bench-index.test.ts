// `aman bench-index`, run as the benchmark harness runs it: the real binary on real files, its
// hits checked against an independent brute-force count, its errors checked as a user sees them.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hammingDistanceBytes } from '@aman/pdq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

let dir: string;
const bankSize = 5000;
const querySize = 200;

/** Bank and queries laid out as gen_hashes.py writes them: even queries planted near a bank row. */
function writeBenchFiles(): { bank: Uint8Array; queries: Uint8Array } {
  let state = 20250101;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state >>> 24;
  };
  const bank = new Uint8Array(bankSize * 32).map(() => next());
  const queries = new Uint8Array(querySize * 32).map(() => next());
  for (let q = 0; q < querySize; q += 2) {
    const row = (q * 37) % bankSize;
    queries.set(bank.subarray(row * 32, row * 32 + 32), q * 32);
    for (let flip = 0; flip < q % 41; flip++)
      queries[q * 32 + ((flip * 7) % 32)]! ^= 1 << (flip % 8);
  }
  writeFileSync(join(dir, 'bank.bin'), bank);
  writeFileSync(join(dir, 'queries.bin'), queries);
  return { bank, queries };
}

function expectedTriples(bank: Uint8Array, queries: Uint8Array, threshold: number, nq: number) {
  const triples: string[] = [];
  for (let q = 0; q < nq; q++) {
    const query = queries.subarray(q * 32, q * 32 + 32);
    for (let row = 0; row < bankSize; row++) {
      const distance = hammingDistanceBytes(bank.subarray(row * 32, row * 32 + 32), query);
      if (distance <= threshold) triples.push(`${q} ${row} ${distance}`);
    }
  }
  return triples.sort();
}

function readTriples(path: string): string[] {
  const bytes = readFileSync(path);
  const values = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  const triples: string[] = [];
  for (let i = 0; i < values.length; i += 3) {
    triples.push(`${values[i]} ${values[i + 1]} ${values[i + 2]}`);
  }
  return triples.sort();
}

let files: { bank: Uint8Array; queries: Uint8Array };
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aman-bench-index-'));
  files = writeBenchFiles();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const args = (threshold: number, nq: number, out = join(dir, 'hits.bin')) => [
  'bench-index',
  join(dir, 'bank.bin'),
  join(dir, 'queries.bin'),
  String(threshold),
  String(nq),
  out,
];

describe('aman bench-index', () => {
  for (const index of ['multi-index', 'brute-force']) {
    it(`writes exactly the hits within the threshold (${index})`, async () => {
      for (const [threshold, nq] of [
        [31, querySize],
        [0, querySize],
        [52, 60],
      ] as const) {
        const out = join(dir, `hits-${index}-${threshold}.bin`);
        const result = await runCli([...args(threshold, nq, out), '--index', index]);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        const expected = expectedTriples(files.bank, files.queries, threshold, nq);
        expect(expected.length).toBeGreaterThan(threshold === 0 ? 0 : 10);
        expect(readTriples(out)).toEqual(expected);

        const lines = result.stdout.trim().split('\n');
        const report = JSON.parse(lines[lines.length - 1]!) as Record<string, unknown>;
        expect(report).toMatchObject({
          index,
          n: bankSize,
          nq,
          threshold,
          hits: expected.length,
          threads: 1,
        });
        for (const key of ['load_s', 'build_s', 'query_s', 'query_cpu_s', 'qps', 'rss_mb']) {
          expect(report[key]).toBeTypeOf('number');
        }
      }
    });
  }

  it('writes an empty file when nothing matches or no query is asked', async () => {
    const out = join(dir, 'none.bin');
    const result = await runCli(args(10, 0, out));
    expect(result.code).toBe(0);
    expect(readFileSync(out).length).toBe(0);
  });

  describe('refuses bad input with a message and a non-zero exit', () => {
    const cases: [string, () => string[], number, RegExp][] = [
      ['too few arguments', () => args(31, 10).slice(0, 4), 2, /expected 5 arguments, got 3/],
      [
        'a threshold above 256',
        () => args(257, 10),
        2,
        /THRESHOLD must be an integer from 0 to 256, got "257"/,
      ],
      [
        'a negative threshold (after --)',
        () => ['bench-index', '--', ...args(31, 10).slice(1, 3), '-1', '10', 'x'],
        2,
        /THRESHOLD must be an integer from 0 to 256, got "-1"/,
      ],
      [
        'NQ that is not a number',
        () => [...args(31, 10).slice(0, 4), 'ten', 'x'],
        2,
        /NQ must be an integer/,
      ],
      [
        'more queries than the file holds',
        () => args(31, querySize + 1),
        2,
        /holds only 200 hashes/,
      ],
      [
        'an unknown index',
        () => [...args(31, 10), '--index', 'faiss'],
        2,
        /--index must be multi-index or brute-force, got "faiss"/,
      ],
      ['an unknown option', () => [...args(31, 10), '--fast'], 2, /Unknown option '--fast'/],
      [
        'a missing bank',
        () => ['bench-index', join(dir, 'nope.bin'), ...args(31, 10).slice(2)],
        1,
        /BANK: cannot read .*nope\.bin/,
      ],
      [
        'a bank that is not 32-byte rows',
        () => {
          writeFileSync(join(dir, 'ragged.bin'), new Uint8Array(33));
          return ['bench-index', join(dir, 'ragged.bin'), ...args(31, 10).slice(2)];
        },
        1,
        /not a multiple of 32/,
      ],
      [
        'an output in a missing directory',
        () => args(31, 10, join(dir, 'no', 'such', 'hits.bin')),
        1,
        /cannot write/,
      ],
    ];
    for (const [name, argv, code, message] of cases) {
      it(name, async () => {
        const result = await runCli(argv());
        expect(result.code).toBe(code);
        expect(result.stderr).toMatch(/^aman: /);
        expect(result.stderr).toMatch(message);
        expect(result.stderr).not.toMatch(/unexpected error|\n\s+at /);
      });
    }
  });
});
