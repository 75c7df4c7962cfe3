/**
 * Character tables used by normalisation: invisible characters, look-alike letters from other
 * scripts, Arabic letter variants, and non-ASCII digits. Blackmailers and spam campaigns use all of
 * them to slip past keyword filters ("vіdеo" with Cyrillic і and е, "pay" with zero-width spaces between the letters).
 */

/** Code points that render as nothing (or nearly) and are dropped before analysis. */
export function isIgnorable(cp: number): boolean {
  return (
    cp === 0x00ad || // soft hyphen
    cp === 0x034f || // combining grapheme joiner
    cp === 0x061c || // Arabic letter mark
    cp === 0x0640 || // Arabic tatweel (kashida): stretches a word, used to break keyword matches
    cp === 0x115f ||
    cp === 0x1160 ||
    cp === 0x3164 ||
    cp === 0xffa0 || // Hangul fillers, rendered blank
    cp === 0x17b4 ||
    cp === 0x17b5 ||
    (cp >= 0x180b && cp <= 0x180f) ||
    (cp >= 0x200b && cp <= 0x200f) || // zero-width space, joiners, direction marks
    (cp >= 0x202a && cp <= 0x202e) || // bidirectional embeddings and overrides
    (cp >= 0x2060 && cp <= 0x206f) || // word joiner, invisible operators, isolates
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors
    cp === 0xfeff || // byte order mark / zero-width no-break space
    (cp >= 0xe0000 && cp <= 0xe007f) || // tag characters
    (cp >= 0xe0100 && cp <= 0xe01ef) // variation selectors supplement
  );
}

/**
 * Letters from Cyrillic, Greek, IPA and "small capitals" that look like Latin letters, mapped to the
 * Latin letter they imitate (case kept). NFKC does not fold these: they are distinct letters.
 */
export const HOMOGLYPHS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    // Cyrillic
    А: 'A',
    В: 'B',
    Е: 'E',
    К: 'K',
    М: 'M',
    Н: 'H',
    О: 'O',
    Р: 'P',
    С: 'C',
    Т: 'T',
    Х: 'X',
    І: 'I',
    Ј: 'J',
    Ѕ: 'S',
    Ү: 'Y',
    Ԁ: 'D',
    Ԛ: 'Q',
    Ԝ: 'W',
    а: 'a',
    е: 'e',
    о: 'o',
    р: 'p',
    с: 'c',
    у: 'y',
    х: 'x',
    і: 'i',
    ј: 'j',
    ѕ: 's',
    ԁ: 'd',
    ү: 'y',
    һ: 'h',
    Һ: 'H',
    ӏ: 'l',
    ԛ: 'q',
    ԝ: 'w',
    ь: 'b',
    // Greek
    Α: 'A',
    Β: 'B',
    Ε: 'E',
    Ζ: 'Z',
    Η: 'H',
    Ι: 'I',
    Κ: 'K',
    Μ: 'M',
    Ν: 'N',
    Ο: 'O',
    Ρ: 'P',
    Τ: 'T',
    Υ: 'Y',
    Χ: 'X',
    α: 'a',
    β: 'b',
    γ: 'y',
    ε: 'e',
    ι: 'i',
    κ: 'k',
    ν: 'v',
    ο: 'o',
    ρ: 'p',
    τ: 't',
    υ: 'u',
    χ: 'x',
    ω: 'w',
    // Latin look-alikes outside ASCII that NFKC keeps
    ı: 'i',
    ɑ: 'a',
    ɡ: 'g',
    ɪ: 'i',
    ʏ: 'y',
    ᴀ: 'a',
    ʙ: 'b',
    ᴄ: 'c',
    ᴅ: 'd',
    ᴇ: 'e',
    ꜰ: 'f',
    ɢ: 'g',
    ʜ: 'h',
    ᴊ: 'j',
    ᴋ: 'k',
    ʟ: 'l',
    ᴍ: 'm',
    ɴ: 'n',
    ᴏ: 'o',
    ᴘ: 'p',
    ʀ: 'r',
    ꜱ: 's',
    ᴛ: 't',
    ᴜ: 'u',
    ᴠ: 'v',
    ᴡ: 'w',
    ᴢ: 'z',
  }),
);

