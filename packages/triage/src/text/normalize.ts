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
  isMark,
  kindOfCodePoint,
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
  /** Whether `id` is the code point itself (the identifier view keeps it as written). */
  readonly same: boolean;
  /**
   * When `word` is one code unit (most letters of every script): that unit and its kind in the
   * word view (2 letter, 1 digit, 0 neither), pushed without reading the string; -1 otherwise.
   */
  readonly wordUnit: number;
  readonly wordKind: number;
  /** Whether the code point is invisible and dropped from both views (`isIgnorable`). */
  readonly ignorable: boolean;
}

// Local references to the imported functions called per character: run through tsx, each call
// to an imported binding goes through an export getter, which profiling showed costing as much as
// the call itself.
const kindOf = kindOfCodePoint;

const ASCII_FOLDS: readonly Folded[] = Array.from({ length: 128 }, (_, code) => {
  const ch = String.fromCharCode(code);
  return makeFold(ch, ch.toLowerCase(), true, false);
});

function makeFold(id: string, word: string, same: boolean, ignorable: boolean): Folded {
  const single = word.length === 1;
  return {
    id,
    word,
    same,
    ignorable,
    wordUnit: single ? word.charCodeAt(0) : -1,
    wordKind: single ? wordKindOfUnit(word.charCodeAt(0)) : 0,
  };
}

/**
 * Folds of the Basic Multilingual Plane by code point (most text), of the rest in a map. Filled
 * with `undefined` up front: an array first written far from index 0 would fall back to
 * dictionary elements, a hash lookup per character.
 */
const bmpFolds = new Array<Folded | undefined>(0x10000).fill(undefined);
const astralFolds = new Map<number, Folded>();
const ASTRAL_CACHE_LIMIT = 100_000;

function foldCodePoint(cp: number): Folded {
  if (cp < 128) return ASCII_FOLDS[cp] as Folded;
  const cached = cp <= 0xffff ? bmpFolds[cp] : astralFolds.get(cp);
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
  const fold = makeFold(
    id,
    word.normalize('NFC'),
    id === String.fromCodePoint(cp),
    isIgnorable(cp),
  );
  if (cp <= 0xffff) bmpFolds[cp] = fold;
  else if (astralFolds.size < ASTRAL_CACHE_LIMIT) astralFolds.set(cp, fold);
  return fold;
}

/** Characters that may separate letters spaced out to dodge filters: "v.i.d.e.o", "p a y". */
const SPACING_SEPARATORS = new Set(
  [' ', '.', '-', '_', '*', '·', '|', '/', '+', '~', '•', ','].map((ch) => ch.charCodeAt(0)),
);

const SPACE = 0x20;

/** A growable list of UTF-16 code units with the original range of each. */
class UnitBuffer {
  units: Uint16Array;
  starts: Uint32Array;
  ends: Uint32Array;
  /** What each unit is, for the word view's joins: 2 letter, 1 digit, 0 neither (see `pushWord`). */
  kinds: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    this.units = new Uint16Array(capacity);
    this.starts = new Uint32Array(capacity);
    this.ends = new Uint32Array(capacity);
    this.kinds = new Uint8Array(capacity);
  }

  /** Adds a unit of the word view with its kind (2 letter, 1 digit, 0 neither). */
  pushWord(unit: number, kind: number, start: number, end: number): void {
    if (this.length === this.units.length) this.grow();
    this.units[this.length] = unit;
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.kinds[this.length] = kind;
    this.length++;
  }

  pushWordString(piece: string, start: number, end: number): void {
    for (let k = 0; k < piece.length; k++) {
      const unit = piece.charCodeAt(k);
      this.pushWord(unit, wordKindOfUnit(unit), start, end);
    }
  }

  push(unit: number, start: number, end: number): void {
    if (this.length === this.units.length) this.grow();
    this.units[this.length] = unit;
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length++;
  }

  pushString(piece: string, start: number, end: number): void {
    for (let k = 0; k < piece.length; k++) this.push(piece.charCodeAt(k), start, end);
  }

  /** Makes room for `count` more units. */
  reserve(count: number): void {
    while (this.length + count > this.units.length) this.grow();
  }

  private grow(): void {
    const capacity = this.units.length * 2 + 16;
    const units = new Uint16Array(capacity);
    const starts = new Uint32Array(capacity);
    const ends = new Uint32Array(capacity);
    const kinds = new Uint8Array(capacity);
    units.set(this.units);
    starts.set(this.starts);
    ends.set(this.ends);
    kinds.set(this.kinds);
    this.units = units;
    this.starts = starts;
    this.ends = ends;
    this.kinds = kinds;
  }

  /** Empties the buffer for reuse (the arrays are kept). */
  reset(): void {
    this.length = 0;
  }

  /**
   * The view, keeping only the units whose `keep` flag is 1 (all when omitted). Compacts in place;
   * with `copy`, copies out arrays of the exact size (the buffer itself is reused for the next
   * message), otherwise the view reads the buffer and lasts until the next normalisation.
   */
  view(keep: Uint8Array | undefined, copy: boolean): TextView {
    let n = this.length;
    if (keep !== undefined) {
      let j = 0;
      for (let i = 0; i < this.length; i++) {
        if (keep[i] !== 1) continue;
        if (j !== i) {
          this.units[j] = this.units[i] as number;
          this.starts[j] = this.starts[i] as number;
          this.ends[j] = this.ends[i] as number;
        }
        j++;
      }
      n = j;
    }
    return {
      text: unitsToString(this.units, n),
      starts: copy ? this.starts.slice(0, n) : this.starts.subarray(0, n),
      ends: copy ? this.ends.slice(0, n) : this.ends.subarray(0, n),
    };
  }
}

