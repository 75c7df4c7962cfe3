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
 * Finds a word already known (`text` from `start` to `end`, whose hash is `hash`) and returns the
 * string remembered for it, or undefined.
 */
export type WordLookup = (
  text: string,
  start: number,
  end: number,
  hash: number,
) => string | undefined;

/**
 * Tokenises a word-view text. With `known`, a word met before is given the string remembered for
 * it rather than a new slice: no copy, and later lookups keyed by the word compare one pointer
 * and reuse its computed hash.
 *
 * @example
 * tokenize("envoie-moi l'argent, b1tc0in").map((t) => t.leet ?? t.text);
 * // ['envoie', 'moi', 'l', 'argent', 'bitcoin']
 */
export function tokenize(text: string, known?: WordLookup): Token[] {
  const tokens: Token[] = [];
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
    const word = known?.(text, start, i, hash | 0) ?? text.slice(start, i);
    tokens.push(new Token(start, i, word, hash | 0));
  }
  return tokens;
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
