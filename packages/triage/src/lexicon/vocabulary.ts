/**
 * Everything Aman knows about a word, remembered per distinct word: how the lexicons read it
 * (its forms and the entries they start), what it says about the language, whether it is an age.
 * A message of 1 KB has some 180 words, most of them seen before: one lookup per word replaces
 * the per-word work (forms, clitics, consonant skeletons, marker sets) of every message.
 */
import { ARABIC } from './arabic.ts';
import { ARABIZI } from './arabizi.ts';
import { ENGLISH } from './english.ts';
import { FRENCH } from './french.ts';
import type { Occurrence, WordReading } from './matcher.ts';
import type { TokenPositions } from '../text/tokenize.ts';
import { CompiledLexicon, matchEntries } from './matcher.ts';
import { wordLanguage } from '../text/language.ts';
import { Token, tokenPositions, wordToken } from '../text/tokenize.ts';

/** What is known about one word. */
export interface WordInfo {
  /** The word, as in the word view. */
  readonly word: string;
  /** How the French, English and Arabic lexicons read it. */
  readonly standard: WordReading;
  /** How the Arabizi lexicon reads it (computed on first use: only Arabizi messages need it). */
  arabizi: WordReading | undefined;
  /** What the word says about the language (`wordLanguage`). */
  readonly language: number;
  /** `GLUED_AGE` for "15ans" or "16yo", `BARE_AGE` for a number from 10 to 17, else 0. */
  readonly age: number;
}

/** An age under 18 glued to its unit: "15ans", "16yo", "14yrs". */
export const GLUED_AGE = 1;
/** A number from 10 to 17, an age if a unit or "you're", "عمرك" stands next to it. */
export const BARE_AGE = 2;

function ageOf(word: string): number {
  if (/^1[0-7](?:yo|ans|yrs|y)$/.test(word)) return GLUED_AGE;
  return /^1[0-7]$/.test(word) ? BARE_AGE : 0;
}

/** What is known about the words of one message, token by token. */
export interface MessageWords {
  /** Each token's text, as in the word view (the string remembered for a word met before). */
  readonly texts: readonly string[];
  readonly infos: readonly WordInfo[];
  /** How the standard lexicons read each token (`WordInfo.standard`). */
  readonly standard: readonly WordReading[];
  /** What each token says about the language (`WordInfo.language`). */
  readonly language: Int32Array;
  /** Whether each token is an age (`WordInfo.age`). */
  readonly ages: Uint8Array;
}

/** Distinct words remembered; the table is emptied when full (words repeat, so it refills fast). */
const CAPACITY = 1 << 13;
/** Slots of the open-addressing table: a power of two, at most half full. */
const SLOTS = CAPACITY * 2;

/**
 * Code units of the remembered words, side by side, for `WordTable.find`; a word longer than
 * `STORED_WORD_LIMIT` is compared with its string instead.
 */
const CHARS = CAPACITY * 16;
const STORED_WORD_LIMIT = 64;

/**
 * A hash table from word to `WordInfo`, keyed by the hash `tokenize` computed while reading the
 * word: a lookup reads one slot (the hash, the entry's number, where its letters are kept and its
 * length, side by side) and compares letters in one compact array, where a `Map` would hash the
 * freshly sliced string again and a string comparison would visit each word's own string. Small,
 * so that it stays in the processor's cache.
 */
class WordTable {
  /** Per slot: hash, number in `infos` plus one (0: empty), offset in `chars` (-1: not kept), length. */
  private readonly slots = new Int32Array(SLOTS * 4);
  private readonly infos: WordInfo[] = [];
  private readonly chars = new Uint16Array(CHARS);
  private charsUsed = 0;

  /** The entry of the word at [start, end) of `text`, compared in place (no slice). */
  find(text: string, start: number, end: number, hash: number): WordInfo | undefined {
    const mask = SLOTS - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = this.slots[slot * 4 + 1] as number;
      if (at === 0) return undefined;
      if (this.slots[slot * 4] !== hash || this.slots[slot * 4 + 3] !== length) continue;
      const offset = this.slots[slot * 4 + 2] as number;
      const info = this.infos[at - 1] as WordInfo;
      if (
        offset >= 0 ? this.sameChars(offset, text, start, length) : sameWord(info.word, text, start)
      ) {
        return info;
      }
    }
  }

  private sameChars(offset: number, text: string, start: number, length: number): boolean {
    const chars = this.chars;
    for (let k = 0; k < length; k++) {
      if (chars[offset + k] !== text.charCodeAt(start + k)) return false;
    }
    return true;
  }

  set(hash: number, info: WordInfo): void {
    const length = info.word.length;
    const stored = length <= STORED_WORD_LIMIT;
    if (this.infos.length >= CAPACITY || (stored && this.charsUsed + length > CHARS)) this.clear();
    const mask = SLOTS - 1;
    let slot = hash & mask;
    while ((this.slots[slot * 4 + 1] as number) !== 0) slot = (slot + 1) & mask;
    this.infos.push(info);
    this.slots[slot * 4] = hash;
    this.slots[slot * 4 + 1] = this.infos.length;
    this.slots[slot * 4 + 2] = stored ? this.charsUsed : -1;
    this.slots[slot * 4 + 3] = length;
    if (stored) {
      for (let k = 0; k < length; k++) this.chars[this.charsUsed + k] = info.word.charCodeAt(k);
      this.charsUsed += length;
    }
  }

  private clear(): void {
    this.slots.fill(0);
    this.infos.length = 0;
    this.charsUsed = 0;
  }
}

