// `aman hash`, run as a user runs it: the real binary in a child process, on real files.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { computePdq } from '@aman/pdq';
import { decodeImage } from '@aman/pdq/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amanBin, runCli } from './run-cli.ts';

const reference = fileURLToPath(new URL('../../testdata/pdq-reference/', import.meta.url));
const expected = new Map(
  readFileSync(join(reference, 'expected.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .map(([file, , , hash, quality]) => [file!, { hash: hash!, quality: Number(quality) }]),
);
const ref = (file: string): string => join(reference, file);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aman-cli-hash-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const parseLines = (stdout: string): Array<Record<string, unknown>> =>
  stdout
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('aman hash', () => {
  it('prints <pdq>TAB<quality>TAB<path> per image, in the order given, identical to the reference', async () => {
    const files = [
      'reg-test-input/dih/bridge-1-original.jpg',
      'misc-images/wee.jpg',
      'reg-test-input/labelme-subset/q0004.jpg',
      'misc-images/modes/CMYK.jpg',
    ];
    const result = await runCli(['hash', ...files.map(ref)]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      files
        .map(
          (file) => `${expected.get(file)!.hash}\t${expected.get(file)!.quality}\t${ref(file)}\n`,
        )
        .join(''),
    );
  });

  it('hashes directories recursively, skips hidden entries, reports bad files and hashes the rest', async () => {
    const root = join(dir, 'walk');
    mkdirSync(join(root, 'b-sub', 'deeper'), { recursive: true });
    mkdirSync(join(root, '.hidden-dir'));
    copyFileSync(ref('misc-images/wee.jpg'), join(root, 'a.jpg'));
    copyFileSync(ref('misc-images/c.png'), join(root, 'b-sub', 'photo.png'));
    copyFileSync(
      ref('reg-test-input/labelme-subset/q0122.jpg'),
      join(root, 'b-sub', 'deeper', 'z'),
    );
    copyFileSync(ref('misc-images/wee.jpg'), join(root, '.hidden.jpg'));
    copyFileSync(ref('misc-images/wee.jpg'), join(root, '.hidden-dir', 'x.jpg'));
    writeFileSync(join(root, 'c-notes.txt'), 'A note written for this test, not a picture.\n');
    writeFileSync(join(root, 'd-empty.jpg'), '');
    const bridge = readFileSync(ref('reg-test-input/dih/bridge-1-original.jpg'));
    writeFileSync(join(root, 'e-cut.jpg'), bridge.subarray(0, bridge.length >> 1));

    const result = await runCli(['hash', '--json', root, join(dir, 'missing.jpg')]);
    expect(result.code).toBe(1);
    const records = parseLines(result.stdout);
    expect(records.map((record) => record.path)).toEqual([
      join(root, 'a.jpg'),
      join(root, 'b-sub', 'deeper', 'z'),
      join(root, 'b-sub', 'photo.png'),
      join(root, 'c-notes.txt'),
      join(root, 'd-empty.jpg'),
      join(root, 'e-cut.jpg'),
      join(dir, 'missing.jpg'),
    ]);
    expect(records.slice(0, 3).map((record) => record.pdq)).toEqual([
      expected.get('misc-images/wee.jpg')!.hash,
      expected.get('reg-test-input/labelme-subset/q0122.jpg')!.hash,
      expected.get('misc-images/c.png')!.hash,
    ]);
    const codes = records.slice(3).map((record) => (record.error as { code: string }).code);
    expect(codes).toEqual(['not_an_image', 'file_empty', 'image_truncated', 'file_not_found']);
    for (const record of records.slice(3)) {
      expect(Object.keys(record)).toEqual(['path', 'error']);
      expect(Object.keys(record.error as object)).toEqual(['code', 'message']);
    }
    expect(result.stderr).toBe('aman: 4 of 7 files could not be hashed (3 hashed)\n');
  });

  it('--json gives path, kind, pdq, quality, md5 and sha256 of the bytes', async () => {
    const file = ref('bridge-mods/blur-a-lot.jpg');
    const result = await runCli(['hash', '--json', file]);
    expect(result.code).toBe(0);
    const bytes = readFileSync(file);
    expect(parseLines(result.stdout)).toEqual([
      {
        path: file,
        kind: 'image',
        pdq: expected.get('bridge-mods/blur-a-lot.jpg')!.hash,
        quality: 100,
        md5: createHash('md5').update(bytes).digest('hex'),
        sha256: createHash('sha256').update(bytes).digest('hex'),
      },
    ]);
  });

  it('adds "oriented" when EXIF orientation applies, and "dihedral" with --dihedral', async () => {
    const files = [
      'reg-test-input/exif-rotn/exif-rotn-1.jpg',
      'reg-test-input/exif-rotn/exif-rotn-6.jpg',
    ];
    const result = await runCli(['hash', '--json', '--dihedral', ...files.map(ref)]);
    expect(result.code).toBe(0);
    const [upright, rotated] = parseLines(result.stdout);
    expect(upright).not.toHaveProperty('oriented');
    expect(rotated!.pdq).toBe(expected.get(files[1]!)!.hash);
    const decoded = await decodeImage(ref(files[1]!));
    if (!decoded.ok) throw new Error(decoded.error.message);
    const { orientPdqImage } = await import('@aman/pdq');
    const displayed = computePdq(orientPdqImage(decoded.value.image, 6));
    expect(rotated!.oriented).toEqual({ pdq: displayed.hash, quality: displayed.quality });
    expect(rotated!.dihedral).toEqual(computePdq(decoded.value.image, { dihedral: true }).dihedral);
    expect(Object.keys(rotated!)).toEqual([
      'path',
      'kind',
      'pdq',
      'quality',
      'md5',
      'sha256',
      'oriented',
      'dihedral',
    ]);
  });

  it('prints the dihedral hashes as a 4th text column', async () => {
    const file = ref('reg-test-input/labelme-subset/q0122.jpg');
    const result = await runCli(['hash', '--dihedral', file]);
    const [hash, quality, dihedral, path] = result.stdout.trimEnd().split('\t');
    expect([hash, quality, path]).toEqual([
      expected.get('reg-test-input/labelme-subset/q0122.jpg')!.hash,
      '100',
      file,
    ]);
    expect(dihedral!.split(',')).toHaveLength(8);
  });

  it('gives the same lines, in the same order, with one worker or several', async () => {
    const files = [...expected.keys()].slice(0, 14).map(ref);
    files.splice(5, 0, join(dir, 'nothing-here.png'));
    const [serial, parallel] = await Promise.all([
      runCli(['hash', '--json', '--jobs', '1', ...files]),
      runCli(['hash', '--json', '--jobs', '3', ...files]),
    ]);
    expect(serial.code).toBe(1);
    expect(parallel.code).toBe(1);
    expect(parallel.stdout).toBe(serial.stdout);
    // Not a terminal: no progress bar, only the summary.
    expect(parallel.stderr).toBe('aman: 1 of 15 files could not be hashed (14 hashed)\n');
  });

  it('reports text-mode failures on stderr with their code', async () => {
    writeFileSync(join(dir, 'empty.png'), '');
    const result = await runCli(['hash', join(dir, 'empty.png'), ref('misc-images/wee.jpg')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      `${expected.get('misc-images/wee.jpg')!.hash}\t100\t${ref('misc-images/wee.jpg')}\n`,
    );
    expect(result.stderr).toBe(
      `aman: ${join(dir, 'empty.png')}: the file is empty (file_empty)\n` +
        'aman: 1 of 2 files could not be hashed (1 hashed)\n',
    );
  });

  it('refuses images over --max-pixels', async () => {
    const result = await runCli([
      'hash',
      '--json',
      '--max-pixels',
      '1.5M',
      ref('reg-test-input/dih/bridge-1-original.jpg'),
    ]);
    expect(result.code).toBe(1);
    expect(parseLines(result.stdout)[0]!.error).toEqual({
      code: 'image_too_large',
      message: '1600x1004 is 1.6 MP, over the limit of 1.5 MP',
    });
  });

  it('refuses FIFOs and devices instead of blocking on them', async () => {
    const fifo = join(dir, 'a-fifo.jpg');
    execFileSync('mkfifo', [fifo]);
    const result = await runCli(['hash', '--json', fifo, '/dev/zero', ref('misc-images/wee.jpg')]);
    expect(result.code).toBe(1);
    const records = parseLines(result.stdout);
    expect(records.map((record) => (record.error as { code: string } | undefined)?.code)).toEqual([
      'file_unreadable',
      'file_unreadable',
      undefined,
    ]);
  });

  it('stops quietly when the reader closes the pipe (aman hash photos/ | head -1)', async () => {
    const child = spawn(process.execPath, [amanBin, 'hash', '--jobs', '1', reference]);
    const stderr: Buffer[] = [];
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(Buffer.concat(stderr).toString()).not.toMatch(/EPIPE|unexpected error/);
    expect(code === 0 || code === 1).toBe(true);
  });

  it.each([
    [['hash'], 'no PATH given'],
    [['hash', '--jobs', '0', 'x.jpg'], '--jobs must be a whole number from 1 to 64, got "0"'],
    [['hash', '--max-pixels', 'lots', 'x.jpg'], '--max-pixels must be a pixel count'],
    [['hash', '--colour', 'x.jpg'], "Unknown option '--colour'"],
  ])('refuses %j as bad usage', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
  });
});
