/**
 * A channel for a child process's stdout that Node reads straight into memory the caller owns.
 *
 * A pipe from `spawn` allocates a fresh 64 KiB buffer for every read and hands it through a
 * Readable stream: for the ~170 MB of RGB frames a minute of 720p video sends, that allocation
 * and the garbage it leaves cost Node more CPU than the bytes themselves (about 0.2 s, measured by
 * `npm run bench:video`). A `net.Socket` made with `onread` instead reads into the buffer we name
 * for each read (the unfilled rest of the frame), so nothing is allocated or copied. `spawn` cannot
 * make its own pipes that way, so we make a connected pair of Unix-domain stream sockets (what
 * libuv's pipes are underneath), one end given to the child as its stdout.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Memory to read a child's output into, chosen read by read. */
export interface ReadTarget {
  /** Where the next bytes go (never empty). */
  target(): Uint8Array;
  /** `bytes` bytes were read into the start of `target` (the array `target()` last returned). */
  received(target: Uint8Array, bytes: number): void;
}

export interface DirectSocketPair {
  /** Give this to `spawn` as the child's stdout, then destroy it in this process. */
  readonly childEnd: Socket;
  /** Reads into `ReadTarget.target()`; emits 'close' after the child's end is closed everywhere. */
  readonly ourEnd: Socket;
}

/**
 * Connects a pair of sockets through a listening socket in a private (0700) temporary folder,
 * removed again before this returns: no other user can connect in between.
 *
 * @example
 * const { childEnd, ourEnd } = await directSocketPair(frames);
 * spawn('ffmpeg', args, { stdio: ['ignore', childEnd, 'pipe'] });
 * childEnd.destroy();
 */
export async function directSocketPair(reader: ReadTarget): Promise<DirectSocketPair> {
  const folder = await mkdtemp(join(tmpdir(), 'aman-ffmpeg-'));
  const server = createServer();
  try {
    const path = join(folder, 'out.sock');
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, resolve);
    });
    let ourEnd: Socket | undefined;
    const childEnd = await new Promise<Socket>((resolve, reject) => {
      server.once('connection', resolve);
      ourEnd = connect({
        path,
        onread: {
          buffer: () => reader.target(),
          callback: (bytes, target) => {
            reader.received(target, bytes);
            return true; // keep reading
          },
        },
      });
      ourEnd.once('error', reject);
    });
    return { childEnd, ourEnd: ourEnd! };
  } finally {
    server.close();
    await rm(folder, { recursive: true, force: true });
  }
}
