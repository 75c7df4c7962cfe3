// Runs the ./browser entry in real Chromium: bundles a test page and the worker with esbuild,
// serves them (and the conformance images) over HTTP on a free port, and drives the page with
// playwright-core. Used by browser.test.ts and by bench/pdq/browser-distances.ts.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { PdqHash } from '../src/core/index.ts';
import { referenceDir } from './reference-data.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The shapes the page returns (the browser entry's own types need DOM typings, not loaded here). */
export interface PageHashProgress {
  readonly stage: string;
  readonly fraction: number;
}
export type PageHashResult =
  | {
      readonly ok: true;
      readonly value: {
        readonly kind: 'image';
        readonly width: number;
        readonly height: number;
        readonly orientation: number;
        readonly pdq: PdqHash;
        readonly quality: number;
        readonly dihedral?: readonly PdqHash[];
        readonly oriented?: { readonly pdq: PdqHash; readonly quality: number };
        readonly md5: string;
        readonly sha256: string;
      };
    }
  | { readonly ok: false; readonly error: { readonly code: string; readonly message: string } };

export interface BrowserHarness {
  readonly page: Page;
  /** Base URL of the server; conformance files are under /ref/, `extraDir` files under /extra/. */
  readonly origin: string;
  /** Hashes a URL of the harness server in the page's worker. */
  hashUrl(
    url: string,
    options?: { dihedral?: boolean; maxPixels?: number },
  ): Promise<{ result: PageHashResult; progress: PageHashProgress[] }>;
  close(): Promise<void>;
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
];

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.html': 'text/html',
};

/**
 * @example
 * const harness = await startBrowserHarness();
 * const hashes = await harness.page.evaluate(...);
 * await harness.close();
 */
export async function startBrowserHarness(extraDir?: string): Promise<BrowserHarness> {
  const bundles = new Map<string, string>();
  for (const [name, entry] of [
    ['page.js', join(here, 'browser', 'page.ts')],
    ['worker.js', join(here, '..', 'src', 'browser', 'worker.ts')],
  ] as const) {
    const output = await build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'chrome120',
      write: false,
      logLevel: 'silent',
    });
    bundles.set(`/${name}`, output.outputFiles[0]!.text);
  }
  bundles.set(
    '/',
    '<!doctype html><meta charset="utf-8"><script type="module" src="/page.js"></script>',
  );

  const server = createServer((request, response) => {
    const url = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const bundle = bundles.get(url);
    if (bundle !== undefined) {
      response.writeHead(200, { 'content-type': TYPES[extname(url)] ?? 'text/html' });
      response.end(bundle);
      return;
    }
    const [root, rest] = url.startsWith('/ref/')
      ? [referenceDir, url.slice(5)]
      : url.startsWith('/extra/') && extraDir !== undefined
        ? [extraDir, url.slice(7)]
        : [undefined, ''];
    const path = root === undefined ? undefined : normalize(join(root, rest));
    if (path === undefined || !path.startsWith(normalize(root!))) {
      response.writeHead(404).end();
      return;
    }
    readFile(path).then(
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
    await page.waitForFunction(() => 'hashUrl' in globalThis);
    const opened = browser;
    return {
      page,
      origin,
      hashUrl: (url, options = {}) =>
        page.evaluate(
          ([path, opts]) =>
            (
              globalThis as unknown as {
                hashUrl: (
                  u: string,
                  o: object,
                ) => Promise<{ result: PageHashResult; progress: PageHashProgress[] }>;
              }
            ).hashUrl(path, opts),
          [url, options] as const,
        ),
      async close() {
        await opened.close();
        await closeServer(server);
      },
    };
  } catch (error) {
    await browser?.close();
    await closeServer(server);
    throw error;
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
