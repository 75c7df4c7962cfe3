// Runs the ./browser video hasher in real Chromium (playwright-core, Debian's /usr/bin/chromium):
// bundles a small page and the video worker with esbuild, serves them and the clips over HTTP on a
// free port. Used by video-browser.test.ts and bench/video/browser.ts.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { VpdqFrame } from '../src/video/frame.ts';

const source = fileURLToPath(new URL('../src/browser/', import.meta.url));
const fixtures = fileURLToPath(new URL('./video-fixtures/', import.meta.url));

/** What the page hands back (the browser entry's own types need DOM typings, not loaded here). */
export interface PageVideoRun {
  readonly result:
    | {
        readonly ok: true;
        readonly value: {
          readonly kind: 'video';
          readonly md5?: string;
          readonly sha256?: string;
          readonly durationSeconds: number;
          readonly width: number;
          readonly height: number;
          readonly sampling: 'time';
          readonly secondsPerHash: number;
          readonly neighbourhoodSeconds: number;
          readonly frames: VpdqFrame[];
          readonly decoder: 'webcodecs' | 'element';
        };
      }
    | { readonly ok: false; readonly error: { readonly code: string; readonly message: string } };
  readonly progress: { decodedSeconds: number; framesHashed: number; fraction: number }[];
  /** Time hashVideoBlob took in the page, in ms (the file already fetched). */
  readonly ms: number;
}

export interface PageVideoOptions {
  readonly secondsPerHash?: number;
  /** Frames around each instant too (default 0: one frame per instant). */
  readonly neighbourhoodSeconds?: number;
  readonly digests?: boolean;
  /** Hash in the video worker (default) or on the page's thread. */
  readonly worker?: boolean;
  /** Abort from the first progress report. */
  readonly abortAfterFirst?: boolean;
  /** Force a decoder (default: WebCodecs, falling back to the <video> element). */
  readonly decoder?: 'auto' | 'webcodecs' | 'element';
}

export interface VideoBrowserHarness {
  readonly page: Page;
  /** Hashes a file: `/fixtures/NAME` (the committed clips) or `/extra/NAME` (`extraDir`). */
  hash(url: string, options?: PageVideoOptions): Promise<PageVideoRun>;
  /** What this Chromium says about codecs. */
  codecs(): Promise<Record<string, string>>;
  close(): Promise<void>;
}

const PAGE = `
import { hashVideoBlob } from ${JSON.stringify(join(source, 'video.ts'))};
window.hashVideo = async (url, options) => {
  const blob = await (await fetch(url)).blob();
  const progress = [];
  const controller = new AbortController();
  const started = performance.now();
  const result = await hashVideoBlob(blob, {
    secondsPerHash: options.secondsPerHash ?? 1,
    neighbourhoodSeconds: options.neighbourhoodSeconds ?? 0,
    digests: options.digests ?? true,
    decoder: options.decoder ?? 'auto',
    createWorker: options.worker === false ? undefined : () => new Worker('/video-worker.js', { type: 'module' }),
    signal: controller.signal,
    onProgress: (p) => {
      progress.push(p);
      if (options.abortAfterFirst) controller.abort();
    },
  });
  return { result, progress, ms: performance.now() - started };
};
window.codecs = () => {
  const video = document.createElement('video');
  const types = {
    'H.264 (MP4)': 'video/mp4; codecs="avc1.64001f"',
    'HEVC (MP4)': 'video/mp4; codecs="hvc1.1.6.L93.B0"',
    'VP9 (WebM)': 'video/webm; codecs="vp9"',
    'VP8 (WebM)': 'video/webm; codecs="vp8"',
    'AV1 (MP4)': 'video/mp4; codecs="av01.0.05M.08"',
  };
  return Object.fromEntries(Object.entries(types).map(([name, type]) => [name, video.canPlayType(type) || 'no']));
};
`;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  // Hidden, never-played <video> elements must not be throttled.
  '--disable-background-timer-throttling',
];

async function bundle(options: Parameters<typeof build>[0]): Promise<string> {
  const output = await build({
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
    ...options,
  });
  return output.outputFiles![0]!.text;
}

/**
 * @example
 * const harness = await startVideoBrowserHarness();
 * const run = await harness.hash('/fixtures/testsrc2-30fps.mp4');
 * await harness.close();
 */
export async function startVideoBrowserHarness(extraDir?: string): Promise<VideoBrowserHarness> {
  const files = new Map<string, { type: string; body: string }>([
    [
      '/',
      {
        type: 'text/html',
        body: '<!doctype html><meta charset="utf-8"><script type="module" src="/page.js"></script>',
      },
    ],
    [
      '/page.js',
      {
        type: 'text/javascript',
        body: await bundle({ stdin: { contents: PAGE, resolveDir: source, loader: 'js' } }),
      },
    ],
    [
      '/video-worker.js',
      {
        type: 'text/javascript',
        body: await bundle({ entryPoints: [join(source, 'video-worker.ts')] }),
      },
    ],
  ]);
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = files.get(path);
    if (file !== undefined) {
      response.writeHead(200, { 'content-type': file.type }).end(file.body);
      return;
    }
    const [root, rest] = path.startsWith('/fixtures/')
      ? [fixtures, path.slice('/fixtures/'.length)]
      : path.startsWith('/extra/') && extraDir !== undefined
        ? [extraDir, path.slice('/extra/'.length)]
        : [undefined, ''];
    const full = root === undefined ? undefined : normalize(join(root, rest));
    if (full === undefined || !full.startsWith(normalize(root!))) {
      response.writeHead(404).end();
      return;
    }
    readFile(full).then(
      (body) => response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => 'hashVideo' in globalThis);
    const opened = browser;
    return {
      page,
      hash: (url, options = {}) =>
        page.evaluate(
          ([u, o]) =>
            (
              globalThis as unknown as {
                hashVideo: (u: string, o: PageVideoOptions) => Promise<PageVideoRun>;
              }
            ).hashVideo(u, o),
          [url, options] as const,
        ),
      codecs: () =>
        page.evaluate(() =>
          (globalThis as unknown as { codecs: () => Record<string, string> }).codecs(),
        ),
      close: async () => {
        await opened.close();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      },
    };
  } catch (error) {
    await browser?.close();
    server.close();
    throw error;
  }
}