/** Whether `word` is `text` from `start` on (its length already checked). */
function sameWord(word: string, text: string, start: number): boolean {
  for (let k = 0; k < word.length; k++) {
    if (word.charCodeAt(k) !== text.charCodeAt(start + k)) return false;
  }
  return true;
}

/** Messages of up to this many tokens read their languages and ages into arrays kept for the next one. */
const SCRATCH_TOKENS = 1 << 12;
const scratchLanguage = new Int32Array(SCRATCH_TOKENS);
const scratchAges = new Uint8Array(SCRATCH_TOKENS);

/** The lexicons of every language, compiled, and what is known about each word met so far. */
export class Vocabulary {
  private readonly standard = new CompiledLexicon([FRENCH, ENGLISH, ARABIC], 'standard');
  private readonly arabizi = new CompiledLexicon([ARABIZI], 'arabizi');
  private readonly table = new WordTable();

  /**
   * Tokenises a word-view text and reads its words with one lookup per word: a word met before is
   * found in place, before any slice, and its token shares the remembered string. The token
   * positions, languages and ages are transient: the next call overwrites them.
   *
   * @example
   * const { tokens, words } = vocabulary().tokenizeAndRead('ta video');
   * words.standard[1]?.entries; // [{ concept: 'video', … }]
   */
  tokenizeAndRead(text: string): { tokens: TokenPositions; words: MessageWords } {
    const tokens = tokenPositions(text, true);
    const { count, starts, ends, hashes } = tokens;
    const texts = new Array<string>(count);
    const infos = new Array<WordInfo>(count);
    const standard = new Array<WordReading>(count);
    // Typed arrays of a few hundred bytes each live outside the JavaScript heap, a costly
    // allocation per message: the usual message reads slices of arrays kept for the next one.
    const scratch = count <= SCRATCH_TOKENS;
    const language = scratch ? scratchLanguage.subarray(0, count) : new Int32Array(count);
    const ages = scratch ? scratchAges.subarray(0, count) : new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      const start = starts[i] as number;
      const end = ends[i] as number;
      const hash = hashes[i] as number;
      let info = this.table.find(text, start, end, hash);
      if (info === undefined) {
        info = this.learn(new Token(start, end, text.slice(start, end), hash));
      }
      texts[i] = info.word;
      infos[i] = info;
      standard[i] = info.standard;
      language[i] = info.language;
      ages[i] = info.age;
    }
    return { tokens, words: { texts, infos, standard, language, ages } };
  }

  /** Reads a word not met before and remembers it. */
  private learn(token: Token): WordInfo {
    const info: WordInfo = {
      word: token.text,
      standard: this.standard.read(token),
      arabizi: undefined,
      language: wordLanguage(token.text, token.arabic),
      age: ageOf(token.text),
    };
    this.table.set(token.hash, info);
    return info;
  }

  /**
   * Every concept in the message; Arabizi words are also read by consonant skeleton when
   * `arabizi` is set (only for Darija in Latin letters: "messagerie" has the skeleton of "sghir").
   *
   * @example
   * const { words } = vocabulary().tokenizeAndRead('3ndi lvideo');
   * vocabulary().find(words, true); // [{ concept: 'have', … }, …]
   */
  find(words: MessageWords, arabizi: boolean): Occurrence[] {
    const out = matchEntries(words.standard, []);
    if (arabizi) {
      const readings = words.infos.map(
        (info) => (info.arabizi ??= this.arabizi.read(wordToken(info.word))),
      );
      matchEntries(readings, out);
    }
    return out;
  }
}

let shared: Vocabulary | undefined;

/**
 * The vocabulary shared by every analysis (compiled on first use).
 *
 * @example
 * vocabulary().tokenizeAndRead('hello').words.language[0];
 */
export function vocabulary(): Vocabulary {
  shared ??= new Vocabulary();
  return shared;
}
