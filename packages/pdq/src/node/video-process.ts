/**
 * Runs ffmpeg / ffprobe as a child process under a watchdog: killed when it goes silent for
 * `stallTimeoutMs` (a hung decoder, a FIFO that never delivers), or when `signal` aborts.
 * Output is handed over as it arrives; stderr is kept (bounded) for error messages.
 */
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

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
  /** Called with each stdout chunk; returning a promise pauses reading until it settles. */
  readonly onStdout?: ((chunk: Buffer) => void) | undefined;
  /** Called with each chunk of file descriptor 3 (ffmpeg writes per-frame metadata there). */
  readonly onFd3?: ((chunk: Buffer) => void) | undefined;
}

const STDERR_KEEP = 64 * 1024;

/**
 * Spawns `command args…` and resolves when it has exited and its pipes are drained. Never
 * rejects for the child's own failures: they are in the result. An exception thrown by a
 * callback kills the child and rejects.
 *
 * @example
 * const run = await runWatched('ffprobe', ['-v', 'error', path], { stallTimeoutMs: 30_000 });
 */
export function runWatched(
  command: string,
  args: readonly string[],
  options: WatchOptions,
): Promise<WatchedRun> {
  return new Promise((resolve, reject) => {
    const useFd3 = options.onFd3 !== undefined;
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe', ...(useFd3 ? (['pipe'] as const) : [])],
      windowsHide: true,
    });
    let stderr = '';
    let killedFor: WatchedRun['killedFor'];
    let spawnError: NodeJS.ErrnoException | undefined;
    let callbackError: Error | undefined;
    let settled = false;

    const kill = (reason: 'stall' | 'abort') => {
      if (killedFor !== undefined || child.exitCode !== null) return;
      killedFor = reason;
      child.kill('SIGKILL');
    };
    let timer = setTimeout(() => kill('stall'), options.stallTimeoutMs);
    const alive = () => {
      clearTimeout(timer);
      timer = setTimeout(() => kill('stall'), options.stallTimeoutMs);
    };
    const onAbort = () => kill('abort');
    if (options.signal?.aborted === true) queueMicrotask(onAbort);
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const guard = (handler: ((chunk: Buffer) => void) | undefined) => (chunk: Buffer) => {
      alive();
      if (handler === undefined || callbackError !== undefined) return;
      try {
        handler(chunk);
      } catch (error) {
        callbackError = error instanceof Error ? error : new Error(String(error));
        child.kill('SIGKILL');
      }
    };
    child.stdout!.on('data', guard(options.onStdout));
    if (useFd3) (child.stdio[3] as Readable).on('data', guard(options.onFd3));
    child.stderr!.on('data', (chunk: Buffer) => {
      alive();
      stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_KEEP);
    });

    const finish = (exitCode: number | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (callbackError !== undefined) reject(callbackError);
      else resolve({ exitCode, killedFor, stderr, spawnError });
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      spawnError = error;
      finish(null);
    });
    // 'close' fires after the process exited and every pipe has been drained.
    child.on('close', (code) => finish(code));
  });
}
