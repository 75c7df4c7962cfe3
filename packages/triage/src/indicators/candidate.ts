/** What every indicator detector returns: a finding in the identifier view, before span mapping. */
import { kindOfCodePoint } from '../text/characters.ts';
import {
  FNV_OFFSET,
  FNV_PRIME,
  hashWord,
  tokenArrays,
  type TokenArrays,
} from '../text/tokenize.ts';
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
  /** The words of `text` (see `wordsOf`), found once for all detectors. */
  readonly words: WordList;
  /** Where each run of ASCII digits starts (see `digitRunStarts`), for the detectors anchored on a number. */
  readonly digitStarts: readonly number[];
  /**
   * Where to put named times found without a limit word ("3000 dh ce soir", "pay today"): they
   * are deadlines only in a demand's sentence, which the detector cannot see. Omitted: dropped.
   */
  readonly looseDeadlines?: Candidate[];
  /**
   * Whether [start, end) overlaps an identifier already found by a more specific detector: such a
   * finding would be dropped, so a costly check (parsing a phone number) can be skipped.
   */
  readonly taken?: (start: number, end: number) => boolean;
}

/**
 * Sorts candidates by start, keeping the order of equal ones, in place. Detectors find a handful,
 * mostly in order: insertion sort, where `Array.prototype.sort` allocates a work copy per call;
 * a long list (a pathological input) keeps the n log n sort.
 */
export function sortByStart<T extends { readonly start: number }>(list: T[]): T[] {
  if (list.length > 64) return list.sort((a, b) => a.start - b.start);
  for (let i = 1; i < list.length; i++) {
    const item = list[i] as T;
    let j = i - 1;
    while (j >= 0 && (list[j] as T).start > item.start) {
      list[j + 1] = list[j] as T;
      j--;
    }
    list[j + 1] = item;
  }
  return list;
}

/** What a detector found, before its offsets are known. */
export type Finding = Omit<Candidate, 'start' | 'end'>;

/**
 * A finding placed at [start, end), its fields kept in order. Copied by `for…in`: an object
 * spread with added fields (`{ ...finding, start, end }`) took some microseconds per copy in V8
 * for findings of varying shapes, far more than the detection.
 */
export function placed(finding: Finding, start: number, end: number): Candidate {
  const candidate: Record<string, unknown> = {};
  for (const key in finding) candidate[key] = finding[key as keyof Finding];
  candidate['start'] = start;
  candidate['end'] = end;
  return candidate as unknown as Candidate;
}

/**
 * Whether a match at `start` begins a word (no letter or digit before it). Detectors check this in
 * code rather than with a leading lookbehind: a Unicode lookbehind tried at every position costs
 * more than the rest of the pattern (about 20 µs per KB each, measured).
 */
export function startsWord(text: string, start: number, alsoNot = ''): boolean {
  if (start === 0) return true;
  if (isWordCode(text.charCodeAt(start - 1))) return false;
  return alsoNot === '' || !alsoNot.includes(text.charAt(start - 1));
}

/**
 * Whether a UTF-16 code unit is a letter or a digit in any script, which may not touch an
 * identifier on either side (it would be part of a longer word). A surrogate half alone is neither.
 */
export function isWordCode(code: number): boolean {
  if (code < 128) return ASCII_WORD[code] === 1;
  return !(code >= 0xd800 && code <= 0xdfff) && kindOf(code) !== 0;
}

/**
 * Whether a UTF-16 code unit is white space: what `\s` matches (ECMAScript's white space and line
 * terminators: the Unicode space separators, tab, vertical tab, form feed, the byte order mark,
 * line feed, carriage return, U+2028 and U+2029), compared rather than tested with a pattern on a
 * string made for it. A test compares the two on every code unit.
 */
