import { useState } from 'react';
import { hammingDistance, hashImageBlob, parsePdqHash, type PdqHash } from '@aman/pdq/browser';
import { useMessages } from '../../i18n/LocaleProvider.tsx';
import { consoleMessages } from '../messages.ts';

type Side = { hex: PdqHash; quality?: number } | { error: string } | null;

/** Two pictures hashed in this browser (nothing uploaded), or two hashes: their PDQ distance. */
export default function MatchDebugPage() {
  const m = useMessages(consoleMessages);
  const [sides, setSides] = useState<[Side, Side]>([null, null]);
  const set = (index: 0 | 1, side: Side) =>
    setSides((current) => (index === 0 ? [side, current[1]] : [current[0], side]));

  const fromFile = async (index: 0 | 1, file: File | undefined) => {
    if (file === undefined) return;
    const result = await hashImageBlob(file);
    set(
      index,
      result.ok
        ? { hex: result.value.pdq, quality: result.value.quality }
        : { error: result.error.message },
    );
  };
  const fromText = (index: 0 | 1, text: string) => {
    if (text.trim() === '') return set(index, null);
    const parsed = parsePdqHash(text.trim());
    set(index, parsed.ok ? { hex: parsed.value } : { error: m.matchDebug.badHash });
  };
  const [a, b] = sides;
  const distance =
    a !== null && b !== null && 'hex' in a && 'hex' in b ? hammingDistance(a.hex, b.hex) : null;
  return (
    <section>
      <h1>{m.matchDebug.heading}</h1>
      <p className="lead">{m.matchDebug.lead}</p>
      <div className="match-debug">
        {([0, 1] as const).map((index) => {
          const side = sides[index];
          return (
            <fieldset key={index}>
              <legend>{index === 0 ? m.matchDebug.first : m.matchDebug.second}</legend>
              <input
                type="file"
                accept="image/*"
                data-testid={`file-${index}`}
                onChange={(event) => void fromFile(index, event.target.files?.[0])}
              />
              <label>
                {m.matchDebug.hash}
                <input
                  dir="ltr"
                  data-testid={`hash-${index}`}
                  onChange={(event) => fromText(index, event.target.value)}
                />
              </label>
              {side !== null && 'hex' in side && (
                <p dir="ltr">
                  <code data-testid={`pdq-${index}`}>{side.hex}</code>
                  {side.quality === undefined ? '' : ` (${m.matchDebug.quality(side.quality)})`}
                </p>
              )}
              {side !== null && 'error' in side && <p role="alert">{side.error}</p>}
            </fieldset>
          );
        })}
      </div>
      {distance !== null && (
        <p className="callout" data-testid="distance" data-distance={distance}>
          {m.matchDebug.distance(distance)} ·{' '}
          {distance <= 31 ? m.matchDebug.match : m.matchDebug.noMatch}
        </p>
      )}
    </section>
  );
}
