/**
 * Between the API's signal shapes and the stored ones. vPDQ is stored as the JSON array of compact
 * frames exactly as python-threatexchange writes it (@aman/pdq `formatVpdqCompactJson`), so that a
 * platform running HMA gets back the very text its own tools produce.
 */
import { formatVpdqCompactJson, type PdqHash, type VpdqFeature } from '@aman/pdq';
import { toVpdqFrames, type SignalQuery, type SignalSubmission, type SignalType } from '@aman/api';
import type { MatcherQuery } from '../matcher/matcher.ts';
import type { NewSignal } from '../repositories/store.ts';

/** A submitted signal as it is stored: canonical value text. */
export function toNewSignal(signal: SignalSubmission): NewSignal {
  switch (signal.type) {
    case 'pdq':
      return { type: 'pdq', value: signal.value.toLowerCase(), quality: signal.quality ?? null };
    case 'md5':
    case 'sha256':
      return { type: signal.type, value: signal.value.toLowerCase(), quality: null };
    case 'vpdq':
      return {
        type: 'vpdq',
        value: formatVpdqCompactJson(toFeatures(signal.value)),
        quality: null,
      };
  }
}

/** A queried signal as the matcher takes it. */
export function toMatcherQuery(signal: SignalQuery): MatcherQuery {
  switch (signal.type) {
    case 'pdq':
    case 'md5':
    case 'sha256':
      return { type: signal.type, hash: signal.value.toLowerCase() };
    case 'vpdq':
      return { type: 'vpdq', frames: toFeatures(signal.value) };
  }
}

/** A stored value as the API shows it: hex, or for vPDQ the list of compact frames. */
export function toApiValue(type: SignalType, stored: string): string | string[] {
  return type === 'vpdq' ? (JSON.parse(stored) as string[]) : stored;
}

/** Signals without repeats (same type and value), first occurrence kept. */
export function uniqueSignals(signals: readonly NewSignal[]): NewSignal[] {
  const seen = new Set<string>();
  return signals.filter((signal) => {
    const key = `${signal.type}:${signal.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toFeatures(frames: Parameters<typeof toVpdqFrames>[0]): VpdqFeature[] {
  return toVpdqFrames(frames).map((frame) => ({ ...frame, pdq: frame.pdq as PdqHash }));
}