export function isSpaceCode(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** Whether [start, end) of `text` stands alone: no letter or digit right before or after it. */
export function standsAlone(text: string, start: number, end: number): boolean {
  return (
    (start === 0 || !isWordCode(text.charCodeAt(start - 1))) &&
    (end >= text.length || !isWordCode(text.charCodeAt(end)))
  );
}

/**
 * A detector stops after this many findings: no real message holds more, and it bounds the work a
 * hostile input (a megabyte of "5 € 5 € …") can cause.
 */
export const DETECTOR_LIMIT = 1000;

/**
 * The words of the identifier view (letters and digits), found once and shared by the detectors
 * that look for word lists: positions in typed arrays, and each word's lower-cased text sliced on
 * first use only (most words are ruled out by their first letter and length, never sliced).
 */
export class WordList {
  readonly count: number;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly hashes: Int32Array;
  private readonly lowered: Array<string | undefined> = [];

  /**
   * Where each run of ASCII digits starts (see `digitRunStarts`), found in the same pass.
   */
  readonly digitStarts: number[] = [];

  constructor(
    text: string,
    private readonly lowerText: string = text.toLowerCase(),
    scratch?: TokenArrays,
  ) {
    // At most one word every two characters: arrays of that size, filled in one pass.
    const capacity = (text.length >> 1) + 1;
    const buffers =
      scratch !== undefined && capacity <= SCRATCH_WORDS ? scratch : tokenArrays(capacity);
    const { starts, ends, hashes } = buffers;
    const digitStarts = this.digitStarts;
    // Lower-casing kept every offset (the usual case): an ASCII letter is lowered here rather
    // than read again from the lower-cased text.
    const aligned = lowerText.length === text.length;
    let count = 0;
    let start = -1;
    let hash = 0;
    let previousIsDigit = false;
    for (let i = 0; i <= text.length; i++) {
      const code = i < text.length ? text.charCodeAt(i) : 0x20;
      const isDigit = code >= 48 && code <= 57;
      if (isDigit && !previousIsDigit) digitStarts.push(i);
      previousIsDigit = isDigit;
      const isWord =
        code < 128
          ? ASCII_WORD[code] === 1
          : code >= 0xd800 && code <= 0xdfff
            ? false
            : kindOf(code) !== 0;
      if (isWord) {
        if (start < 0) {
          start = i;
          hash = HASH_OFFSET;
        }
        const lower =
          aligned && code < 128
            ? code >= 65 && code <= 90
              ? code + 32
              : code
            : lowerText.charCodeAt(i);
        hash = Math.imul(hash ^ lower, HASH_PRIME);
      } else if (start >= 0) {
        starts[count] = start;
        ends[count] = i;
        hashes[count] = hash | 0;
        count++;
        start = -1;
      }
    }
    this.count = count;
    this.starts = starts;
    this.ends = ends;
    this.hashes = hashes;
  }

  /** The word's hash (`hashWord` of its lower-cased text), to rule it out of a list unsliced. */
  hash(index: number): number {
    return this.hashes[index] as number;
  }

  start(index: number): number {
    return this.starts[index] as number;
  }

  end(index: number): number {
    return this.ends[index] as number;
  }

  /** The first code unit of the word, lower-cased. */
  firstCode(index: number): number {
    return this.lowerText.charCodeAt(this.starts[index] as number);
  }

  /** The word, lower-cased; undefined past the last word. */
  lower(index: number): string | undefined {
    if (index < 0 || index >= this.count) return undefined;
    return (this.lowered[index] ??= this.lowerText.slice(this.starts[index], this.ends[index]));
  }
}

/** Words of a message up to this many (texts of up to twice as many units) use the scratch. */
const SCRATCH_WORDS = 1 << 13;
/** Arrays a `WordList` fills, reused from message to message by `transientWordsOf`. */
const scratchWords = tokenArrays(SCRATCH_WORDS);

/**
 * Like `wordsOf`, but the list reads arrays that the next call overwrites: for
 * `extractWithLooseDeadlines`, which is done with it before it returns.
 *
 * @example
 * const words = transientWordsOf(text, lower); // use it, then forget it before the next call
 */
export function transientWordsOf(text: string, lower: string): WordList {
  return new WordList(text, lower, scratchWords);
}

/**
 * The words of a text, found once and shared by the detectors that look for word lists.
 *
 * @example
 * const words = wordsOf('Pay NOW');
 * [words.lower(0), words.lower(1)]; // ['pay', 'now']
 */
export function wordsOf(text: string, lower = text.toLowerCase()): WordList {
  return new WordList(text, lower);
}

/**
 * Where each run of ASCII digits starts: amounts, dates and durations begin there, so their
 * patterns are tried at these few places instead of being searched for through the whole text.
 *
 * @example
 * digitRunStarts('pay 500 € in 24h'); // [4, 13]
 */
export function digitRunStarts(text: string): number[] {
  const starts: number[] = [];
  let previousIsDigit = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const isDigit = code >= 48 && code <= 57;
    if (isDigit && !previousIsDigit) starts.push(i);
    previousIsDigit = isDigit;
  }
  return starts;
}

