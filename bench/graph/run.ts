/**
 * bench:graph: is the console's graph view interactive with 5,000 nodes? The real console page
 * (/console/graph, sigma.js over graphology) in headless Chromium against a real `aman serve`,
 * whose database holds a large synthetic data set (stored through the real report service:
 * triage, encryption, correlation). While the page is panned (mouse drags) and zoomed (wheel), a
 * requestAnimationFrame loop records the time between frames; the same is measured on a 500-node
 * graph of the same data, side by side. Goal: under 100 ms per frame at 5,000 nodes.
 *
 *   flock /tmp/aman-bench.lock npm run bench:graph [-- --nodes 5000 --seconds 4]
 *
 * Headless Chromium here runs without a GPU (--disable-gpu: WebGL in software, SwiftShader), on
 * cores shared with whatever else runs: a desktop with a GPU does better.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateSyntheticDataset } from '@aman/correlation/synthetic';
import { analyze } from '@aman/triage';
import { chromium, type Browser, type Page } from 'playwright-core';
import { nodeSecrets } from '../../server/src/repositories/secrets.ts';
import { nodeStaffSecrets } from '../../server/src/repositories/staff-secrets.ts';
import { openConsoleStore } from '../../server/src/repositories/open-console-store.ts';
import { openStore } from '../../server/src/repositories/open-store.ts';
import { systemClock } from '../../server/src/repositories/clock.ts';
import { ChainedAuditTrail } from '../../server/src/security/audit-trail.ts';
import { EnvelopeCipher } from '../../server/src/security/field-cipher.ts';
import { checkKeys } from '../../server/src/security/key-management.ts';
import { loadKeyring } from '../../server/src/security/keyring.ts';
import { CorrelationService } from '../../server/src/services/correlation.service.ts';
import { ReportService } from '../../server/src/services/report.service.ts';
import { StaffAccounts } from '../../server/src/services/staff-accounts.service.ts';

const { values } = parseArgs({
  options: {
    nodes: { type: 'string', default: '5000' },
    seconds: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '3' },
  },
});
const NODES = Number(values.nodes);
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
const dataDir = new URL('../.data/graph/', import.meta.url).pathname;
const db = join(dataDir, 'aman.sqlite');
const NAME = 'bench-investigator';
const PASSWORD = 'bench graph passphrase';

/** Fills the bench database once: a synthetic data set big enough for NODES graph nodes. */
async function seed(): Promise<void> {
  if (existsSync(db)) return;
  mkdirSync(dataDir, { recursive: true });
  const store = openStore(db);
  await store.migrate();
  const consoleStore = openConsoleStore(db);
  const keyring = loadKeyring({ dataKeys: undefined, keyFile: undefined, dataDir });
  await checkKeys(store, keyring, systemClock);
  const cipher = new EnvelopeCipher(keyring);
  const audit = new ChainedAuditTrail({ store, keyring: () => cipher.keys, clock: systemClock });
  const correlation = new CorrelationService({
    consoleStore,
    cipher,
    audit,
    clock: systemClock,
    pollIntervalMs: 0,
  });
  const reports = new ReportService({
    consoleStore,
    cases: { unlock: () => Promise.reject(new Error('not used')) },
    triage: analyze,
    correlation,
    cipher,
    audit,
    clock: systemClock,
  });
  // More than NODES in all: the graph keeps whole networks, largest first, up to NODES nodes.
  const rings = Math.ceil(NODES / 55);
  const dataset = generateSyntheticDataset({
    seed: 11,
    rings,
    victimsPerRing: [40, 80],
    unrelatedVictims: 0,
  });
  const bank = (await store.listBanks()).find((entry) => entry.name === 'protect')!;
  const pinHash = await nodeSecrets.hashPin(nodeSecrets.newPin());
  const cases = new Map<string, number>();
  process.stdout.write(
    `seeding ${dataset.reports.length} synthetic reports of ${rings} rings into ${db}…\n`,
  );
  for (const report of dataset.reports) {
    let caseId = cases.get(report.caseId);
    if (caseId === undefined) {
      caseId = (
        await store.createCase({
          caseNumber: nodeSecrets.newCaseNumber(),
          pinHash,
          bankId: bank.id,
          signals: [],
          at: new Date(report.receivedAt),
        })
      ).caseId;
      cases.set(report.caseId, caseId);
    }
    await reports.store(caseId, report.text, {
      receivedAt: new Date(report.receivedAt),
      lureHashes: report.lureHashes ?? [],
      synthetic: true,
    });
  }
  const accounts = new StaffAccounts({
    consoleStore,
    store,
    secrets: nodeStaffSecrets,
    cipher,
    audit,
    clock: systemClock,
  });
  const link = await accounts.create('cli', { name: NAME, role: 'investigator' });
  await accounts.completeSetup({ code: link.setupCode, password: PASSWORD });
  await consoleStore.close();
  await store.close();
}

