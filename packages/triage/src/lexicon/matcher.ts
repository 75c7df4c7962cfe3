/**
 * Compiles lexicons and finds their concepts in a token list. Entries are normalised like the text,
 * so "vidéo", "VIDEO" and "v1d3o" meet as "video"; Arabic words are also tried without their
 * leading clitics; Arabizi words are also compared by consonant skeleton.
 */
import { normalizeText } from '../text/normalize.ts';
import type { Token } from '../text/tokenize.ts';
import { tokenize } from '../text/tokenize.ts';
import type { AnyConcept, Concept, Lexicon } from './concepts.ts';
import { SMS_SPELLINGS } from './sms.ts';

/** One word of an entry: the word itself, or a stem when `prefix` is set. */
interface WordPattern {
  readonly text: string;
  readonly prefix: boolean;
  /** The word's number (see `wordId`) when it is matched whole; -1 for a stem. */
  readonly id: number;
}

interface Entry {
  readonly concept: Concept;
  readonly words: readonly WordPattern[];
  /** Scratch for `matchEntries`: the start it was last tried at, so it is tried once per start. */
  mark: number;
}

/**
 * Every word that lexicon entries match whole, numbered: a token's forms carry these numbers, so
 * that "is the next word 'famille'?" is an integer comparison. Only lexicon words are numbered;
 * any other form is -1, so the table never grows with the text read.
 */
const WORD_IDS = new Map<string, number>();

function wordId(word: string): number {
  let id = WORD_IDS.get(word);
  if (id === undefined) {
    id = WORD_IDS.size;
    WORD_IDS.set(word, id);
  }
  return id;
}

/** Where a concept was found: tokens `first` to `last`, inclusive. */
export interface Occurrence {
  readonly concept: AnyConcept;
  readonly first: number;
  readonly last: number;
}

/** How the words of a lexicon are spelled, and so how tokens are looked up in it. */
type Spelling = 'standard' | 'arabizi';

const NO_ENTRIES: readonly Entry[] = Object.freeze([]);

/** Words shorter than this are never matched as stems: "vi*" would match half the language. */
const MIN_STEM = 3;

/** How a word is read in a lexicon: the forms it is looked up under, and the entries they start. */
export interface WordReading {
  readonly forms: readonly string[];
  /** The number of each form (`wordId`), -1 for a form no entry matches whole. */
  readonly ids: readonly number[];
  /** `ids[0]`, and whether it is the only one: most words have one form, read without the array. */
  readonly firstId: number;
  readonly oneForm: boolean;
  /** Every entry a form starts. */
  readonly entries: readonly Entry[];
  /** The one-word entries among them. */
  readonly single: readonly Entry[];
  /** The longer ones, by the number of their second word when it is matched whole. */
  readonly bySecond: ReadonlyMap<number, readonly Entry[]> | undefined;
  /** The longer ones whose second word is a stem, by the stem's first code unit. */
  readonly secondStems: ReadonlyMap<number, readonly Entry[]> | undefined;
}

/** A node of the stem trie, keyed by UTF-16 code unit. */
interface TrieNode {
  readonly children: Map<number, TrieNode>;
  stems: Entry[] | undefined;
}

/** A lexicon ready for lookups. */
export class CompiledLexicon {
  private readonly exact = new Map<string, Entry[]>();
  /** Stems in a trie: one walk along a word finds every stem it starts with, without slicing. */
  private readonly stems: TrieNode = { children: new Map(), stems: undefined };

  constructor(
    lexicons: readonly Lexicon[],
    readonly spelling: Spelling,
  ) {
    for (const lexicon of lexicons) {
      for (const [concept, entries] of Object.entries(lexicon) as Array<[Concept, string[]]>) {
        for (const entry of entries) this.addEntry(concept, entry);
      }
    }
  }

