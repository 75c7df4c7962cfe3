/**
 * Frames out of ffmpeg: one child process decodes the video and lets only the frames we hash reach
 * the RGB conversion (the `select` / `fps` filters drop the others as they come out of the decoder),
 * then writes each as a binary PPM (a 15-byte header that carries the size, then packed RGB24)
 * through a socket that Node reads straight into one reused frame buffer (`./direct-socket.ts`). A second pipe (fd 3) receives one line per decoded frame from the `metadata`
 * filter: its number and timestamp, for progress, the stall watchdog and time-mode frame numbers.
 *
 * Pixels: `scale=flags=area` with BT.601 coefficients and the range the pixel format implies,
 * which is what the reference gets from `sws_getContext(…, AV_PIX_FMT_RGB24, SWS_AREA)` (it never
 * reads the stream's colour tags). ffmpeg's own default would follow the tags (BT.709 for most HD
 * video), which would not be bit-exact.
 */
import type { NeighbourhoodGrid } from '../video/neighbourhood.ts';
import type { Rational, VpdqSampling } from '../video/sampling.ts';
import { secondsPerHashRational } from '../video/sampling.ts';
import type { VideoProbe } from './video-probe.ts';
import type { ReadTarget } from './direct-socket.ts';
import { runWatched, type WatchedRun } from './video-process.ts';

export interface DecodePlan {
  readonly sampling: VpdqSampling;
  /** `time`: the sampling interval. */
  readonly secondsPerHash: number;
  /** `reference`: hash frames whose number is a multiple of this. */
  readonly frameStep: number;
  /**
   * `time` with neighbourhoods: the frames on screen at the grid's kept ticks (`keptTick` order),
   * rather than at the instants only.
   */
  readonly neighbourhood?: NeighbourhoodGrid | undefined;
  /** Decoder threads; undefined lets ffmpeg choose. */
  readonly threads?: number | undefined;
}

export interface DecodedFrame {
  readonly width: number;
  readonly height: number;
  /** Packed RGB24, `width * height * 3` bytes. Valid only during the callback: it is reused. */
  readonly rgb: Uint8Array;
}

export interface DecodeCallbacks {
  readonly onFrame: (frame: DecodedFrame) => void;
  /**
   * Where to read the pixels of the next frame (`width * height * 3` bytes), asked for each
   * frame: the hasher's own memory, so that they are not copied again. By default one array,
   * reused while the size stays the same.
   */
  readonly frameBuffer?: ((width: number, height: number) => Uint8Array) | undefined;
  /** Called as frames are decoded: the presentation time reached, in seconds from the first frame. */
  readonly onDecoded?: ((seconds: number) => void) | undefined;
}

export interface DecodeRun extends WatchedRun {
  /** Presentation timestamps of every decoded frame, in decoding output order (time-base units). */
  readonly pts: readonly number[];
}

/**
 * The ffmpeg command line for a plan (exported for tests and the benchmark).
 *
 * @example
 * ffmpegArguments('clip.mp4', probe, { sampling: 'time', secondsPerHash: 1, frameStep: 30 });
 */
export function ffmpegArguments(path: string, probe: VideoProbe, plan: DecodePlan): string[] {
  const selection =
    plan.sampling === 'reference'
      ? `select='not(mod(n\\,${plan.frameStep}))'`
      : plan.neighbourhood !== undefined && plan.neighbourhood.after > 0
        ? neighbourhoodSelection(plan.neighbourhood)
        : timeSelection(secondsPerHashRational(plan.secondsPerHash));
  // yuvj* formats are full range by definition; everything else is read as limited range, whatever
  // the stream's tags say, exactly as the reference's swscale context does.
  const range = /^yuvj/.test(probe.pixelFormat) ? 'pc' : 'tv';
  const filters = [
    'metadata=mode=add:key=aman:value=1',
    'metadata=mode=print:key=aman:file=pipe\\\\:3',
    selection,
    `scale=flags=area:in_color_matrix=bt601:in_range=${range}`,
    'format=rgb24',
  ].join(',');
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-xerror',
    // The reference hashes the coded picture; time mode hashes what a player shows.
    ...(plan.sampling === 'reference' ? ['-noautorotate'] : []),
    ...(plan.threads === undefined ? [] : ['-threads', String(plan.threads)]),
    '-i',
    path,
    '-map',
    `0:${probe.streamIndex}`,
    '-vf',
    filters,
    '-fps_mode',
    'passthrough',
    '-f',
    'image2pipe',
    '-c:v',
    'ppm',
    'pipe:1',
  ];
}

/** The frame on screen at every multiple of the interval, counted from the first frame. */
function timeSelection(interval: Rational): string {
  // fps with round=up emits, for output tick k, the last frame whose time rounds up to <= k, that
  // is the last frame at or before k·interval: the frame a player shows at that instant.
  return `setpts=PTS-STARTPTS,fps=fps=${interval.den}/${interval.num}:round=up`;
}

/**
 * The frames on screen at the ticks of a neighbourhood grid: `fps` on the tick rate (each output is
 * a tick, frame on screen then, as for instants), then `select` keeps the ticks of the
 * neighbourhoods, by tick number. Frames are only referenced until then: the dropped ticks cost no
 * conversion.
 */
function neighbourhoodSelection(grid: NeighbourhoodGrid): string {
  const { ticksPerInterval: k, before, after, tick } = grid;
  const ticks = `setpts=PTS-STARTPTS,fps=fps=${tick.den}/${tick.num}:round=up`;
  if (before + 1 + after >= k) return ticks;
  return `${ticks},select='lte(mod(n\\,${k})\\,${after})+gte(mod(n\\,${k})\\,${k - before})'`;
}

