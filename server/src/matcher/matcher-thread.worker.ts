/**
 * The matcher thread (see matcher-thread.ts): owns a Matcher over its own connection to the store
 * and answers the main thread's messages in the order they come.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../repositories/open-store.ts';
import type { Store } from '../repositories/store.ts';
import { Matcher } from './matcher.ts';
import type {
  MatcherAnswer,
  MatcherReply,
  MatcherRequest,
  MatcherThreadData,
} from './matcher-thread.ts';

const port = parentPort!;
const data = workerData as MatcherThreadData;
let store: Store | undefined;
let matcher: Matcher | undefined;

function reply(answer: MatcherAnswer): void {
  const message: MatcherReply = {
    ...answer,
    size: matcher?.size ?? 0,
    cursor: matcher?.cursor ?? 0,
  };
  port.postMessage(message);
}

/** Answers one request of the main thread, once the bank is loaded. */
async function run(
  request: MatcherRequest,
  loaded: { readonly matcher: Matcher; readonly store: Store },
): Promise<void> {
  try {
    switch (request.kind) {
      case 'match':
        return reply({ kind: 'done', id: request.id, hits: loaded.matcher.match(request.queries) });
      case 'sync':
        await loaded.matcher.sync();
        return reply({ kind: 'done', id: request.id });
      case 'reload-banks':
        await loaded.matcher.reloadBanks();
        return reply({ kind: 'done', id: request.id });
      case 'stop':
        await loaded.matcher.stop();
        await loaded.store.close();
        reply({ kind: 'done', id: request.id });
        port.close();
        return;
    }
  } catch (error) {
    reply({ kind: 'failed', id: request.id, message: String(error) });
  }
}

try {
  // Errors cross to the main thread as text: an error object would lose its message on the way.
  store = openStore(data.location);
  matcher = new Matcher(store, {
    pollIntervalMs: data.pollIntervalMs,
    onError: (error) => port.postMessage({ kind: 'tail-error', message: String(error) }),
  });
  await matcher.start();
  const loaded = { matcher, store };
  reply({ kind: 'done', id: 0 });
  port.on('message', (request: MatcherRequest) => void run(request, loaded));
} catch (error) {
  reply({ kind: 'failed', id: 0, message: `the matcher cannot load the bank: ${String(error)}` });
  await store?.close().catch(() => {});
  port.close();
}