interface FrameFigures {
  readonly nodes: number;
  readonly edges: number;
  readonly frames: number;
  readonly mean: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly firstDrawMs: number;
  /** Mean frame interval of the page left alone. */
  readonly idleMean: number;
}

async function measure(browser: Browser, url: string, maxNodes: number): Promise<FrameFigures> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    locale: 'en-GB',
  });
  const page = await context.newPage();
  await page.goto(`${url}/console/graph`);
  await page.locator('input[name="name"]').fill(NAME);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await page.locator('.console-who').waitFor();
  const started = Date.now();
  await page.goto(`${url}/console/graph?maxNodes=${maxNodes}&minVictims=1`);
  await page.locator('[data-testid="graph"] canvas').first().waitFor({ timeout: 120_000 });
  await page.waitForTimeout(500);
  const firstDrawMs = Date.now() - started;
  const size = (await page.locator('[data-testid="graph-size"]').textContent()) ?? '';
  const [nodes = 0, edges = 0] = (size.match(/\d+/g) ?? []).map(Number);
  // The same page left alone: what frames cost here without any interaction (the floor).
  await startFrameRecorder(page);
  await page.waitForTimeout(1500);
  const idle = await stopFrameRecorder(page);
  // Pan and zoom from inside the page, one input event per frame (as a trackpad sends them), so
  // that the figure is the page's own frame time, not the automation's round trips.
  const graph = page.locator('[data-testid="graph"]');
  // The figures mean something only if the drags pan the graph, and the wheel zooms it (below).
  const unpanned = await graph.screenshot();
  await page.evaluate(DRAG);
  await page.waitForTimeout(500);
  if ((await graph.screenshot()).equals(unpanned)) {
    throw new Error('the graph did not pan: the synthetic drag was ignored');
  }
  const before = await graph.screenshot();
  const intervals = await page.evaluate<number[]>(interact(SECONDS));
  await page.waitForTimeout(300);
  // The figures mean something only if the graph did move.
  if ((await graph.screenshot()).equals(before)) {
    throw new Error('the graph did not move: the synthetic pan and zoom events were ignored');
  }
  await context.close();
  const sorted = [...intervals].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    nodes,
    edges,
    frames: intervals.length,
    mean: intervals.reduce((sum, value) => sum + value, 0) / Math.max(1, intervals.length),
    p50: at(0.5),
    p95: at(0.95),
    max: sorted.at(-1) ?? 0,
    firstDrawMs,
    idleMean: idle.reduce((sum, value) => sum + value, 0) / Math.max(1, idle.length),
  };
}

function medianFigures(runs: readonly FrameFigures[]): FrameFigures {
  const median = (pick: (figures: FrameFigures) => number) => {
    const sorted = runs.map(pick).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? 0;
  };
  return {
    nodes: median((f) => f.nodes),
    edges: median((f) => f.edges),
    frames: median((f) => f.frames),
    mean: median((f) => f.mean),
    p50: median((f) => f.p50),
    p95: median((f) => f.p95),
    max: median((f) => f.max),
    firstDrawMs: median((f) => f.firstDrawMs),
    idleMean: median((f) => f.idleMean),
  };
}

