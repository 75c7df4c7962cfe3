/** Where a progress bar draws: a stream that may be a terminal. */
export interface ProgressStream {
  write(text: string): boolean;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** A one-line progress bar on a terminal; does nothing on a pipe or a file. */
export interface Progress {
  /** One more file done. */
  advance(): void;
  /** Erases the bar so that a line can be printed; the next `advance` draws it again. */
  clear(): void;
  /** Erases the bar for good. */
  finish(): void;
}

/** Below this many files the run is short and a bar would only flicker. */
export const PROGRESS_MIN_FILES = 10;
const REDRAW_INTERVAL_MS = 100;

/**
 * A progress bar for `total` files on `stream`, drawn only when the stream is a terminal and
 * there are at least PROGRESS_MIN_FILES files.
 *
 * @example
 * const progress = createProgress(process.stderr, files.length);
 * for (const file of files) { await hash(file); progress.advance(); }
 * progress.finish();
 */
export function createProgress(
  stream: ProgressStream,
  total: number,
  now: () => number = () => performance.now(),
): Progress {
  if (stream.isTTY !== true || total < PROGRESS_MIN_FILES) {
    return { advance() {}, clear() {}, finish() {} };
  }
  let done = 0;
  let drawn = false;
  let lastDraw = -Infinity;
  const draw = (): void => {
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - 30));
    const filled = Math.round((done / total) * width);
    const percent = Math.floor((done / total) * 100);
    stream.write(
      `\r\x1b[K[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} files ${percent}%`,
    );
    drawn = true;
    lastDraw = now();
  };
  return {
    advance() {
      done++;
      if (done === total || now() - lastDraw >= REDRAW_INTERVAL_MS || !drawn) draw();
    },
    clear() {
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
    finish() {
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}
