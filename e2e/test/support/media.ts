/**
 * The files the tests protect, and the proof that none of their bytes left the page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const TESTDATA = new URL('../../../testdata/pdq-reference/', import.meta.url).pathname;

export interface ReferenceRow {
  readonly file: string;
  readonly pdq: string;
  readonly quality: number;
}

/** expected.tsv: the reference full-resolution PDQ hash of each conformance image. */
export function referenceHashes(): Map<string, ReferenceRow> {
  const [header, ...lines] = readFileSync(join(TESTDATA, 'expected.tsv'), 'utf8')
    .trim()
    .split('\n');
  const columns = (header ?? '').split('\t');
  const fileColumn = columns.indexOf('file');
  const hashColumn = columns.indexOf('hash_hex_fullres');
  const qualityColumn = columns.indexOf('quality_fullres');
  const rows = new Map<string, ReferenceRow>();
  for (const line of lines) {
    const cells = line.split('\t');
    const file = cells[fileColumn] ?? '';
    rows.set(file, {
      file,
      pdq: cells[hashColumn] ?? '',
      quality: Number(cells[qualityColumn]),
    });
  }
  return rows;
}

export function hamming(a: string, b: string): number {
  let distance = 0;
  for (let index = 0; index < a.length; index += 8) {
    let x = parseInt(a.slice(index, index + 8), 16) ^ parseInt(b.slice(index, index + 8), 16);
    while (x !== 0) {
      x &= x - 1;
      distance++;
    }
  }
  return distance;
}

const RUN = 64;
const BLOCK = RUN / 2;

/**
 * Whether `body` contains any 64-byte run of `file`, as raw bytes or as hex. Exact: a shared run
 * of 64 bytes always covers one whole 32-byte block of the file at a multiple of 32, so it is
 * enough to look up those blocks among the body's 32-byte windows, then check the full run.
 */
export function sharesRun(body: Buffer, file: Buffer): boolean {
  const text = body.toString('latin1');
  const windows = new Set<string>();
  for (let start = 0; start + BLOCK <= text.length; start++)
    windows.add(text.slice(start, start + BLOCK));
  const hex = body.toString('latin1').toLowerCase();
  const hexWindows = new Set<string>();
  for (let start = 0; start + 2 * BLOCK <= hex.length; start++) {
    hexWindows.add(hex.slice(start, start + 2 * BLOCK));
  }
  for (let block = 0; block + BLOCK <= file.length; block += BLOCK) {
    const bytes = file.subarray(block, block + BLOCK);
    const raw = windows.has(bytes.toString('latin1'));
    const asHex = hexWindows.has(bytes.toString('hex'));
    if (!raw && !asHex) continue;
    // A candidate: confirm with every 64-byte run around this block.
    for (
      let start = Math.max(0, block - BLOCK);
      start <= block && start + RUN <= file.length;
      start++
    ) {
      const run = file.subarray(start, start + RUN);
      if (body.includes(run) || hex.includes(run.toString('hex'))) return true;
    }
  }
  return false;
}
