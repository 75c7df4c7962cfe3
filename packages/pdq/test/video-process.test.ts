/**
 * runWatched reading a child's stdout straight into caller-owned memory (`stdoutInto`, through a
 * socket pair): every byte arrives, in order, whatever the target sizes; the run resolves only
 * once all of it has been read; a failing callback kills the child; a stalled child is killed.
 */
import { describe, expect, it } from 'vitest';
import type { ReadTarget } from '../src/node/direct-socket.ts';
import { runWatched } from '../src/node/video-process.ts';

/** Byte `i` of what the writer child sends: a sequence with no short period. */
const SEQUENCE = '(Math.imul(i, 2654435761) >>> 13) & 255';

/** A child that writes `bytes` bytes of SEQUENCE and exits. */
const writer = (bytes: number) => [
  '-e',
  `const out = Buffer.alloc(${bytes});
   for (let i = 0; i < out.length; i++) out[i] = ${SEQUENCE};
   process.stdout.write(out);`,
];

function expectedBytes(bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) out[i] = (Math.imul(i, 2654435761) >>> 13) & 255; // SEQUENCE
  return out;
}

/** Collects everything read, into targets whose sizes cycle through `sizes`. */
class Collector implements ReadTarget {
  readonly reads: number[] = [];
  private readonly parts: Buffer[] = [];
  private turn = 0;

  constructor(private readonly sizes: readonly number[]) {}

  target(): Uint8Array {
    return new Uint8Array(this.sizes[this.turn++ % this.sizes.length]!);
  }

  received(target: Uint8Array, bytes: number): void {
    this.reads.push(bytes);
    this.parts.push(Buffer.from(target.subarray(0, bytes)));
  }

  get bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

describe('runWatched with stdoutInto', () => {
  it('delivers every byte in order, into targets of any size', async () => {
    const size = 3_000_007;
    for (const sizes of [[1 << 20], [7, 64, 100_003], [2_764_815]]) {
      const into = new Collector(sizes);
      const run = await runWatched(process.execPath, writer(size), {
        stallTimeoutMs: 30_000,
        stdoutInto: into,
      });
      expect(run).toMatchObject({ exitCode: 0, killedFor: undefined });
      expect(into.bytes.equals(expectedBytes(size))).toBe(true);
      expect(Math.max(...into.reads)).toBeLessThanOrEqual(Math.max(...sizes));
    }
  });

  it('kills the child and rejects when a callback throws', async () => {
    let reads = 0;
    const failing: ReadTarget = {
      target: () => new Uint8Array(4096),
      received: () => {
        if (++reads === 2) throw new Error('no room for this frame');
      },
    };
    await expect(
      runWatched(process.execPath, writer(50_000_000), {
        stallTimeoutMs: 30_000,
        stdoutInto: failing,
      }),
    ).rejects.toThrow('no room for this frame');
    expect(reads).toBe(2);
  });

  it('kills a child that writes nothing', async () => {
    const into = new Collector([4096]);
    const run = await runWatched(process.execPath, ['-e', 'setTimeout(() => {}, 600_000)'], {
      stallTimeoutMs: 300,
      stdoutInto: into,
    });
    expect(run).toMatchObject({ exitCode: null, killedFor: 'stall' });
    expect(into.reads).toEqual([]);
  });

  it('says when the program is missing', async () => {
    const run = await runWatched('/nonexistent/ffmpeg', [], {
      stallTimeoutMs: 30_000,
      stdoutInto: new Collector([4096]),
    });
    expect(run.spawnError?.code).toBe('ENOENT');
  });
});