  private addEntry(concept: Concept, entry: string): void {
    const raw = compileWords(entry, (word) => word);
    this.addWords(concept, raw);
    if (this.spelling === 'arabizi') {
      const skeletal = raw.map((word) => wordPattern(arabiziSkeleton(word.text), word.prefix));
      // A skeleton of one or two consonants ("vd") would match unrelated words.
      if (skeletal.every((word) => word.text.length >= MIN_STEM)) this.addWords(concept, skeletal);
    }
  }

  private addWords(concept: Concept, words: WordPattern[]): void {
    const first = words[0];
    if (first === undefined || first.text === '') return;
    const entry: Entry = { concept, words, mark: -1 };
    if (first.prefix && first.text.length >= MIN_STEM) {
      let node = this.stems;
      for (let i = 0; i < first.text.length; i++) {
        const code = first.text.charCodeAt(i);
        let child = node.children.get(code);
        if (child === undefined) {
          child = { children: new Map(), stems: undefined };
          node.children.set(code, child);
        }
        node = child;
      }
      (node.stems ??= []).push(entry);
    } else {
      push(this.exact, first.text, entry);
    }
  }

  /**
   * How a token is read: its forms and the entries any of them starts, each entry once. It
   * depends on the token's text alone (its leetspeak reading and script are derived from it), so
   * callers remember it per distinct word (see `Vocabulary`).
   *
   * @example
   * new CompiledLexicon([{ video: ['vidéo*'] }], 'standard').read(tokenize('VIDEOS')[0]).entries.length; // 1
   */
  read(token: Token): WordReading {
    const forms = this.forms(token);
    const entries: Entry[] = [];
    for (const form of forms) {
      for (const entry of this.entriesFor(form)) if (!entries.includes(entry)) entries.push(entry);
    }
    const single = entries.filter((e) => e.words.length === 1);
    let bySecond: Map<number, Entry[]> | undefined;
    let secondStems: Map<number, Entry[]> | undefined;
    for (const entry of entries) {
      const second = entry.words[1];
      if (second === undefined) continue;
      if (second.prefix) {
        secondStems ??= new Map();
        push(secondStems, second.text.charCodeAt(0), entry);
      } else {
        bySecond ??= new Map();
        push(bySecond, second.id, entry);
      }
    }
    const ids = forms.map((form) => WORD_IDS.get(form) ?? -1);
    return {
      forms,
      ids,
      firstId: ids[0] ?? -1,
      oneForm: ids.length === 1,
      entries: entries.length === 0 ? NO_ENTRIES : entries,
      single: single.length === 0 ? NO_ENTRIES : single,
      bySecond,
      secondStems,
    };
  }

  private entriesFor(form: string): readonly Entry[] {
    const found: Entry[] = [];
    const exact = this.exact.get(form);
    if (exact !== undefined) found.push(...exact);
    let node: TrieNode | undefined = this.stems;
    for (let i = 0; i < form.length; i++) {
      node = node.children.get(form.charCodeAt(i));
      if (node === undefined) break;
      if (node.stems !== undefined) found.push(...node.stems);
    }
    return found.length === 0 ? NO_ENTRIES : found;
  }

  /** The forms a token is looked up under in this lexicon. */
  forms(token: Token): string[] {
    if (this.spelling === 'arabizi') {
      if (token.arabic) return [];
      const skeleton = arabiziSkeleton(token.text);
      // A skeleton of one or two letters ("khoya" → "x") says nothing; only the word itself is used.
      if (skeleton.length < MIN_STEM) return [token.text];
      const forms = [token.text, skeleton];
      // Articles and verb prefixes glued to the word: "lvideo", "nsift", "ghansifet", "kaybtaz".
      for (let drop = 1; drop <= 3 && skeleton.length - drop >= MIN_STEM; drop++) {
        if (!ARABIZI_PREFIX_LETTERS.has(skeleton[drop - 1] as string)) break;
        forms.push(skeleton.slice(drop));
      }
      return forms;
    }
    const sms = SMS_SPELLINGS.get(token.text);
    if (token.leet === undefined && !token.arabic && sms === undefined) return [token.text];
    const forms = [token.text];
    if (token.leet !== undefined) forms.push(token.leet);
    if (sms !== undefined) forms.push(sms);
    if (token.arabic) {
      // Clitics glued to the word: و ف ب ل ك س، the article ال، verb prefixes ن ت ي، Darija غا كا.
      // Only letters that can be clitics are dropped ("المكالمة" → "لمكالمة", "مكالمة").
      for (let drop = 1; drop <= 4 && token.text.length - drop >= MIN_STEM; drop++) {
        if (!ARABIC_CLITIC_LETTERS.has(token.text.charCodeAt(drop - 1))) break;
        forms.push(token.text.slice(drop));
      }
    }
    return forms;
  }

