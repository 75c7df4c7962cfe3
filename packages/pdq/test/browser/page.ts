// The test page: exposes the browser entry to Playwright. Bundled by browser-harness.ts.
import {
  createPdqWorker,
  type HashProgress,
  type WorkerHashOptions,
} from '../../src/browser/index.ts';

const pdq = createPdqWorker(() => new Worker('/worker.js', { type: 'module' }));

async function hashUrl(
  url: string,
  options: Omit<WorkerHashOptions, 'onProgress' | 'signal'> = {},
) {
  const blob = await (await fetch(url)).blob();
  const progress: HashProgress[] = [];
  const result = await pdq.hash(blob, { ...options, onProgress: (p) => progress.push(p) });
  return { result, progress };
}

/** Starts hashing `url`, cancels after `afterMs`, then hashes `next`: both outcomes. */
async function cancelThenHash(url: string, afterMs: number, next: string) {
  const blob = await (await fetch(url)).blob();
  const controller = new AbortController();
  const pending = pdq.hash(blob, { signal: controller.signal });
  setTimeout(() => controller.abort(), afterMs);
  const cancelled = await pending;
  const following = await hashUrl(next);
  return { cancelled, following: following.result };
}

Object.assign(globalThis, { hashUrl, cancelThenHash });
