/** What every indicator detector returns: a finding in the identifier view, before span mapping. */
import { unitKind } from '../text/characters.ts';
import type { Indicator } from '../types.ts';

/** An indicator found at [start, end) of the identifier view; `value` and `span` are added later. */
export type Candidate = Omit<Indicator, 'value' | 'span'> & {
  readonly start: number;
  readonly end: number;
};

/** What detectors read: the identifier view and what is known about the message. */
export interface DetectionContext {
  /** The identifier view's text (case kept, invisible characters removed). */
  readonly text: string;
  /** The same, lower-cased (same length: lower-casing the identifier view never changes lengths here). */
  readonly lower: string;
  /** Country for phone numbers written without a country code, if any is known or inferred. */
  readonly defaultCountry: string | undefined;
}

/** Characters that may not touch an identifier on either side (it would be part of a longer word). */
export const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Whether a match at `start` begins a word (no letter or digit before it). Detectors check this in
 * code rather than with a leading lookbehind: a Unicode lookbehind tried at every position costs
 * more than the rest of the pattern (about 20 µs per KB each, measured).
 */
export function startsWord(text: string, start: number, alsoNot = ''): boolean {
  const before = text.charAt(start - 1);
  return before === '' || (!WORD_CHAR.test(before) && !alsoNot.includes(before));
}

/** Whether [start, end) of `text` stands alone: no letter or digit right before or after it. */
export function standsAlone(text: string, start: number, end: number): boolean {
  return !WORD_CHAR.test(text.charAt(start - 1)) && !WORD_CHAR.test(text.charAt(end));
}

/**
 * A detector stops after this many findings: no real message holds more, and it bounds the work a
 * hostile input (a megabyte of "5 € 5 € …") can cause.
 */
export const DETECTOR_LIMIT = 1000;

/**
 * Runs a sticky (`y`) pattern at the start of each word only, instead of at every position: a
 * pattern that starts with a long list of words costs that list at every character otherwise.
 * Stops after `limit` matches; returns the matches in text order.
 *
 * @example
 * matchAtWordStarts('pay before midnight', /before\s(midnight)/iuy); // one match, index 4
 */
export function matchAtWordStarts(
  text: string,
  sticky: RegExp,
  limit = DETECTOR_LIMIT,
): RegExpExecArray[] {
  const matches: RegExpExecArray[] = [];
  let previousIsWord = false;
  for (let i = 0; i < text.length && matches.length < limit; i++) {
    const code = text.charCodeAt(i);
    const isWord = code >= 0xd800 && code <= 0xdfff ? false : unitKind(code, text.charAt(i)) !== 0;
    if (isWord && !previousIsWord) {
      sticky.lastIndex = i;
      const match = sticky.exec(text);
      if (match !== null && match[0].length > 0) {
        matches.push(match);
        i = match.index + match[0].length - 1;
        previousIsWord = WORD_CHAR.test(text.charAt(i));
        continue;
      }
    }
    previousIsWord = isWord;
  }
  return matches;
}
