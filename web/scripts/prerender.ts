/**
 * The build's second step, after `vite build`, for a first screen that shows and works on a slow
 * connection before the app's JavaScript has arrived:
 * - the first screen, prerendered in the three languages, goes into dist/index.html;
 * - the boot script (language, direction, Quick exit) and the stylesheet are inlined in <head>, so
 *   the first paint needs the HTML alone (one request instead of three); the Content-Security-Policy
 *   allows exactly these two inline blocks by their SHA-256 and nothing else inline;
 * - gzip and brotli copies of the text assets are written next to them (the server sends them).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, createServer } from 'vite';
import { contentSecurityPolicy } from './csp.ts';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');

async function renderFirstScreens(): Promise<string> {
  const server = await createServer({
    root,
    configFile: false,
    logLevel: 'error',
    server: { middlewareMode: true, hmr: false },
    appType: 'custom',
  });
  try {
    const entry = (await server.ssrLoadModule('/src/prerender.tsx')) as {
      renderFirstScreens: () => string;
    };
    return entry.renderFirstScreens();
  } finally {
    await server.close();
  }
}

/** The boot script as one small classic script (it must run before the first paint). */
async function buildBootScript(): Promise<string> {
  const output = await build({
    root,
    configFile: false,
    logLevel: 'error',
    build: {
      write: false,
      target: 'es2020',
      lib: { entry: join(root, 'src/boot.ts'), formats: ['iife'], name: 'amanBoot' },
    },
  });
  const results = Array.isArray(output) ? output : [output];
  for (const result of results) {
    if (!('output' in result)) continue;
    for (const chunk of result.output) {
      if (chunk.type === 'chunk') return chunk.code.trim();
    }
  }
  throw new Error('the boot script build produced no chunk');
}

function cspHash(content: string): string {
  return `'sha256-${createHash('sha256').update(content).digest('base64')}'`;
}

/** Inlines the built stylesheet that Vite linked from <head>. */
function inlineStylesheet(html: string): { html: string; css: string } {
  const link = /<link rel="stylesheet"[^>]*href="\/(assets\/[^"]+\.css)"[^>]*>/.exec(html);
  if (link?.[1] === undefined) throw new Error('dist/index.html links no stylesheet');
  const css = readFileSync(join(dist, link[1]), 'utf8').trim();
  return { html: html.replace(link[0], () => `<style>${css}</style>`), css };
}

function replaceOnce(html: string, marker: string, replacement: string): string {
  if (!html.includes(marker)) throw new Error(`dist/index.html has no ${marker}`);
  return html.replace(marker, () => replacement);
}

function compressAssets(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      compressAssets(path);
      continue;
    }
    if (!/\.(html|js|css|svg|json|txt|map)$/.test(name)) continue;
    const content = readFileSync(path);
    if (content.length < 1024) continue;
    writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
    writeFileSync(
      `${path}.br`,
      brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    );
  }
}

const indexPath = join(dist, 'index.html');
let html = readFileSync(indexPath, 'utf8');
const boot = await buildBootScript();
html = replaceOnce(html, '<!--aman:boot-->', `<script>${boot}</script>`);
const inlined = inlineStylesheet(html);
html = replaceOnce(inlined.html, '<!--aman:prerendered-->', await renderFirstScreens());
const csp = contentSecurityPolicy({ scripts: [cspHash(boot)], styles: [cspHash(inlined.css)] });
html = replaceOnce(
  html,
  '<meta charset="utf-8" />',
  `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${csp}" />`,
);
writeFileSync(indexPath, html);
compressAssets(dist);
