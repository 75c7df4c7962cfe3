/**
 * Malformed media, made at test time: truncated JPEG and PNG, an empty file, a text file named
 * .jpg, a JPEG named .png and a PNG named .mp4, a 30000x30000 PNG decompression bomb (a crafted
 * header, never allocated), a video with a broken header, one without its index, and a 10-hour
 * blank video. Through `aman hash` (the real binary) and through every API route that takes input
 * (a real `aman serve`): each gets a clear answer, no process crashes, and nothing is left
 * half-written (no partial output line, no stray file, no database row).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmanClient, routePath, routes, type RouteSpec } from '@aman/api';
import { rawSql } from '../../server/test/helpers/raw-sql.ts';
import { runCli } from './run-cli.ts';
import { startServe, type ServeProcess } from './serve-process.ts';

let dir: string;
/** The 10-hour video's frames, as `aman hash --json` gave them (hashed once, used twice). */
let blankFrames: string[] = [];
const path = (name: string) => join(dir, name);

function ffmpeg(...args: string[]): void {
  execFileSync('ffmpeg', ['-v', 'error', '-y', ...args]);
}

/** A PNG whose header says 30000x30000 RGB (2.7 GB decoded) around a few bytes of data. */
function decompressionBomb(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(30_000, 0);
  header.writeUInt32BE(30_000, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc((1 + 30_000 * 3) * 4))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** What each file of the corpus must give: an error code, or a hash equal to another file's. */
const EXPECTED: Record<string, { error: string } | { sameAs: string }> = {
  'truncated.jpg': { error: 'image_truncated' },
  'truncated.png': { error: 'image_truncated' },
  'empty.jpg': { error: 'file_empty' },
  'text-named.jpg': { error: 'not_an_image' },
  'bomb.png': { error: 'image_too_large' },
  'broken-header.mp4': { error: 'not_an_image' },
  'no-index.mp4': { error: 'video_truncated' },
  // Wrong extensions: the content decides, so they hash exactly as the right name would.
  'jpeg-named.png': { sameAs: 'good.jpg' },
  'png-named.mp4': { sameAs: 'good.png' },
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aman-malformed-'));
  ffmpeg('-f', 'lavfi', '-i', 'testsrc2=size=320x240', '-frames:v', '1', path('good.jpg'));
  ffmpeg('-f', 'lavfi', '-i', 'testsrc2=size=320x240', '-frames:v', '1', path('good.png'));
  const jpeg = readFileSync(path('good.jpg'));
  const png = readFileSync(path('good.png'));
  writeFileSync(path('truncated.jpg'), jpeg.subarray(0, jpeg.length >> 1));
  writeFileSync(path('truncated.png'), png.subarray(0, png.length >> 1));
  writeFileSync(path('empty.jpg'), '');
  writeFileSync(path('text-named.jpg'), 'this is a note, not a picture\n');
  writeFileSync(path('jpeg-named.png'), jpeg);
  writeFileSync(path('png-named.mp4'), png);
  writeFileSync(path('bomb.png'), decompressionBomb());
  ffmpeg(
    ...['-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=10', '-t', '2'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', path('clip.mp4')],
  );
  const clip = readFileSync(path('clip.mp4'));
  // The header (ftyp and the start of the file) overwritten.
  writeFileSync(path('broken-header.mp4'), Buffer.concat([Buffer.alloc(64), clip.subarray(64)]));
  // ffmpeg writes the index (moov) last: cut it off, as an interrupted recording would.
  writeFileSync(path('no-index.mp4'), clip.subarray(0, clip.length - 2000));
  // Ten hours of black at one frame a second: ten seconds encoded, then repeated without
  // re-encoding (3 MB, made in a second).
  ffmpeg(
    ...['-f', 'lavfi', '-i', 'color=black:s=16x16:r=1', '-t', '10'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', path('blank-10s.mp4')],
  );
  ffmpeg('-stream_loop', '3599', '-i', path('blank-10s.mp4'), '-c', 'copy', path('blank-10h.mp4'));
  rmSync(path('blank-10s.mp4'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface HashLine {
  path: string;
  pdq?: string;
  frames?: { pdq: string; quality: number; timestamp: number }[];
  error?: { code: string; message: string };
}

describe('aman hash on malformed media', () => {
  let lines: HashLine[];
  let result: Awaited<ReturnType<typeof runCli>>;
  const before = new Set<string>();

  beforeAll(async () => {
    for (const name of readdirSync(dir)) before.add(name);
    const files = [...Object.keys(EXPECTED), 'good.jpg', 'good.png', 'blank-10h.mp4'];
    result = await runCli(['hash', '--json', ...files.map(path)], { timeoutMs: 240_000 });
    lines = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as HashLine);
  }, 300_000);

  it('answers every file, each line whole, and exits 1 without crashing', () => {
    expect(result.code).toBe(1);
    expect(lines).toHaveLength(Object.keys(EXPECTED).length + 3);
    expect(result.stderr).toBe(`aman: 7 of 12 files could not be hashed (5 hashed)\n`);
  });

  it.each(Object.entries(EXPECTED))('%s: %j', (name, expected) => {
    const line = lines.find((entry) => entry.path === path(name))!;
    if ('error' in expected) {
      expect(line.error?.code).toBe(expected.error);
      expect(line.error?.message.length).toBeGreaterThan(10);
      expect(line.pdq).toBeUndefined();
    } else {
      const same = lines.find((entry) => entry.path === path(expected.sameAs))!;
      expect(line.error).toBeUndefined();
      expect(line.pdq).toBe(same.pdq);
    }
  });

  it('refuses the bomb from its header, saying how large it would be', () => {
    const bomb = lines.find((entry) => entry.path === path('bomb.png'))!;
    expect(bomb.error?.message).toBe('30000x30000 is 900 MP, over the limit of 100 MP');
  });

  it('hashes ten hours of black in bounded time, and says no frame can be matched', () => {
    const blank = lines.find((entry) => entry.path === path('blank-10h.mp4'))!;
    expect(blank.frames).toHaveLength(36_000);
    blankFrames = blank.frames!.map((frame) => `${frame.pdq},${frame.quality},${frame.timestamp}`);
    expect(blank.frames!.every((frame) => frame.quality < 50)).toBe(true);
  });

  it('leaves no stray file behind', () => {
    expect(readdirSync(dir).sort()).toEqual([...before].sort());
  });

  it('says it plainly in text mode too', async () => {
    const text = await runCli(['hash', path('bomb.png'), path('truncated.png'), path('empty.jpg')]);
    expect(text.code).toBe(1);
    expect(text.stdout).toBe('');
    expect(text.stderr).toBe(
      [
        `aman: ${path('bomb.png')}: 30000x30000 is 900 MP, over the limit of 100 MP (image_too_large)`,
        `aman: ${path('truncated.png')}: the png file is truncated: it ends before the image does (vipspng: libpng read error) (image_truncated)`,
        `aman: ${path('empty.jpg')}: the file is empty (file_empty)`,
        'aman: 3 of 3 files could not be hashed (0 hashed)',
        '',
      ].join('\n'),
    );
  });
});

describe('the API given malformed media', () => {
  let server: ServeProcess;
  let db: string;
  let caseNumber: string;
  let pin: string;

  beforeAll(async () => {
    db = path('aman.sqlite');
    server = await startServe(['--db', db, '--no-demo'], { AMAN_DATA_DIR: dir });
    const opened = await new AmanClient({ baseUrl: server.url }).createCase({
      signals: [{ type: 'sha256', value: 'cd'.repeat(32) }],
    });
    if (!opened.ok) throw new Error(opened.error.message);
    ({ caseNumber, pin } = opened.value);
  });

  afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });

  const counts = async () => {
    const tables = ['cases', 'signals', 'changes', 'evidence', 'feedback', 'platforms'];
    const result: Record<string, unknown> = {};
    for (const table of tables) {
      result[table] = (
        (await rawSql(db, `SELECT count(*) AS n FROM ${table}`)) as { n: number }[]
      )[0]!.n;
    }
    return result;
  };

  const bodyRoutes = (Object.entries(routes) as [string, RouteSpec][]).filter(
    ([, route]) => route.method !== 'GET',
  );
  const types: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', mp4: 'video/mp4' };

  it('refuses every file on every route that takes input, with a clear 4xx, and stores nothing', async () => {
    const start = await counts();
    const files = Object.keys(EXPECTED).filter((name) => statSync(path(name)).size < 200_000);
    for (const name of files) {
      const bytes = readFileSync(path(name));
      for (const [routeName, route] of bodyRoutes) {
        for (const type of [
          types[name.split('.').pop()!]!,
          'application/octet-stream',
          'application/json',
        ]) {
          const response = await fetch(
            `${server.url}${routePath(route.path, { caseNumber, bank: 'lure', id: 1, evidenceId: 'x', staffId: 1, shareId: 1, keyId: 1, networkId: 'n', reportId: 1 })}`,
            {
              method: route.method,
              headers: { 'content-type': type, 'x-case-pin': pin },
              body: bytes.length === 0 ? '' : bytes,
            },
          );
          const context = `${name} as ${type} to ${routeName}: ${response.status}`;
          expect(response.status, context).toBeGreaterThanOrEqual(400);
          expect(response.status, context).toBeLessThan(500);
          const body = (await response.json()) as { error: { code: string; message: string } };
          expect(body.error.message.length, context).toBeGreaterThan(5);
        }
      }
    }
    expect(await counts()).toEqual(start);
    expect((await new AmanClient({ baseUrl: server.url }).health()).ok).toBe(true);
  });

  it("refuses the 10-hour blank video's hash: too large whole, unmatchable in part", async () => {
    const frames = blankFrames;
    expect(frames).toHaveLength(36_000);
    const start = await counts();
    const client = new AmanClient({ baseUrl: server.url });
    expect(await client.createCase({ signals: [{ type: 'vpdq', value: frames }] })).toMatchObject({
      status: 413,
      error: { code: 'body_too_large' },
    });
    expect(
      await client.createCase({ signals: [{ type: 'vpdq', value: frames.slice(0, 18_000) }] }),
    ).toMatchObject({ status: 400, error: { code: 'pdq_low_quality' } });
    expect(await counts()).toEqual(start);
  });
});