/**
 * Runs a sticky (`y`) pattern that starts with a digit at each run of digits, in text order,
 * skipping runs inside the previous match: what a global search would find, but tried at a
 * handful of places. Every match is returned; callers check where it starts.
 *
 * @example
 * matchAtDigits('in 24h', [3], /\d+h/y); // one match, "24h"
 */
export function matchAtDigits(
  text: string,
  digitStarts: readonly number[],
  sticky: RegExp,
  limit = DETECTOR_LIMIT,
): RegExpExecArray[] {
  const matches: RegExpExecArray[] = [];
  let after = 0;
  for (const start of digitStarts) {
    if (matches.length >= limit) break;
    if (start < after) continue;
    sticky.lastIndex = start;
    const match = sticky.exec(text);
    if (match !== null && match[0].length > 0) {
      matches.push(match);
      after = match.index + match[0].length;
    }
  }
  return matches;
}

/** 1 for ASCII letters and digits. */
const ASCII_WORD = Uint8Array.from({ length: 128 }, (_, c) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0,
);
/** A local reference: imported bindings called per character cost a getter each under tsx. */
const kindOf = kindOfCodePoint;
/** Local copies of the word hash's constants, read per character (an imported binding is a getter under tsx). */
const HASH_OFFSET = FNV_OFFSET;
const HASH_PRIME = FNV_PRIME;

/**
 * Runs a sticky (`y`) pattern at the start of the words that `accepts`, instead of at every
 * position: a pattern that starts with a long list of words costs that list at every character
 * otherwise. Matches do not overlap; at most `limit`, in text order.
 *
 * @example
 * const text = 'pay before midnight';
 * matchAtWords(text, wordsOf(text), /before\s(midnight)/iuy, (w) => w === 'before'); // one match
 */
export function matchAtWords(
  text: string,
  words: WordList,
  sticky: RegExp,
  accepts: (lowerWord: string, index: number) => boolean,
  shapes?: WordShapes | WordHashes,
  limit = DETECTOR_LIMIT,
): RegExpExecArray[] {
  const matches: RegExpExecArray[] = [];
  let after = 0;
  for (let index = 0; index < words.count; index++) {
    if (matches.length >= limit) break;
    const start = words.start(index);
    if (start < after) continue;
    if (shapes instanceof Uint32Array) {
      if (!hasShape(shapes, words.firstCode(index), words.end(index) - start)) continue;
    } else if (shapes !== undefined && !shapes.has(words.hash(index))) {
      continue;
    }
    if (!accepts(words.lower(index) as string, index)) continue;
    sticky.lastIndex = start;
    const match = sticky.exec(text);
    if (match !== null && match[0].length > 0) {
      matches.push(match);
      after = match.index + match[0].length;
    }
  }
  return matches;
}

/**
 * The hashes (`hashWord`) of the words of interest: a word whose hash is not in it is not one.
 * An open-addressing table of 32-bit integers rather than a `Set<number>`: most hashes lie
 * outside V8's small-integer range, and a `Set` hashes each such number as a boxed double,
 * which profiling showed costing more than the rest of `matchAtWords`.
 */
export class WordHashes {
  private readonly slots: Int32Array;
  private readonly used: Uint8Array;
  private readonly mask: number;

  constructor(hashes: Iterable<number>) {
    const distinct = [...new Set(hashes)];
    let size = 16;
    while (size < distinct.length * 4) size *= 2;
    this.slots = new Int32Array(size);
    this.used = new Uint8Array(size);
    this.mask = size - 1;
    for (const hash of distinct) {
      let slot = hash & this.mask;
      while (this.used[slot] === 1) slot = (slot + 1) & this.mask;
      this.slots[slot] = hash;
      this.used[slot] = 1;
    }
  }

  has(hash: number): boolean {
    for (let slot = hash & this.mask; this.used[slot] === 1; slot = (slot + 1) & this.mask) {
      if (this.slots[slot] === hash) return true;
    }
    return false;
  }
}

/**
 * The hashes of a set of lower-case words, for `matchAtWords`.
 *
 * @example
 * wordHashesOf(['pay']).has(hashWord('pay')); // true
 */