  /**
   * Finds every concept of this lexicon in the tokens.
   *
   * @example
   * const lexicon = new CompiledLexicon([{ video: ['vidéo*'] }], 'standard');
   * lexicon.find(tokenize('ta VIDÉO')); // [{ concept: 'video', first: 1, last: 1 }]
   */
  find(tokens: readonly Token[], out: Occurrence[] = []): Occurrence[] {
    return matchEntries(
      tokens.map((token) => this.read(token)),
      out,
    );
  }
}

/** Increases at every start `matchEntries` tries, for `Entry.mark`. */
let startStamp = 0;

/**
 * Finds the entries that the words start, given how each word is read, and adds an occurrence
 * for each one whose following words match too. One unrelated token may sit between two words of
 * an entry ("your whole family" for "your family"); the nearer reading is preferred.
 *
 * @example
 * matchEntries(tokens.map((t) => lexicon.read(t)), []); // [{ concept, first, last }, …]
 */
export function matchEntries(
  readings: readonly WordReading[],
  out: Occurrence[] = [],
): Occurrence[] {
  const n = readings.length;
  for (let i = 0; i < n; i++) {
    const reading = readings[i] as WordReading;
    const single = reading.single;
    for (let k = 0; k < single.length; k++) {
      out.push({ concept: (single[k] as Entry).concept, first: i, last: i });
    }
    if (reading.bySecond === undefined && reading.secondStems === undefined) continue;
    // The second word right after the first, else one token further: an entry whose second word
    // is found right after is not tried further.
    const stamp = ++startStamp;
    if (i + 1 < n) secondWordAt(reading, readings, i, i + 1, stamp, out);
    if (i + 2 < n) secondWordAt(reading, readings, i, i + 2, stamp, out);
  }
  return out;
}

/** Tries the longer entries that `reading` starts at `first`, with their second word at `at`. */
function secondWordAt(
  reading: WordReading,
  readings: readonly WordReading[],
  first: number,
  at: number,
  stamp: number,
  out: Occurrence[],
): void {
  const next = readings[at] as WordReading;
  if (reading.bySecond !== undefined) {
    if (next.oneForm) {
      if (next.firstId >= 0) {
        tryEntries(reading.bySecond.get(next.firstId), undefined, readings, first, at, stamp, out);
      }
    } else {
      for (const id of next.ids) {
        if (id >= 0)
          tryEntries(reading.bySecond.get(id), undefined, readings, first, at, stamp, out);
      }
    }
  }
  if (reading.secondStems !== undefined) {
    for (const form of next.forms) {
      tryEntries(
        reading.secondStems.get(form.charCodeAt(0)),
        form,
        readings,
        first,
        at,
        stamp,
        out,
      );
    }
  }
}

/**
 * Tries entries whose second word was found at `at` (for stems, only those `form` starts with),
 * each once per start (`stamp`), and adds an occurrence for those whose remaining words follow.
 */
function tryEntries(
  entries: readonly Entry[] | undefined,
  form: string | undefined,
  readings: readonly WordReading[],
  first: number,
  at: number,
  stamp: number,
  out: Occurrence[],
): void {
  if (entries === undefined) return;
  for (let k = 0; k < entries.length; k++) {
    const entry = entries[k] as Entry;
    if (entry.mark === stamp) continue;
    if (form !== undefined && !form.startsWith((entry.words[1] as WordPattern).text)) continue;
    entry.mark = stamp;
    const last = entry.words.length === 2 ? at : matchRest(entry.words, readings, at);
    if (last !== undefined) out.push({ concept: entry.concept, first, last });
  }
}

