/**
 * Finds every identifier in a message: runs each detector on the identifier view, keeps the most
 * specific finding where two overlap (an IBAN's digits are not also a phone number), and maps each
 * finding back to the original text.
 */
import type { NormalizedText } from '../text/normalize.ts';
import { toOriginalSpan } from '../text/normalize.ts';
import type { Indicator } from '../types.ts';
import { findAmounts } from './amount.ts';
import type { Candidate, DetectionContext } from './candidate.ts';
import { sortByStart, transientWordsOf } from './candidate.ts';
import { findCryptoAddresses } from './crypto.ts';
import { findDeadlines } from './deadline.ts';
import { findEmails } from './email.ts';
import { findIbans } from './iban.ts';
import { findPhones } from './phone.ts';
import { findReceivers } from './receiver.ts';
import { findSocialHandles } from './social.ts';
import { findTransferReferences } from './transfer.ts';
import { findUrls } from './url.ts';

/** Detectors, most specific first: a later finding that overlaps an earlier one is dropped. */
const DETECTORS: ReadonlyArray<(context: DetectionContext) => Candidate[]> = [
  findCryptoAddresses,
  findIbans,
  findEmails,
  findUrls,
  findSocialHandles,
  findTransferReferences,
  findReceivers,
  findAmounts,
  findPhones,
  findDeadlines,
];

/** At most this many indicators are returned, so that a pathological input stays cheap to render. */
export const MAX_INDICATORS = 500;

/**
 * Extracts the indicators of a normalised message, in text order.
 *
 * @example
 * extractIndicators(normalizeText('MTCN 1234567890 Western Union'), undefined)[0]?.type; // 'mtcn'
 */
export function extractIndicators(
  normalized: NormalizedText,
  defaultCountry: string | undefined,
): Indicator[] {
  return extractWithLooseDeadlines(normalized, defaultCountry).indicators;
}

/**
 * Like `extractIndicators`, plus the named times found without a limit word ("… 500 € ce soir"),
 * which `analyze` keeps as deadlines when they sit in the sentence of a demand.
 *
 * @example
 * extractWithLooseDeadlines(normalizeText('500 € ce soir'), 'FR').looseDeadlines[0]?.normalized; // 'tonight'
 */
export function extractWithLooseDeadlines(
  normalized: NormalizedText,
  defaultCountry: string | undefined,
): { indicators: Indicator[]; looseDeadlines: Indicator[] } {
  const text = normalized.identifiers.text;
  const lower = lowerSameLength(text);
  const looseDeadlines: Candidate[] = [];
  const accepted: Candidate[] = [];
  // Bound, not a named closure: under tsx (keepNames) each named closure costs a defineProperty call.
  const taken = overlapsAny.bind(undefined, accepted);
  const words = transientWordsOf(text, lower);
  const context: DetectionContext = {
    text,
    lower,
    defaultCountry,
    words,
    digitStarts: words.digitStarts,
    looseDeadlines,
    taken,
  };
  for (const detect of DETECTORS) {
    for (const candidate of detect(context)) {
      if (accepted.length >= MAX_INDICATORS) break;
      if (overlapsAny(accepted, candidate.start, candidate.end)) continue;
      accepted.push(candidate);
    }
  }
  sortByStart(accepted);
  return {
    indicators: accepted.map((c) => toIndicator(normalized, c)),
    looseDeadlines: looseDeadlines
      .filter((c) => !overlapsAny(accepted, c.start, c.end))
      .map((c) => toIndicator(normalized, c)),
  };
}

/** Whether [start, end) overlaps one of `accepted`. */
function overlapsAny(accepted: readonly Candidate[], start: number, end: number): boolean {
  return accepted.some((a) => start < a.end && a.start < end);
}

/** The indicator for a candidate: its value and span in the original text. */
function toIndicator(normalized: NormalizedText, candidate: Candidate): Indicator {
  const span = toOriginalSpan(normalized.identifiers, candidate.start, candidate.end);
  return withoutOffsets(candidate, normalized.original.slice(span[0], span[1]), span);
}

/**
 * The indicator a candidate stands for: its fields in the same order without the view offsets,
 * then the value and span in the original. Copied by `for…in`: object rest
 * (`{ start, end, ...finding }`) took some 2 µs per indicator in V8, twenty times this.
 */
function withoutOffsets(candidate: Candidate, value: string, span: Indicator['span']): Indicator {
  const indicator: Record<string, unknown> = {};
  for (const key in candidate) {
    if (key !== 'start' && key !== 'end') indicator[key] = candidate[key as keyof Candidate];
  }
  indicator['value'] = value;
  indicator['span'] = span;
  return indicator as unknown as Indicator;
}

/** Lower case without changing any offset (a few letters, like "İ", lengthen when lower-cased). */
function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const l = ch.toLowerCase();
    out += l.length === 1 ? l : ch;
  }
  return out;
}
