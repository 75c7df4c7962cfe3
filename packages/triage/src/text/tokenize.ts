/**
 * Splits the word view into tokens. A token keeps its digits as written (Arabizi spells letters with
 * digits: "3ndi", "l7bs") and, when it looks like leetspeak ("v1d3o", "b!tc0in"), also carries the
 * letters the digits stand for.
 */
import { isArabic, isLetter, kindAt } from './characters.ts';

/**
 * A word of the word view. Offsets are in the word view; map them back with `toOriginalSpan`.
 * What depends on the text alone (its leetspeak reading, its script) is read on demand: callers
 * remember it per distinct word, so most tokens never compute it.
 */
export class Token {
  constructor(
    readonly start: number,
    readonly end: number,
    /** The word as in the word view (lower case, no diacritics), digits kept. */
    readonly text: string,
    /** A 32-bit FNV-1a hash of `text`, for tables that remember something per distinct word. */
    readonly hash: number,
  ) {}

  /** The leetspeak reading ("v1d3o" → "video") when it differs from `text`. */
  get leet(): string | undefined {
    return readLeet(this.text);
  }

  /** Whether the word is written in Arabic script. */
  get arabic(): boolean {
    const first = this.text.charCodeAt(0);
    return (
      first >= 0x600 &&
      first <= 0x8ff &&
      (first <= 0x6ff ||
        (first >= 0x750 && first <= 0x77f) ||
        first >= 0x8a0 ||
        isArabic(this.text))
    );
  }
}

/**
 * A word on its own as a token (its offsets are those of the word itself), for reading a word
 * remembered from an earlier message in another lexicon.
 *
 * @example
 * wordToken('v1d3o').leet; // 'video'
 */
export function wordToken(word: string): Token {
  return new Token(0, word.length, word, hashWord(word));
}

const LEET: ReadonlyMap<string, string> = new Map(
  Object.entries({
    '0': 'o',
    '1': 'i',
    '3': 'e',
    '4': 'a',
    '5': 's',
    '7': 't',
    '8': 'b',
    '@': 'a',
    $: 's',
    '!': 'i',
    '|': 'l',
    '€': 'e',
  }),
);

/**
 * Where the tokens of a word-view text are, as parallel arrays rather than an object per token:
 * token `i` is [starts[i], ends[i]) with hash `hashes[i]`, for `i` below `count`.
 */
export interface TokenPositions {
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly hashes: Int32Array;
}

/**
 * Tokenises a word-view text.
 *
 * @example
 * tokenize("envoie-moi l'argent, b1tc0in").map((t) => t.leet ?? t.text);
 * // ['envoie', 'moi', 'l', 'argent', 'bitcoin']
 */
export function tokenize(text: string): Token[] {
  const { count, starts, ends, hashes } = tokenPositions(text, false);
  const tokens = new Array<Token>(count);
  for (let i = 0; i < count; i++) {
    const start = starts[i] as number;
    const end = ends[i] as number;
    tokens[i] = new Token(start, end, text.slice(start, end), hashes[i] as number);
  }
  return tokens;
}

/** Token positions of texts up to this many units (at most half as many tokens) use the scratch. */
const SCRATCH_UNITS = 1 << 16;
let scratch: TokenArrays | undefined;

/** Where each token (or word) starts and ends, and its hash: the columns of a token table. */
export interface TokenArrays {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly hashes: Int32Array;
}

/** Empty columns for `capacity` tokens. */
export function tokenArrays(capacity: number): TokenArrays {
  return {
    starts: new Int32Array(capacity),
    ends: new Int32Array(capacity),
    hashes: new Int32Array(capacity),
  };
}

/**
 * Where the tokens of a word-view text are, and their hashes. With `transient`, a text shorter
 * than 64 Ki units gets arrays that the next transient call overwrites (for `analyze`, done with
 * them before it returns): no allocation per message.
 *
 * @example
 * tokenPositions('ta video', false).count; // 2
 */