export function wordHashesOf(words: Iterable<string>): WordHashes {
  return new WordHashes([...words].map((word) => hashWord(word)));
}

/**
 * The shapes of the words of interest: for each first code unit (index), a bit per length (1 to
 * 31, 32 and more share the last bit). One table read per word rules most words out unsliced.
 */
export type WordShapes = Uint32Array;

function lengthBit(length: number): number {
  return 1 << (Math.min(length, 32) - 1);
}

/** Whether a word with this first code unit and length may be one of interest. */
export function hasShape(shapes: WordShapes, firstCode: number, length: number): boolean {
  return ((shapes[firstCode] as number) & lengthBit(length)) !== 0;
}

/**
 * The shapes of a set of lower-case words, for `matchAtWords`; words starting with one of
 * `anyLength` (prefixes glued to the word of interest) pass whatever their length.
 *
 * @example
 * hasShape(wordShapesOf(['pay']), 'p'.charCodeAt(0), 3); // true
 */
export function wordShapesOf(
  words: Iterable<string>,
  anyLength: Iterable<string> = [],
): WordShapes {
  const shapes = new Uint32Array(0x10000);
  for (const word of words) {
    if (word !== '')
      shapes[word.charCodeAt(0)] = (shapes[word.charCodeAt(0)] as number) | lengthBit(word.length);
  }
  for (const prefix of anyLength) shapes[prefix.charCodeAt(0)] = 0xffffffff;
  return shapes;
}

/**
 * Every first word the alternatives of simple patterns can start with ("hours?" gives "hour" and
 * "hours", "f[ée]vrier" gives "février" and "fevrier"), lower-cased, for `matchAtWords`.
 * Understands literal text, [classes], a ? after a character, class or (?:group), and | at the
 * top level of each source: what the word lists here use.
 *
 * @example
 * firstWordsOf(['the end of (?:the )?day|tonight']); // Set { 'the', 'tonight' }
 */
export function firstWordsOf(sources: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const source of sources) {
    for (const alternative of splitTopLevel(source)) {
      for (const variant of expand(alternative)) {
        const first = variant.trim().split(/[\s'’]/)[0];
        if (first !== undefined && first !== '') words.add(first.toLowerCase());
      }
    }
  }
  return words;
}

/**
 * Like `firstWordsOf`, the words that can follow each first word: `next.get("the")` holds "end"
 * for "the end of the day". Used to skip common first words ("the", "a", "la") cheaply.
 */
export function followingWordsOf(sources: readonly string[]): Map<string, Set<string>> {
  const next = new Map<string, Set<string>>();
  for (const source of sources) {
    for (const alternative of splitTopLevel(source)) {
      for (const variant of expand(alternative)) {
        const [first, second] = variant
          .trim()
          .toLowerCase()
          .split(/[\s'’]+/);
        if (first === undefined || first === '' || second === undefined || second === '') continue;
        let set = next.get(first);
        if (set === undefined) next.set(first, (set = new Set()));
        set.add(second);
      }
    }
  }
  return next;
}

function splitTopLevel(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of source) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === '|' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

/** All strings a simple pattern matches (see `firstWordsOf`); escapes like \\s read as a space. */
function expand(pattern: string): string[] {
  let results = [''];
  let i = 0;
  while (i < pattern.length) {
    let options: string[];
    const ch = pattern.charAt(i);
    if (ch === '[') {
      const close = pattern.indexOf(']', i);
      options = [...pattern.slice(i + 1, close)];
      i = close + 1;
    } else if (ch === '(') {
      let depth = 0;
      let close = i;
      for (; close < pattern.length; close++) {
        if (pattern.charAt(close) === '(') depth++;
        if (pattern.charAt(close) === ')' && --depth === 0) break;
      }
      options = splitTopLevel(pattern.slice(i + 3, close)).flatMap(expand);
      i = close + 1;
    } else if (ch === '\\') {
      options = [pattern.charAt(i + 1) === 's' ? ' ' : pattern.charAt(i + 1)];
      i += 2;
    } else {
      options = [ch];
      i++;
    }
    if (pattern.charAt(i) === '?') {
      options = [...options, ''];
      i++;
    }
    results = results.flatMap((prefix) => options.map((option) => prefix + option));
    if (results.length > 4096) break; // a pattern this rich is not a word list
  }
  return results;
}