/** Arabic letters that begin prefixes and clitics: و ف ب ل ك س ا ن ت ي غ. */
const ARABIC_CLITIC_LETTERS = new Set([...'وفبلكسانتيغ'].map((ch) => ch.charCodeAt(0)));

/** Letters that Darija glues before a word: the article l-, n- t- y- verb prefixes, ka-/gha-, f- b- w- m-. */
const ARABIZI_PREFIX_LETTERS = new Set(['l', 'n', 't', 'y', 'k', 'g', 'f', 'b', 'w', 'm']);

function matchesWord(pattern: WordPattern, reading: WordReading): boolean {
  if (pattern.prefix) {
    for (const form of reading.forms) if (form.startsWith(pattern.text)) return true;
    return false;
  }
  return reading.ids.includes(pattern.id);
}

/**
 * Matches the words after the first, allowing one unrelated token between two words of an entry
 * ("your whole family" for "your family"). Returns the index of the last token, or undefined.
 */
/**
 * Matches the words of an entry after the second, found at `second`, allowing one unrelated token
 * before each. Returns the index of the last token, or undefined.
 */
function matchRest(
  words: readonly WordPattern[],
  readings: readonly WordReading[],
  second: number,
): number | undefined {
  let at = second;
  for (let w = 2; w < words.length; w++) {
    const pattern = words[w] as WordPattern;
    if (at + 1 < readings.length && matchesWord(pattern, readings[at + 1] as WordReading)) {
      at += 1;
    } else if (at + 2 < readings.length && matchesWord(pattern, readings[at + 2] as WordReading)) {
      at += 2;
    } else {
      return undefined;
    }
  }
  return at;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function wordPattern(text: string, prefix: boolean): WordPattern {
  return { text, prefix, id: prefix ? -1 : wordId(text) };
}

/** Normalises an entry like the text and splits it into words; a trailing * marks a stem. */
function compileWords(entry: string, transform: (word: string) => string): WordPattern[] {
  const words: WordPattern[] = [];
  for (const part of entry.split(' ')) {
    const prefix = part.endsWith('*');
    const tokens = tokenize(normalizeText(prefix ? part.slice(0, -1) : part).words.text);
    tokens.forEach((token, i) => {
      words.push(wordPattern(transform(token.text), prefix && i === tokens.length - 1));
    });
  }
  return words;
}

/**
 * The consonant skeleton of an Arabizi word, so that spelling variants meet: digits become the
 * letter they stand for (7 → h, 9 → q, 5 → x), common digraphs become one letter (kh → x, gh → g,
 * ch → c), vowels and 3/2 (ع, ء, often written as a vowel) are dropped, doubled letters collapse.
 *
 * @example
 * arabiziSkeleton('fdi7a') === arabiziSkeleton('fadiha'); // both 'fdh'
 */
export function arabiziSkeleton(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const ch = word[i] as string;
    const next = word[i + 1];
    let letter: string;
    if (next === 'h' && (ch === 'k' || ch === 'g' || ch === 'c')) {
      letter = ch === 'k' ? 'x' : ch;
      i++;
    } else {
      letter = SKELETON_LETTER.get(ch) ?? ch;
    }
    if (letter === '' || letter === out[out.length - 1]) continue;
    out += letter;
  }
  return out;
}

const SKELETON_LETTER: ReadonlyMap<string, string> = new Map(
  Object.entries({
    a: '',
    e: '',
    i: '',
    o: '',
    u: '',
    y: '',
    '2': '',
    '3': '',
    '5': 'x',
    '7': 'h',
    '9': 'q',
    '8': 'g',
    q: 'q',
    "'": '',
  }),
);