export function tokenPositions(text: string, transient: boolean): TokenPositions {
  // Tokens are separated by at least one unit: at most one token every two units.
  const { starts, ends, hashes } =
    transient && text.length < SCRATCH_UNITS
      ? (scratch ??= tokenArrays(SCRATCH_UNITS >> 1))
      : tokenArrays((text.length + 1) >> 1);
  let count = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (!isWordCharAt(text, i)) {
      i += charWidth(text, i);
      continue;
    }
    const start = i;
    let hash = FNV_OFFSET;
    while (i < n) {
      const code = text.charCodeAt(i);
      // ASCII read from a table with the unit already in hand: most characters are ASCII.
      if (code < 128 ? ASCII_WORD[code] === 1 : kindAtLocal(text, i) !== 0) {
        hash = Math.imul(hash ^ code, FNV_PRIME);
        if (code >= 0xd800 && code <= 0xdbff && i + 1 < n) {
          hash = Math.imul(hash ^ text.charCodeAt(i + 1), FNV_PRIME);
          i += 2;
        } else {
          i += 1;
        }
      } else if (isInnerSymbol(code) && i + 1 < n && isWordCharAt(text, i + 1) && i > start) {
        hash = Math.imul(hash ^ code, FNV_PRIME);
        i += 1;
      } else {
        break;
      }
    }
    starts[count] = start;
    ends[count] = i;
    hashes[count] = hash | 0;
    count++;
  }
  return { count, starts, ends, hashes };
}

/** FNV-1a, 32 bits: the hash `tokenize` and `WordList` give a word. */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

/**
 * The hash `tokenize` gives a word, for tables keyed by word.
 *
 * @example
 * hashWord('video') === tokenize('video')[0]?.hash; // true
 */
export function hashWord(word: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), FNV_PRIME);
  return hash | 0;
}

const LEET_CHARS = /[0-9@$!|€]/;

/**
 * Whether `code` is a symbol that counts as part of a word when it sits between two letters or
 * digits ("p@y", "b!tc0in"): @ $ ! | €. Tested after every word, so compared, not hashed.
 */
function isInnerSymbol(code: number): boolean {
  return code === 64 || code === 36 || code === 33 || code === 124 || code === 0x20ac;
}

/** 1 for the ASCII letters and digits, by code unit. */
const ASCII_WORD = new Uint8Array(128).map((_, code) =>
  (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90) ? 1 : 0,
);
/** A local reference: imported bindings called per character cost a getter each under tsx. */
const kindAtLocal = kindAt;

function charWidth(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1;
}

function isWordCharAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 128)
    return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
  return kindAtLocal(text, i) !== 0;
}

/**
 * The letters a leetspeak word stands for, or undefined when the word is not leetspeak. Leading
 * digits are a number, not leet ("48h", "2eme"), and a word needs two real letters to be a word.
 */
function readLeet(word: string): string | undefined {
  // Only digits and the inner symbols stand for letters: a word without them is not leetspeak.
  if (!LEET_CHARS.test(word)) return undefined;
  let letters = 0;
  let leetAfterLetter = false;
  let seenLetter = false;
  for (const ch of word) {
    if (isLetter(ch)) {
      letters++;
      seenLetter = true;
    } else if (seenLetter && LEET.has(ch)) {
      leetAfterLetter = true;
    }
  }
  if (letters < 2 || !leetAfterLetter) return undefined;
  let leadingDigits = 0;
  while (
    leadingDigits < word.length &&
    word.charCodeAt(leadingDigits) >= 48 &&
    word.charCodeAt(leadingDigits) <= 57
  ) {
    leadingDigits++;
  }
  let out = word.slice(0, leadingDigits);
  for (const ch of word.slice(leadingDigits)) out += LEET.get(ch) ?? ch;
  return out === word ? undefined : out;
}
