/** What every indicator detector returns: a finding in the identifier view, before span mapping. */
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

/** Whether [start, end) of `text` stands alone: no letter or digit right before or after it. */
export function standsAlone(text: string, start: number, end: number): boolean {
  return !WORD_CHAR.test(text.charAt(start - 1)) && !WORD_CHAR.test(text.charAt(end));
}
