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
}

interface Entry {
  readonly concept: Concept;
  readonly words: readonly WordPattern[];
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
/** Distinct word forms remembered by a lexicon; the cache is emptied when full. */
const LOOKUP_CACHE_SIZE = 50_000;

/** Words shorter than this are never matched as stems: "vi*" would match half the language. */
const MIN_STEM = 3;

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
  /** The entries each recently seen form starts (see `lookup`). */
  private readonly cache = new Map<string, readonly Entry[]>();

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
      const skeletal = raw.map((word) => ({
        text: arabiziSkeleton(word.text),
        prefix: word.prefix,
      }));
      // A skeleton of one or two consonants ("vd") would match unrelated words.
      if (skeletal.every((word) => word.text.length >= MIN_STEM)) this.addWords(concept, skeletal);
    }
  }

  private addWords(concept: Concept, words: WordPattern[]): void {
    const first = words[0];
    if (first === undefined || first.text === '') return;
    const entry: Entry = { concept, words };
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

  /** The entries whose first word matches `form` (cached: words repeat across messages). */
  lookup(form: string): readonly Entry[] {
    let entries = this.cache.get(form);
    if (entries === undefined) {
      entries = this.entriesFor(form);
      if (this.cache.size >= LOOKUP_CACHE_SIZE) this.cache.clear();
      this.cache.set(form, entries);
    }
    return entries;
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
    const formsOf: string[][] = tokens.map((token) => this.forms(token));
    const seen = new Set<Entry>();
    for (let i = 0; i < tokens.length; i++) {
      const forms = formsOf[i] as string[];
      if (forms.length === 1) {
        for (const entry of this.lookup(forms[0] as string)) this.emit(entry, formsOf, i, out);
        continue;
      }
      // Several forms of one token may find the same entry: report it once.
      seen.clear();
      for (const form of forms) {
        for (const entry of this.lookup(form)) {
          if (seen.has(entry)) continue;
          seen.add(entry);
          this.emit(entry, formsOf, i, out);
        }
      }
    }
    return out;
  }

  private emit(entry: Entry, formsOf: readonly string[][], i: number, out: Occurrence[]): void {
    const last = entry.words.length === 1 ? i : matchRest(entry.words, formsOf, i);
    if (last !== undefined) out.push({ concept: entry.concept, first: i, last });
  }
}

/** Arabic letters that begin prefixes and clitics: و ف ب ل ك س ا ن ت ي غ. */
const ARABIC_CLITIC_LETTERS = new Set([...'وفبلكسانتيغ'].map((ch) => ch.charCodeAt(0)));

/** Letters that Darija glues before a word: the article l-, n- t- y- verb prefixes, ka-/gha-, f- b- w- m-. */
const ARABIZI_PREFIX_LETTERS = new Set(['l', 'n', 't', 'y', 'k', 'g', 'f', 'b', 'w', 'm']);

function matchesWord(pattern: WordPattern, forms: readonly string[]): boolean {
  for (const form of forms) {
    if (pattern.prefix ? form.startsWith(pattern.text) : form === pattern.text) return true;
  }
  return false;
}

/**
 * Matches the words after the first, allowing one unrelated token between two words of an entry
 * ("your whole family" for "your family"). Returns the index of the last token, or undefined.
 */
function matchRest(
  words: readonly WordPattern[],
  formsOf: readonly string[][],
  first: number,
): number | undefined {
  let at = first;
  for (let w = 1; w < words.length; w++) {
    const pattern = words[w] as WordPattern;
    if (at + 1 < formsOf.length && matchesWord(pattern, formsOf[at + 1] as string[])) {
      at += 1;
    } else if (at + 2 < formsOf.length && matchesWord(pattern, formsOf[at + 2] as string[])) {
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

/** Normalises an entry like the text and splits it into words; a trailing * marks a stem. */
function compileWords(entry: string, transform: (word: string) => string): WordPattern[] {
  const words: WordPattern[] = [];
  for (const part of entry.split(' ')) {
    const prefix = part.endsWith('*');
    const tokens = tokenize(normalizeText(prefix ? part.slice(0, -1) : part).words.text);
    tokens.forEach((token, i) => {
      words.push({ text: transform(token.text), prefix: prefix && i === tokens.length - 1 });
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