/**
 * Emoji-style Latin letters that NFKC leaves alone: negative circled (🅐), negative squared (🅰) and
 * regional indicators (🇦). Returns the capital letter, or undefined.
 */
export function emojiLetter(cp: number): string | undefined {
  for (const base of [0x1f150, 0x1f170, 0x1f1e6]) {
    if (cp >= base && cp < base + 26) return String.fromCharCode(65 + cp - base);
  }
  return undefined;
}

/** Arabic-Indic (٠١٢) and Extended Arabic-Indic / Persian (۰۱۲) digits as ASCII digits. */
export function asciiDigit(cp: number): string | undefined {
  if (cp >= 0x0660 && cp <= 0x0669) return String.fromCharCode(48 + cp - 0x0660);
  if (cp >= 0x06f0 && cp <= 0x06f9) return String.fromCharCode(48 + cp - 0x06f0);
  return undefined;
}

/**
 * Arabic letter variants unified for matching (after diacritics are gone, so أ إ آ are already ا):
 * taa marbuta as haa, alif maqsura and Persian yeh as yeh, the Moroccan gaf (ڭ) and Persian
 * letters as their nearest Arabic letter.
 */
export const ARABIC_FOLD: ReadonlyMap<string, string> = new Map(
  Object.entries({
    ة: 'ه',
    ى: 'ي',
    ی: 'ي',
    ې: 'ي',
    ک: 'ك',
    گ: 'ك',
    ڭ: 'ك',
    ڤ: 'ف',
    ڥ: 'ف',
    پ: 'ب',
    چ: 'ج',
    ژ: 'ز',
    ە: 'ه',
    ۀ: 'ه',
    ٱ: 'ا',
    ٲ: 'ا',
    ٳ: 'ا',
  }),
);

const LETTER = /\p{L}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const MARK = /\p{M}/u;
const ARABIC = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]/;

/** Kinds of BMP code points (0 other, 1 letter, 2 digit), filled 256 code points at a time. */
const bmpKinds = new Uint8Array(0x10000);
const pageReady = new Uint8Array(0x100);
const astralKinds = new Map<number, number>();

function computeKind(cp: number): number {
  if (cp >= 0xd800 && cp <= 0xdfff) return 0; // a lone surrogate
  const ch = String.fromCodePoint(cp);
  return LETTER.test(ch) ? 1 : LETTER_OR_DIGIT.test(ch) ? 2 : 0;
}

function fillPage(page: number): void {
  for (let cp = page << 8; cp < (page + 1) << 8; cp++) bmpKinds[cp] = computeKind(cp);
  pageReady[page] = 1;
}

/**
 * 0: other, 1: letter, 2: digit (any script). A table lookup: the Unicode properties of a block
 * of 256 code points are computed the first time one of them is seen.
 */
export function kindOfCodePoint(cp: number): number {
  if (cp < 0x10000) {
    if (pageReady[cp >> 8] === 0) fillPage(cp >> 8);
    return bmpKinds[cp] as number;
  }
  let kind = astralKinds.get(cp);
  if (kind === undefined) {
    kind = computeKind(cp);
    if (astralKinds.size < 65_536) astralKinds.set(cp, kind);
  }
  return kind;
}

/** The kind (see `kindOfCodePoint`) of the character starting at `i`, surrogate pairs included. */
export function kindAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
    return kindOfCodePoint(text.codePointAt(i) as number);
  }
  return kindOfCodePoint(code);
}

/** Whether `ch` (one code point) is a letter in any script. */
export function isLetter(ch: string): boolean {
  return kindOfCodePoint(ch.codePointAt(0) ?? 0) === 1;
}

/** Whether `ch` (one code point) is a letter or a digit in any script. */
export function isWordChar(ch: string): boolean {
  return ch !== '' && kindOfCodePoint(ch.codePointAt(0) ?? 0) !== 0;
}

/** Whether `ch` is a combining mark (accents, Arabic harakat). */
export function isMark(ch: string): boolean {
  return ch.charCodeAt(0) >= 0x300 && MARK.test(ch);
}

/** Whether `ch` is in the Arabic script blocks. */
export function isArabic(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code >= 0x600 && ARABIC.test(ch);
}
