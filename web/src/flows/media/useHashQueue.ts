import { useCallback, useEffect, useRef, useState } from 'react';
import { hashMedia, HashingError, type HashingErrorCode } from './hashing.ts';
import { signalsFor, type MediaHashes } from './signals.ts';
import type { SignalSubmission } from '@aman/api';

export type ItemStatus =
  | { readonly kind: 'waiting' }
  | { readonly kind: 'hashing'; readonly fraction: number }
  | {
      readonly kind: 'done';
      readonly hashes: MediaHashes;
      readonly signals: readonly SignalSubmission[];
      readonly tooFlat: boolean;
    }
  | { readonly kind: 'failed'; readonly code: HashingErrorCode }
  | { readonly kind: 'cancelled' };

export interface QueueItem {
  readonly id: number;
  readonly name: string;
  readonly size: number;
  readonly type: string;
  readonly status: ItemStatus;
}

/**
 * Hashes chosen files one after another on this device (one at a time: a cheap phone has little
 * memory, and a video already keeps the hashing worker busy), with progress and cancel.
 * The File objects stay inside this hook; only their hashes come out.
 */
export function useHashQueue() {
  const [items, setItems] = useState<readonly QueueItem[]>([]);
  const files = useRef(new Map<number, File>());
  const nextId = useRef(1);
  const controller = useRef<AbortController | null>(null);
  const running = useRef(false);

  const setStatus = useCallback((id: number, status: ItemStatus) => {
    setItems((current) => current.map((item) => (item.id === id ? { ...item, status } : item)));
  }, []);

  const run = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    try {
      for (;;) {
        const next = [...files.current.entries()][0];
        if (next === undefined) break;
        const [id, file] = next;
        const abort = new AbortController();
        controller.current = abort;
        setStatus(id, { kind: 'hashing', fraction: 0 });
        try {
          const hashes = await hashMedia(file, {
            signal: abort.signal,
            onProgress: (fraction) => setStatus(id, { kind: 'hashing', fraction }),
          });
          setStatus(id, { kind: 'done', hashes, ...signalsFor(hashes) });
        } catch (error) {
          if (abort.signal.aborted) setStatus(id, { kind: 'cancelled' });
          else setStatus(id, { kind: 'failed', code: codeOf(error) });
        } finally {
          files.current.delete(id);
        }
      }
    } finally {
      controller.current = null;
      running.current = false;
    }
  }, [setStatus]);

  const add = useCallback(
    (chosen: readonly File[]) => {
      const added: QueueItem[] = chosen.map((file) => {
        const id = nextId.current++;
        files.current.set(id, file);
        return {
          id,
          name: file.name,
          size: file.size,
          type: file.type,
          status: { kind: 'waiting' },
        };
      });
      setItems((current) => [...current, ...added]);
      void run();
    },
    [run],
  );

  /** Stops the file being hashed and every file still waiting. */
  const cancelAll = useCallback(() => {
    const waiting = [...files.current.keys()];
    files.current.clear();
    controller.current?.abort();
    setItems((current) =>
      current.map((item) =>
        waiting.includes(item.id) && item.status.kind === 'waiting'
          ? { ...item, status: { kind: 'cancelled' } }
          : item,
      ),
    );
  }, []);

  const remove = useCallback((id: number) => {
    if (files.current.has(id)) {
      files.current.delete(id);
    }
    setItems((current) => {
      const item = current.find((candidate) => candidate.id === id);
      if (item?.status.kind === 'hashing') controller.current?.abort();
      return current.filter((candidate) => candidate.id !== id);
    });
  }, []);

  const clear = useCallback(() => {
    files.current.clear();
    controller.current?.abort();
    setItems([]);
  }, []);

  // Leaving the screen stops any hashing still going on.
  useEffect(() => () => controller.current?.abort(), []);

  const busy = items.some(
    (item) => item.status.kind === 'hashing' || item.status.kind === 'waiting',
  );
  const signals = items.flatMap((item) => (item.status.kind === 'done' ? item.status.signals : []));
  return { items, add, cancelAll, remove, clear, busy, signals };
}

function codeOf(error: unknown): HashingErrorCode {
  return error instanceof HashingError ? error.code : 'failed';
}