/**
 * Runs ffmpeg on `path` and hands each selected frame to `callbacks.onFrame`, in order.
 *
 * @example
 * const run = await decodeFrames('ffmpeg', 'clip.mp4', probe, plan, { onFrame: (f) => hash(f) }, watch);
 */
export async function decodeFrames(
  ffmpegPath: string,
  path: string,
  probe: VideoProbe,
  plan: DecodePlan,
  callbacks: DecodeCallbacks,
  watch: { readonly stallTimeoutMs: number; readonly signal?: AbortSignal | undefined },
): Promise<DecodeRun> {
  const frames = new PpmStream(callbacks.onFrame, callbacks.frameBuffer);
  const log = new FrameLog(probe.timeBase, callbacks.onDecoded);
  const run = await runWatched(ffmpegPath, ffmpegArguments(path, probe, plan), {
    stallTimeoutMs: watch.stallTimeoutMs,
    signal: watch.signal,
    stdoutInto: frames,
    onFd3: (chunk) => log.push(chunk),
  });
  // Throws (caught by hashVideoFile) when ffmpeg's output stopped inside a frame.
  if (run.exitCode === 0 && run.killedFor === undefined) frames.end();
  return { ...run, pts: log.pts };
}

/**
 * Splits ffmpeg's image2pipe PPM output into frames. The pixels are read straight into the frame
 * buffer; only the few bytes around each header go through a small scratch buffer.
 */
class PpmStream implements ReadTarget {
  private header: number[] = [];
  private frame: Uint8Array = new Uint8Array(0);
  private width = 0;
  private height = 0;
  private filled = -1; // -1: reading a header
  /** Reads between frames land here: a header ("P6\n1280 720\n255\n") and the first pixels. */
  private readonly scratch = new Uint8Array(64);

  constructor(
    private readonly onFrame: (frame: DecodedFrame) => void,
    private readonly frameBuffer: DecodeCallbacks['frameBuffer'],
  ) {}

  target(): Uint8Array {
    // (A frame of no pixels would leave nothing to read into: push() completes it.)
    const inFrame = this.filled >= 0 && this.filled < this.frame.length;
    return inFrame ? this.frame.subarray(this.filled) : this.scratch;
  }

  received(target: Uint8Array, bytes: number): void {
    if (target === this.scratch) {
      this.push(target.subarray(0, bytes));
      return;
    }
    this.filled += bytes;
    if (this.filled === this.frame.length) this.emitFrame();
  }

  /** Takes bytes that were read elsewhere: headers, and the pixels that came with them. */
  push(chunk: Uint8Array): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.filled < 0) {
        offset = this.readHeader(chunk, offset);
        continue;
      }
      const take = Math.min(this.frame.length - this.filled, chunk.length - offset);
      this.frame.set(chunk.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === this.frame.length) this.emitFrame();
    }
  }

  /** Throws when ffmpeg's output ends inside a frame (it never should when it exits with 0). */
  end(): void {
    if (this.filled >= 0 || this.header.length > 0)
      throw new Error('ffmpeg output ended inside a frame');
  }

  private emitFrame(): void {
    this.filled = -1;
    this.onFrame({ width: this.width, height: this.height, rgb: this.frame });
  }

  private readHeader(chunk: Uint8Array, offset: number): number {
    while (offset < chunk.length) {
      const byte = chunk[offset++]!;
      this.header.push(byte);
      // "P6\n<width> <height>\n255\n": complete at the whitespace after the 4th token.
      const text = String.fromCharCode(...this.header);
      const match = /^P6\s+(\d+)\s+(\d+)\s+255\s$/.exec(text);
      if (match !== null) {
        this.width = Number(match[1]);
        this.height = Number(match[2]);
        const size = this.width * this.height * 3;
        const given = this.frameBuffer?.(this.width, this.height);
        if (given !== undefined && given.length !== size) {
          throw new RangeError(
            `a frame buffer of ${given.length} bytes for ${size} bytes of pixels`,
          );
        }
        if (given !== undefined) this.frame = given;
        else if (this.frame.length !== size) this.frame = new Uint8Array(size);
        this.filled = 0;
        this.header = [];
        return offset;
      }
      const [first, second] = this.header;
      if (this.header.length > 40 || first !== 0x50 || (second !== undefined && second !== 0x36)) {
        throw new Error(
          `unexpected bytes in ffmpeg's PPM output: ${JSON.stringify(text.slice(0, 40))}`,
        );
      }
    }
    return offset;
  }
}

/** Reads the `metadata` filter's per-frame lines ("frame:12   pts:6144    pts_time:0.4"). */
class FrameLog {
  readonly pts: number[] = [];
  private partial = '';

  constructor(
    private readonly timeBase: Rational,
    private readonly onDecoded: ((seconds: number) => void) | undefined,
  ) {}

  push(chunk: Buffer): void {
    const lines = (this.partial + chunk.toString('latin1')).split('\n');
    this.partial = lines.pop() ?? '';
    let last: number | undefined;
    for (const line of lines) {
      const match = /^frame:(\d+)\s+pts:(-?\d+)/.exec(line);
      if (match === null) continue;
      // Frames arrive in order; a gap or a repeat means the log cannot be trusted for numbering.
      if (Number(match[1]) !== this.pts.length) continue;
      last = Number(match[2]);
      this.pts.push(last);
    }
    if (last !== undefined && this.onDecoded !== undefined) {
      this.onDecoded(((last - this.pts[0]!) * this.timeBase.num) / this.timeBase.den);
    }
  }
}
