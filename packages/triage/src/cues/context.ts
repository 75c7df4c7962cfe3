/**
 * The context a text is written in, which decides whether the cues in it are a threat: an
 * awareness page or a news report quotes the scam's words; a joke between friends uses the same
 * verbs; a victim pasting the message with "what should I do?" must still be warned.
 */
import type { AnyConcept } from '../lexicon/concepts.ts';
import type { ConceptIndex } from './rules.ts';
import type { Occurrence } from '../lexicon/matcher.ts';
import { isSpaceCode } from '../indicators/candidate.ts';

/** What the context says about the text, with the token ranges that show it. */
export interface TextContext {
  /** Vocabulary of awareness pages: scam words, advice, "for example" (outside quotes). */
  readonly awareness: number;
  /** Vocabulary of news reports: arrested, according to, court (outside quotes). */
  readonly news: number;
  /** Laughter and joke markers. */
  readonly joke: boolean;
  /** The writer is the victim describing or pasting a threat ("I received", "help me"). */
  readonly victimVoice: boolean;
  /** The first token showing each kind of context, for the reason's span. */
  readonly awarenessAt: Occurrence | undefined;
  readonly newsAt: Occurrence | undefined;
  readonly jokeAt: Occurrence | undefined;
}

/** Quoted passages: «…», “…”, "…", '…' after a colon (He said: '…'), and longer '…' after a space. */
const QUOTES =
  /«[^«»]{1,2000}»|“[^“”]{1,2000}”|"[^"\n]{1,2000}"|(?<=:\s?)'[^'\n]{1,2000}'|(?<=\s)'[^'\n]{10,300}'(?=[\s.,;:!?)]|$)/g;

/** Laughter that the word view collapses away: hhhh, hahaha, هههه, 😂 🤣 😜 😝. */
const LAUGHTER =
  /(?<![\p{L}])(?:h{3,}|(?:ha){2,}|(?:he){2,}|ه{3,}|خخخ+)(?![\p{L}])|[😂🤣😜😝😆😹]/iu;

/**
 * Ranges of the original text that are inside quotation marks.
 *
 * @example
 * quotedRanges('He said: « pay now » and left'); // [[9, 20]]
 */
export function quotedRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  // A quotation opens with «, “ or ", or with ' after a space or a colon: the apostrophes of
  // "j'ai" or "don't" open nothing, and the full pattern is not worth running for them.
  if (!mayOpenQuote(text)) return ranges;
  for (const match of text.matchAll(QUOTES))
    ranges.push([match.index, match.index + match[0].length]);
  return ranges;
}

function mayOpenQuote(text: string): boolean {
  if (text.includes('«') || text.includes('“') || text.includes('"')) return true;
  // An apostrophe at the very start opens nothing by itself, but the search goes on past it.
  for (let at = text.indexOf("'"); at !== -1; at = text.indexOf("'", at + 1)) {
    if (at > 0 && isSpaceOrColon(text.charCodeAt(at - 1))) return true;
  }
  return false;
}

/** What `/[\s:]/u` matches, tested on the code unit (an apostrophe follows a letter far more often). */
function isSpaceOrColon(code: number): boolean {
  return code === 58 || isSpaceCode(code);
}

/**
 * Reads the context from the concept index. `isQuoted(o)` tells whether an occurrence lies inside
 * a quotation: words of an awareness page count only outside quotes.
 */
export function readContext(
  index: ConceptIndex,
  original: string,
  isQuoted: (o: Occurrence) => boolean,
): TextContext {
  // "This is not a scam", "ce n'est pas une blague": a denied word is not context. Negations
  // reach the three tokens after them; a set keeps this linear.
  const deniedTokens = new Set<number>();
  for (const n of index.get('negation') ?? []) {
    for (let t = n.last + 1; t <= n.last + 3; t++) deniedTokens.add(t);
  }
  // A joke denied from inside ("je ne rigole pas" matched "je … rigole"); advice phrases, on the
  // contrary, carry their own negation ("don't pay"), so this applies to jokes only.
  const negationAt = new Set((index.get('negation') ?? []).map((n) => n.first));
  // Module-level helpers, not closures: under tsx (keepNames) each named closure costs a
  // defineProperty call per message.
  // Each concept's unquoted, undenied occurrences are filtered once and serve both its count and
  // its earliest place.
  const scam = outside(index, 'scam-word', isQuoted, deniedTokens);
  const advice = outside(index, 'advice', isQuoted, deniedTokens);
  const example = outside(index, 'example', isQuoted, deniedTokens);
  const news = outside(index, 'news', isQuoted, deniedTokens);
  const joke = (index.get('joke') ?? []).filter(
    (o) => !deniedTokens.has(o.first) && !deniedFromInside(negationAt, o),
  );
  return {
    awareness: distinctTokens(scam) + 1.5 * distinctTokens(advice) + distinctTokens(example),
    news: distinctTokens(news),
    joke: joke.length > 0 || LAUGHTER.test(original),
    victimVoice: (index.get('victim-voice') ?? []).length > 0,
    // Advice first, then scam words, then examples: on a tie, the earlier list's occurrence wins.
    awarenessAt: earliest(example, earliest(scam, earliest(advice, undefined))),
    newsAt: earliest(news, undefined),
    jokeAt: joke[0],
  };
}

/** The occurrences of `concept` neither quoted nor denied. */
function outside(
  index: ConceptIndex,
  concept: AnyConcept,
  isQuoted: (o: Occurrence) => boolean,
  deniedTokens: ReadonlySet<number>,
): Occurrence[] {
  return (index.get(concept) ?? []).filter((o) => !isQuoted(o) && !deniedTokens.has(o.first));
}

/** Whether a negation sits inside the occurrence or right after it ("je ne rigole pas"). */
function deniedFromInside(negationAt: ReadonlySet<number>, o: Occurrence): boolean {
  for (let t = o.first; t <= o.last + 1; t++) if (negationAt.has(t)) return true;
  return false;
}

/** How many distinct first tokens the occurrences have (most lists are empty or hold one). */
function distinctTokens(list: readonly Occurrence[]): number {
  if (list.length < 2) return list.length;
  const firsts = new Set<number>();
  for (const o of list) firsts.add(o.first);
  return firsts.size;
}

/** The occurrence of `list` that starts first, unless `best` (found before) starts no later. */
function earliest(
  list: readonly Occurrence[],
  best: Occurrence | undefined,
): Occurrence | undefined {
  for (const o of list) if (best === undefined || o.first < best.first) best = o;
  return best;
}
