/**
 * Normalisation before analysis, with a map from every normalised character back to the original
 * text, so that whatever is found (a cue, a wallet address) is reported at the offsets the victim
 * sees in what they pasted.
 *
 * Two views are built in one pass:
 * - `identifiers`: NFKC, invisible characters dropped, look-alike letters replaced by the Latin
 *   letter they imitate, Arabic-Indic digits as ASCII. Case is kept: checksums depend on it.
 * - `words`: the same, lower-cased, without diacritics, Arabic letter variants unified, runs of a
 *   repeated letter collapsed ("pleeease"), and letters spaced out to dodge filters joined again
 *   ("v i d e o", "p.a.y").
 */
import {
  ARABIC_FOLD,
  HOMOGLYPHS,
  asciiDigit,
  emojiLetter,
  isIgnorable,
  isLetter,
  isMark,
  isWordChar,
} from './characters.ts';

/** A [start, end) range of UTF-16 code units, as `String.prototype.slice` takes it. */
export type Span = readonly [start: number, end: number];

/** A transformed text and, for each of its UTF-16 code units, the original range it came from. */
export interface TextView {
  readonly text: string;
  /** `starts[i]`: offset in the original of the code point that produced `text[i]`. */
  readonly starts: Uint32Array;
  /** `ends[i]`: offset just after that code point in the original. */
  readonly ends: Uint32Array;
}

/** A message and its two normalised views. */
export interface NormalizedText {
  readonly original: string;
  readonly identifiers: TextView;
  readonly words: TextView;
}

interface Folded {
  /** The code point in the identifier view (may be empty or several characters). */
  readonly id: string;
  /** The same in the word view. */
  readonly word: string;
}

const ASCII_FOLDS: readonly Folded[] = Array.from({ length: 128 }, (_, code) => {
  const ch = String.fromCharCode(code);
  return { id: ch, word: ch.toLowerCase() };
});

const foldCache = new Map<number, Folded>();
const FOLD_CACHE_LIMIT = 100_000;

function foldCodePoint(cp: number): Folded {
  if (cp < 128) return ASCII_FOLDS[cp] as Folded;
  const cached = foldCache.get(cp);
  if (cached !== undefined) return cached;
  let id = '';
  const emoji = emojiLetter(cp);
  if (emoji !== undefined) {
    id = emoji;
  } else {
    for (const ch of String.fromCodePoint(cp).normalize('NFKC')) {
      if (isMark(ch)) continue;
      id += HOMOGLYPHS.get(ch) ?? asciiDigit(ch.codePointAt(0) ?? 0) ?? ch;
    }
  }
  let word = '';
  for (const ch of id.toLowerCase().normalize('NFD')) {
    if (isMark(ch)) continue;
    word += ARABIC_FOLD.get(ch) ?? HOMOGLYPHS.get(ch)?.toLowerCase() ?? ch;
  }
  // NFD may leave a decomposable Arabic letter split; recompose what survived.
  const folded = { id, word: word.normalize('NFC') };
  if (foldCache.size < FOLD_CACHE_LIMIT) foldCache.set(cp, folded);
  return folded;
}

/** Characters that may separate letters spaced out to dodge filters: "v.i.d.e.o", "p a y". */
const SPACING_SEPARATORS = new Set([' ', '.', '-', '_', '*', '·', '|', '/', '+', '~', '•', ',']);

class ViewBuilder {
  readonly chars: string[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];

  push(piece: string, start: number, end: number): void {
    // One entry per code point of the piece: later passes work on code points.
    if (piece.length === 1) {
      this.chars.push(piece);
      this.starts.push(start);
      this.ends.push(end);
      return;
    }
    for (const ch of piece) {
      this.chars.push(ch);
      this.starts.push(start);
      this.ends.push(end);
    }
  }