// Page code as text: tsx would wrap a function passed to evaluate() with helpers the page lacks.
const START_RECORDER = `(() => {
  const state = { last: performance.now(), intervals: [], running: true };
  window.__frames = state;
  const tick = (now) => {
    state.intervals.push(now - state.last);
    state.last = now;
    if (state.running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;
const STOP_RECORDER = `(() => {
  window.__frames.running = false;
  return window.__frames.intervals.slice(1);
})()`;

/**
 * Page code that defines `pointer(type, dx, dy)`, `wheel(deltaY)` and `element`, the element under
 * the centre of the graph (sigma's top canvas). A real mouse sends a pointer event and then its
 * compatibility mouse event, both to the element under the cursor (bubbling up to the document);
 * a synthetic PointerEvent brings no mouse event, so both are sent. sigma 3 pans on the mouse
 * events: with pointer events alone the drags were ignored and only the wheel moved the graph.
 */
const INPUT = `
    const box = document.querySelector('[data-testid="graph"]').getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    const element = document.elementFromPoint(x, y);
    const pointer = (type, dx, dy) => {
      const init = { clientX: x + dx, clientY: y + dy, bubbles: true, cancelable: true, button: 0, buttons: type === 'pointerup' ? 0 : 1 };
      element.dispatchEvent(new PointerEvent(type, { ...init, pointerId: 1, pointerType: 'mouse', isPrimary: true }));
      element.dispatchEvent(new MouseEvent(type.replace('pointer', 'mouse'), init));
    };
    const wheel = (deltaY) =>
      element.dispatchEvent(new WheelEvent('wheel', { deltaY, clientX: x, clientY: y, bubbles: true, cancelable: true }));`;

/** One drag of 100 pixels to the right, over a few frames. */
const DRAG = `new Promise((resolve) => {
  ${INPUT}
  let step = 0;
  const tick = () => {
    if (step === 0) pointer('pointerdown', 0, 0);
    else pointer('pointermove', step * 10, 0);
    if (step === 10) {
      pointer('pointerup', 100, 0);
      resolve();
    } else {
      step++;
      requestAnimationFrame(tick);
    }
  };
  requestAnimationFrame(tick);
})`;

/** Drags the graph around, then zooms in and out, for `seconds`; answers the frame intervals. */
function interact(seconds: number): string {
  return `new Promise((resolve) => {
    ${INPUT}
    const intervals = [];
    const end = performance.now() + ${seconds * 1000};
    let last = performance.now();
    let frame = 0;
    const tick = (now) => {
      intervals.push(now - last);
      last = now;
      const phase = Math.floor(frame / 60) % 2;
      if (phase === 0) {
        if (frame % 60 === 0) pointer('pointerdown', 0, 0);
        pointer('pointermove', (frame % 60) * 4, Math.sin(frame / 9) * 100);
        if (frame % 60 === 59) pointer('pointerup', 240, 0);
      } else {
        wheel(frame % 240 < 150 ? -60 : 60);
      }
      frame++;
      if (now < end) requestAnimationFrame(tick);
      else resolve(intervals.slice(1));
    };
    requestAnimationFrame(tick);
  })`;
}

async function startFrameRecorder(page: Page): Promise<void> {
  await page.evaluate(START_RECORDER);
}

function stopFrameRecorder(page: Page): Promise<number[]> {
  return page.evaluate<number[]>(STOP_RECORDER);
}

/** `aman serve` on the bench database, with its key file (the bench data dir). */
function serve(): Promise<{ url: string; stop: () => void }> {
  const root = new URL('../../', import.meta.url).pathname;
  const child = spawn(
    process.execPath,
    [join(root, 'cli/bin/aman.js'), 'serve', '--port', '0', '--db', db, '--no-demo'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, AMAN_DATA_DIR: dataDir },
    },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url !== undefined && output.includes('Press Ctrl+C'))
        resolve({ url, stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`aman serve exited with ${code}: ${output}`)));
  });
}

await seed();
const aman = await serve();
const browser = await chromium.launch({
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
  ],
});
try {
  // Alternated rounds, medians: the cores are shared, and both columns should feel it alike.
  const smalls: FrameFigures[] = [];
  const larges: FrameFigures[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    smalls.push(await measure(browser, aman.url, 500));
    larges.push(await measure(browser, aman.url, NODES));
  }
  const small = medianFigures(smalls);
  const large = medianFigures(larges);
  const line = (label: string, f: FrameFigures) =>
    `${label.padEnd(12)} ${String(f.nodes).padStart(6)} nodes ${String(f.edges).padStart(6)} edges  ${String(f.frames).padStart(4)} frames  mean ${f.mean.toFixed(1).padStart(6)} ms  p50 ${f.p50.toFixed(1).padStart(6)}  p95 ${f.p95.toFixed(1).padStart(6)}  max ${f.max.toFixed(1).padStart(6)}  idle ${f.idleMean.toFixed(1).padStart(5)} ms  first draw ${f.firstDrawMs} ms`;
  process.stdout.write(
    [
      `bench:graph: /console/graph in headless Chromium (software WebGL), ${SECONDS} s of panning and zooming, median of ${ROUNDS} alternated rounds`,
      line('peer (500)', small),
      line(`${NODES}`, large),
      `goal: under 100 ms per frame at ${NODES} nodes: mean ${large.mean.toFixed(1)} ms ${large.mean < 100 ? 'met' : 'NOT met'}; p95 ${large.p95.toFixed(1)} ms ${large.p95 < 100 ? 'met' : 'NOT met'}`,
      '',
    ].join('\n'),
  );
} finally {
  await browser.close();
  aman.stop();
}
