import { useEffect, useRef } from 'react';
import { useLocale, useMessages } from '../../i18n/LocaleProvider.tsx';
import { useAnnounce } from '../../ui/Announcer.tsx';
import { mediaMessages } from './messages.ts';
import type { QueueItem } from './useHashQueue.ts';

/** The files being hashed: progress, result or error for each, and a way to stop. */
export function HashQueueView({
  items,
  busy,
  onCancel,
  onRemove,
}: {
  items: readonly QueueItem[];
  busy: boolean;
  onCancel: () => void;
  onRemove: (id: number) => void;
}) {
  const m = useMessages(mediaMessages);
  const { format } = useLocale();
  const announce = useAnnounce();
  const wasBusy = useRef(false);
  const done = items.filter((item) => item.status.kind === 'done').length;
  useEffect(() => {
    // Progress bars are read on demand; the end of the work is announced once.
    if (wasBusy.current && !busy && done > 0) announce(m.allDone(done));
    wasBusy.current = busy;
  }, [busy, done, announce, m]);
  if (items.length === 0) return null;
  return (
    <div className="card">
      <ul className="file-list">
        {items.map((item) => (
          <li key={item.id} className="file-item" data-status={item.status.kind}>
            <span className="file-name" dir="auto">
              {item.name}
            </span>
            <span className="hint">
              {item.type.startsWith('video/') ? m.video : m.image} · {format.bytes(item.size)}
            </span>
            <ItemStatusView item={item} />
            {item.status.kind !== 'hashing' && (
              <span>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => onRemove(item.id)}
                  aria-label={m.remove(item.name)}
                >
                  ✕
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {busy && (
        <p className="actions">
          <button type="button" className="button button-danger" onClick={onCancel}>
            {m.cancel}
          </button>
        </p>
      )}
    </div>
  );
}

function ItemStatusView({ item }: { item: QueueItem }) {
  const m = useMessages(mediaMessages);
  const { format } = useLocale();
  const status = item.status;
  switch (status.kind) {
    case 'waiting':
      return <span>{m.waiting}</span>;
    case 'hashing':
      return (
        <>
          <span>{m.hashing(format.percent(status.fraction))}</span>
          <progress
            max={1}
            value={status.fraction}
            aria-label={m.progressLabel(item.name)}
            aria-valuetext={format.percent(status.fraction)}
          />
        </>
      );
    case 'done':
      return status.tooFlat && status.signals.length === 0 ? (
        <span className="status-error">{m.tooFlat}</span>
      ) : (
        <span className="status-ok">{m.hashed}</span>
      );
    case 'failed':
      return <span className="status-error">{m.failures[status.code]}</span>;
    case 'cancelled':
      return <span>{m.cancelled}</span>;
  }
}
