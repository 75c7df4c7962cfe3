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

const letterCache = new Map<string, number>();

/** 0: other, 1: letter, 2: digit. Cached, since the same few characters repeat. */
function classify(ch: string): number {
  let kind = letterCache.get(ch);
  if (kind === undefined) {
    kind = LETTER.test(ch) ? 1 : LETTER_OR_DIGIT.test(ch) ? 2 : 0;
    if (letterCache.size < 65_536) letterCache.set(ch, kind);
  }
  return kind;
}

/** Whether `ch` (one code point) is a letter in any script. */
export function isLetter(ch: string): boolean {
  return unitKind(ch.charCodeAt(0), ch) === 1;
}

/** Whether `ch` (one code point) is a letter or a digit in any script. */
export function isWordChar(ch: string): boolean {
  return unitKind(ch.charCodeAt(0), ch) !== 0;
}

/**
 * 0: other, 1: letter, 2: digit, for a character given by its first code unit. ASCII, Latin-1 and
 * the Arabic letters are decided by range; the rest by Unicode property, cached.
 */
export function unitKind(code: number, ch: string): number {
  if (code < 128) {
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) return 1;
    return code >= 48 && code <= 57 ? 2 : 0;
  }
  if (code >= 0x0621 && code <= 0x064a) return 1; // Arabic letters (ء to ي)
  if (code >= 0x00c0 && code <= 0x024f && code !== 0x00d7 && code !== 0x00f7) return 1; // Latin letters with accents
  return classify(ch);
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