/** Buffers reused from message to message, for messages up to this many UTF-16 units. */
const SCRATCH_LIMIT = 1 << 16;
const scratchIdentifiers = new UnitBuffer(4096);
const scratchWords = new UnitBuffer(4096);

/** i → i and i → i + 1, shared by every view that maps one to one onto its text (never written). */
let identity = new Uint32Array(0);

function identityView(text: string): TextView {
  if (identity.length < text.length + 1) {
    identity = new Uint32Array(Math.max(text.length + 1, identity.length * 2));
    for (let i = 0; i < identity.length; i++) identity[i] = i;
  }
  return {
    text,
    starts: identity.subarray(0, text.length),
    ends: identity.subarray(1, text.length + 1),
  };
}

/** The WHATWG decoder, present in every browser and in Node; typed here since neither DOM nor Node types apply. */
declare const TextDecoder:
  (new (label: string) => { decode(input: Uint16Array): string }) | undefined;
const utf16 = typeof TextDecoder === 'function' ? new TextDecoder('utf-16le') : undefined;

/**
 * Code units to a string. The native decoder is several times faster than `String.fromCharCode`
 * over an argument list; it replaces a lone surrogate by U+FFFD, one unit for one, so offsets hold.
 */
function unitsToString(units: Uint16Array, length: number): string {
  if (utf16 !== undefined) return utf16.decode(units.subarray(0, length));
  const CHUNK = 8192;
  const parts: string[] = [];
  for (let i = 0; i < length; i += CHUNK) {
    parts.push(String.fromCharCode(...units.subarray(i, Math.min(length, i + CHUNK))));
  }
  return parts.join('');
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
  return normalize(original, true);
}

/**
 * Like `normalizeText`, but the views of a message shorter than 64 Ki units read scratch buffers
 * that the next call overwrites: for `analyze`, which is done with them before it returns.
 *
 * @example
 * const n = normalizeTransient(text); // use n, then forget it before the next call
 */
export function normalizeTransient(original: string): NormalizedText {
  return normalize(original, false);
}

function normalize(original: string, copy: boolean): NormalizedText {
  const small = original.length < SCRATCH_LIMIT;
  const identifiers = small ? scratchIdentifiers : new UnitBuffer(original.length + 16);
  const words = small ? scratchWords : new UnitBuffer(original.length + 16);
  identifiers.reset();
  words.reset();
  // The identifier view is built only from the first change on: until then it is the original,
  // which is reused as it is when nothing changes (most messages).
  let identifiersChanged = false;
  for (let i = 0; i < original.length;) {
    const code = original.charCodeAt(i);
    if (code < 128) {
      // ASCII: the same character in the identifier view, lower-cased in the word view.
      if (identifiersChanged) identifiers.push(code, i, i + 1);
      words.pushWord(
        code >= 65 && code <= 90 ? code + 32 : code,
        ASCII_KIND[code] as number,
        i,
        i + 1,
      );
      i++;
      continue;
    }
    const cp = original.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    // Whether the character is invisible is read from its fold too: one table read per character.
    const folded = foldCodePoint(cp);
    if (folded.ignorable) {
      if (!identifiersChanged) copyUnchanged(original, i, identifiers);
      identifiersChanged = true;
    } else {
      if (!identifiersChanged && !folded.same) {
        copyUnchanged(original, i, identifiers);
        identifiersChanged = true;
      }
      if (identifiersChanged) identifiers.pushString(folded.id, i, i + width);
      if (folded.wordUnit >= 0) words.pushWord(folded.wordUnit, folded.wordKind, i, i + width);
      else words.pushWordString(folded.word, i, i + width);
    }
    i += width;
  }
  return {
    original,
    identifiers: identifiersChanged
      ? identifiers.view(undefined, copy || !small)
      : identityView(original),
    words: words.view(wordKeepMask(words.units, words.kinds, words.length), copy || !small),
  };
}