  /** Builds the view, keeping only the code points whose `keep` flag is set (all when omitted). */
  build(keep?: Uint8Array): TextView {
    let units = 0;
    for (let i = 0; i < this.chars.length; i++) {
      if (keep === undefined || keep[i] === 1) units += (this.chars[i] as string).length;
    }
    const starts = new Uint32Array(units);
    const ends = new Uint32Array(units);
    const kept: string[] = [];
    let u = 0;
    for (let i = 0; i < this.chars.length; i++) {
      if (keep !== undefined && keep[i] !== 1) continue;
      const ch = this.chars[i] as string;
      kept.push(ch);
      for (let k = 0; k < ch.length; k++) {
        starts[u] = this.starts[i] as number;
        ends[u] = this.ends[i] as number;
        u++;
      }
    }
    return { text: kept.join(''), starts, ends };
  }
}

/**
 * Normalises a message into its identifier and word views (see the module comment).
 *
 * @example
 * const n = normalizeText('Ѕ\u200Bend the v i d é o');
 * n.words.text; // 'send the video'
 * toOriginalSpan(n.words, 9, 14); // [10, 19]: "v i d é o" in the original
 */
export function normalizeText(original: string): NormalizedText {
  const identifiers = new ViewBuilder();
  const words = new ViewBuilder();
  for (let i = 0; i < original.length; ) {
    const cp = original.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    if (!isIgnorable(cp)) {
      const folded = foldCodePoint(cp);
      if (folded.id !== '') identifiers.push(folded.id, i, i + width);
      if (folded.word !== '') words.push(folded.word, i, i + width);
    }
    i += width;
  }
  return {
    original,
    identifiers: identifiers.build(),
    words: words.build(wordKeepMask(words.chars)),
  };
}

/** Marks which code points of the word view survive collapsing repeats and joining spaced letters. */
function wordKeepMask(chars: readonly string[]): Uint8Array {
  const n = chars.length;
  const keep = new Uint8Array(n).fill(1);
  // Runs of three or more of the same letter collapse to one: "pleeeease", "hhhhh".
  for (let i = 2; i < n; i++) {
    const ch = chars[i] as string;
    if (ch === chars[i - 1] && ch === chars[i - 2] && isLetter(ch)) {
      keep[i] = 0;
      if (keep[i - 1] === 1 && chars[i - 3] !== ch) keep[i - 1] = 0;
    }
  }
  // Letters spaced out by one separator ("v i d e o", "p.a.y"), at least three in a row, are joined.
  const isSingle = (i: number): boolean =>
    i >= 0 &&
    i < n &&
    keep[i] === 1 &&
    isWordChar(chars[i] as string) &&
    !(i > 0 && isWordChar(chars[i - 1] as string)) &&
    !(i + 1 < n && isWordChar(chars[i + 1] as string));
  for (let i = 0; i < n; i++) {
    if (!isSingle(i)) continue;
    let end = i;
    let letters = isLetter(chars[i] as string) ? 1 : 0;
    let count = 1;
    const separator = chars[i + 1] as string;
    // One separator throughout: "v.i.d.e.o a b" joins "video", not "videoab".
    while (chars[end + 1] === separator && SPACING_SEPARATORS.has(separator) && isSingle(end + 2)) {
      end += 2;
      count++;
      if (isLetter(chars[end] as string)) letters++;
    }
    if (count >= 3 && letters >= 2) {
      for (let k = i + 1; k < end; k += 2) keep[k] = 0;
    }
    i = end;
  }
  return keep;
}

/**
 * Maps a [start, end) range of a view back to the original text.
 *
 * @example
 * const n = normalizeText('ｖｉｄéo');
 * toOriginalSpan(n.words, 0, n.words.text.length); // [0, 5]
 */
export function toOriginalSpan(view: TextView, start: number, end: number): Span {
  if (end <= start) {
    const at = start < view.starts.length ? (view.starts[start] as number) : lastEnd(view);
    return [at, at];
  }
  return [view.starts[start] as number, view.ends[end - 1] as number];
}

function lastEnd(view: TextView): number {
  return view.ends.length === 0 ? 0 : (view.ends[view.ends.length - 1] as number);
}
