/**
 * Runs ffmpeg / ffprobe as a child process under a watchdog: killed when it goes silent for
 * `stallTimeoutMs` (a hung decoder, a FIFO that never delivers), or when `signal` aborts.
 * Output is handed over as it arrives; stderr is kept (bounded) for error messages.
 */
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { directSocketPair, type ReadTarget } from './direct-socket.ts';

export interface WatchedRun {
  /** Exit code, or null when killed by a signal. */
  readonly exitCode: number | null;
  /** Why we killed it, if we did. */
  readonly killedFor: 'stall' | 'abort' | undefined;
  /** The last 64 KiB of stderr, as text. */
  readonly stderr: string;
  /** Set when the program could not be started (ENOENT: not installed). */
  readonly spawnError: NodeJS.ErrnoException | undefined;
}

export interface WatchOptions {
  readonly stallTimeoutMs: number;
  readonly signal?: AbortSignal | undefined;
  /** Called with each stdout chunk. */
  readonly onStdout?: ((chunk: Buffer) => void) | undefined;
  /**
   * Instead of `onStdout`: stdout is read straight into the memory this names, read by read,
   * through a socket pair (`./direct-socket.ts`): no buffer allocated per read, no copy.
   */
  readonly stdoutInto?: ReadTarget | undefined;
  /** Called with each chunk of file descriptor 3 (ffmpeg writes per-frame metadata there). */
  readonly onFd3?: ((chunk: Buffer) => void) | undefined;
}

const STDERR_KEEP = 64 * 1024;

/**
 * Spawns `command args…` and resolves when it has exited and its output is drained. Never
 * rejects for the child's own failures: they are in the result. An exception thrown by a
 * callback kills the child and rejects.
 *
 * @example
 * const run = await runWatched('ffprobe', ['-v', 'error', path], { stallTimeoutMs: 30_000 });
 */
export async function runWatched(
  command: string,
  args: readonly string[],
  options: WatchOptions,
): Promise<WatchedRun> {
  const callbacks = new GuardedCallbacks();
  const into = options.stdoutInto;
  const direct =
    into === undefined ? undefined : await directSocketPair(callbacks.readTarget(into));
  return new Promise((resolve, reject) => {
    const useFd3 = options.onFd3 !== undefined;
    let child;
    try {
      child = spawn(command, args, {
        stdio: [
          'ignore',
          direct?.childEnd ?? 'pipe',
          'pipe',
          ...(useFd3 ? (['pipe'] as const) : []),
        ],
        windowsHide: true,
      });
    } catch (error) {
      direct?.ourEnd.destroy();
      throw error;
    } finally {
      // The child has its own copy; ours would keep the socket open after the child exits.
      direct?.childEnd.destroy();
    }
    let stderr = '';
    let killedFor: WatchedRun['killedFor'];
    let spawnError: NodeJS.ErrnoException | undefined;
    let exitCode: number | null | undefined;
    let settled = false;

    const kill = (reason: 'stall' | 'abort') => {
      if (killedFor !== undefined || child.exitCode !== null) return;
      killedFor = reason;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => kill('stall'), options.stallTimeoutMs);
    const onAbort = () => kill('abort');
    if (options.signal?.aborted === true) queueMicrotask(onAbort);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    callbacks.start(
      () => timer.refresh(),
      () => child.kill('SIGKILL'),
    );

    if (direct === undefined) child.stdout!.on('data', callbacks.forChunks(options.onStdout));
    if (useFd3) (child.stdio[3] as Readable).on('data', callbacks.forChunks(options.onFd3));
    child.stderr!.on('data', (chunk: Buffer) => {
      timer.refresh();
      stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_KEEP);
    });

    const finish = () => {
      // 'close' fires once the process has exited and its pipes are drained; our socket closes
      // once all the child wrote to it has been read.
      const drained = direct === undefined || direct.ourEnd.closed;
      if (settled || exitCode === undefined || !drained) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (callbacks.error !== undefined) reject(callbacks.error);
      else resolve({ exitCode, killedFor, stderr, spawnError });
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      spawnError = error;
      exitCode = null;
      finish();
    });
    child.on('close', (code) => {
      exitCode ??= code;
      finish();
    });
    direct?.ourEnd.on('error', (error) => callbacks.fail(error));
    direct?.ourEnd.on('close', finish);
  });
}

/**
 * The caller's callbacks, each call marking the child alive; the first exception stops the calls
 * and kills the child. Reads meant for a `ReadTarget` go to a scratch buffer after that.
 */
class GuardedCallbacks {
  error: Error | undefined;
  private alive = () => {};
  private kill = () => {};
  private readonly discard = new Uint8Array(1 << 16);

  start(alive: () => void, kill: () => void): void {
    this.alive = alive;
    this.kill = kill;
  }

  fail(error: unknown): void {
    if (this.error !== undefined) return;
    this.error = error instanceof Error ? error : new Error(String(error));
    this.kill();
  }

  forChunks(handler: ((chunk: Buffer) => void) | undefined): (chunk: Buffer) => void {
    return (chunk) => {
      this.alive();
      if (handler === undefined || this.error !== undefined) return;
      try {
        handler(chunk);
      } catch (error) {
        this.fail(error);
      }
    };
  }

  readTarget(into: ReadTarget): ReadTarget {
    return {
      target: () => (this.error === undefined ? into.target() : this.discard),
      received: (target, bytes) => {
        this.alive();
        if (target === this.discard) return;
        try {
          into.received(target, bytes);
        } catch (error) {
          this.fail(error);
        }
      },
    };
  }
}