/** The identifier view of `original` before `end`, where it is the original itself. */
function copyUnchanged(original: string, end: number, identifiers: UnitBuffer): void {
  identifiers.reserve(end);
  // One loop over local arrays: this copies most of the message when a change comes late.
  const { units, starts, ends } = identifiers;
  let at = identifiers.length;
  for (let i = 0; i < end;) {
    const code = original.charCodeAt(i);
    // A surrogate pair is one code point: both its units map to its two.
    const width =
      code >= 0xd800 && code <= 0xdbff && i + 1 < original.length && isLowSurrogate(original, i + 1)
        ? 2
        : 1;
    for (let k = 0; k < width; k++, at++) {
      units[at] = original.charCodeAt(i + k);
      starts[at] = i;
      ends[at] = i + width;
    }
    i += width;
  }
  identifiers.length = at;
}

function isLowSurrogate(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * The kind of a unit of the word view: 2 letter, 1 digit, 0 neither. Surrogate halves are not
 * letters here: emoji and rare scripts never join or collapse.
 */
function wordKindOfUnit(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return 0;
  const kind = kindOf(unit);
  return kind === 1 ? 2 : kind === 2 ? 1 : 0;
}

/** Scratch for `wordKeepMask`, reused from message to message (grown when needed). */
let keepScratch = new Uint8Array(4096);

/** The kind of each ASCII unit in the word view: 2 letter, 1 digit, 0 neither. */
const ASCII_KIND = Uint8Array.from({ length: 128 }, (_, c) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? 2 : c >= 48 && c <= 57 ? 1 : 0,
);

/** `n` units all kept: a scratch array for the usual message; a huge text gets its own, not kept afterwards. */
function allKept(n: number): Uint8Array {
  if (keepScratch.length < n && n < SCRATCH_LIMIT) keepScratch = new Uint8Array(SCRATCH_LIMIT);
  return n <= keepScratch.length ? keepScratch.subarray(0, n).fill(1) : new Uint8Array(n).fill(1);
}

/**
 * Whether unit `i` is a single: a letter (or, unless `lettersOnly`, a digit) alone between two
 * units that are neither. Module-level functions rather than closures in `wordKeepMask`: under tsx
 * (keepNames) each named closure costs a defineProperty call per message.
 */
function isSingle(word: Uint8Array, n: number, i: number, lettersOnly: boolean): boolean {
  return (
    i < n &&
    (lettersOnly ? word[i] === 2 : word[i] !== 0) &&
    word[i - 1] === 0 &&
    !(i + 1 < n && word[i + 1] !== 0)
  );
}

/**
 * Marks which units of the word view survive collapsing repeats and joining spaced letters, or
 * returns undefined when all of them do (most messages: the view is then read without a copy).
 */
function wordKeepMask(units: Uint16Array, word: Uint8Array, n: number): Uint8Array | undefined {
  let keep: Uint8Array | undefined;
  // Runs of three or more of the same letter collapse to one: "pleeeease", "hhhhh".
  for (let i = 2; i < n; i++) {
    const unit = units[i] as number;
    if (unit === units[i - 1] && unit === units[i - 2] && word[i] === 2) {
      keep ??= allKept(n);
      keep[i] = 0;
      if (keep[i - 1] === 1 && units[i - 3] !== unit) keep[i - 1] = 0;
    }
  }
  // Letters spaced out by one separator ("v i d e o", "p.a.y"), at least three in a row, are joined.
  // With spaces, only letters join ("il y a 2 h" stays apart); with dots or dashes, digits may too.
  // A single is a letter or digit alone between two units that are neither; collapsing repeats
  // only drops letters next to the same letter, so it never touches a single.
  for (let i = 0; i < n; i++) {
    if (word[i] === 0) continue;
    // Skip a word of two units or more whole: only singles start a spaced-out run.
    if (i + 1 < n && word[i + 1] !== 0) {
      i++;
      while (i + 1 < n && word[i + 1] !== 0) i++;
      continue;
    }
    const separator = units[i + 1] as number;
    const lettersOnly = separator === SPACE;
    if (lettersOnly && word[i] !== 2) continue;
    let end = i;
    let letters = word[i] === 2 ? 1 : 0;
    let count = 1;
    // One separator throughout: "v.i.d.e.o a b" joins "video", not "videoab".
    while (
      units[end + 1] === separator &&
      SPACING_SEPARATORS.has(separator) &&
      isSingle(word, n, end + 2, lettersOnly)
    ) {
      end += 2;
      count++;
      if (word[end] === 2) letters++;
    }
    if (count >= 3 && letters >= (lettersOnly ? 3 : 2)) {
      keep ??= allKept(n);
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
