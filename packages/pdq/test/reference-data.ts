// Access to the vendored PDQ conformance data (testdata/pdq-reference, a copy of upstream's test
// images plus our runs of the C++ reference). Tests read the repository's copy, never ../shared.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PdqHash } from '../src/core/index.ts';

export const referenceDir = fileURLToPath(
  new URL('../../../testdata/pdq-reference/', import.meta.url),
);

export function referencePath(file: string): string {
  return referenceDir + file;
}

export interface ExpectedRow {
  readonly file: string;
  readonly hashCli: PdqHash;
  readonly qualityCli: number;
  readonly hashFullres: PdqHash;
  readonly qualityFullres: number;
  readonly width: number;
  readonly height: number;
  readonly decodedChannels: number;
}

/** The rows of expected.tsv: every conformance image with the reference's hashes. */
export function expectedRows(): ExpectedRow[] {
  const [header, ...lines] = readFileSync(referencePath('expected.tsv'), 'utf8').trim().split('\n');
  if (
    header !==
    'file\thash_hex_cli\tquality_cli\thash_hex_fullres\tquality_fullres\twidth\theight\tdecoded_channels'
  ) {
    throw new Error(`unexpected expected.tsv header: ${header}`);
  }
  return lines.map((line) => {
    const [file, hashCli, qualityCli, hashFullres, qualityFullres, width, height, channels] =
      line.split('\t');
    return {
      file: file!,
      hashCli: hashCli as PdqHash,
      qualityCli: Number(qualityCli),
      hashFullres: hashFullres as PdqHash,
      qualityFullres: Number(qualityFullres),
      width: Number(width),
      height: Number(height),
      decodedChannels: Number(channels),
    };
  });
}

export interface Trace {
  readonly file: string;
  readonly hash: PdqHash;
  readonly quality: number;
  readonly median: number;
  readonly width: number;
  readonly height: number;
  readonly windowAlongRows: number;
  readonly windowAlongCols: number;
  readonly luma?: Float32Array;
  readonly buffer64x64: Float32Array;
  readonly dct16x16: Float32Array;
}

/** A float32 from the 8 hex digits of its bit pattern. */
function f32(bits: string): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint32(0, Number.parseInt(bits, 16));
  return view.getFloat32(0);
}

const f32Array = (bits: readonly string[]): Float32Array => Float32Array.from(bits, f32);

/** One of the traces/*.full.trace.json files: the reference's float32 intermediates. */
export function readTrace(name: string): Trace {
  const raw = JSON.parse(readFileSync(referencePath(`traces/${name}.full.trace.json`), 'utf8')) as {
    file: string;
    hash: string;
    quality: number;
    medianF32: string;
    hashedWidth: number;
    hashedHeight: number;
    windowAlongRows: number;
    windowAlongCols: number;
    lumaF32?: string[];
    buffer64x64F32: string[];
    dct16x16F32: string[];
  };
  return {
    file: raw.file,
    hash: raw.hash as PdqHash,
    quality: raw.quality,
    median: f32(raw.medianF32),
    width: raw.hashedWidth,
    height: raw.hashedHeight,
    windowAlongRows: raw.windowAlongRows,
    windowAlongCols: raw.windowAlongCols,
    ...(raw.lumaF32 === undefined ? {} : { luma: f32Array(raw.lumaF32) }),
    buffer64x64: f32Array(raw.buffer64x64F32),
    dct16x16: f32Array(raw.dct16x16F32),
  };
}
