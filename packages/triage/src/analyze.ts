/**
 * `analyze`: one message in, the triage out. Pure and synchronous: no I/O, no clock, no global
 * state besides compiled tables, so it runs the same in the victim's browser and on the server.
 */
import { readContext, quotedRanges } from './cues/context.ts';
import type { CueMatch } from './cues/rules.ts';
import { findCues, indexConcepts } from './cues/rules.ts';
import { CUE_EXPLANATIONS } from './explanations.ts';
import { guidanceFor } from './guidance.ts';
import { extractWithLooseDeadlines } from './indicators/index.ts';
import type { AnyConcept } from './lexicon/concepts.ts';
import type { Occurrence } from './lexicon/matcher.ts';
import { GLUED_AGE, vocabulary } from './lexicon/vocabulary.ts';
import { languageOfWords } from './text/language.ts';
import type { TextView } from './text/normalize.ts';
import { normalizeTransient } from './text/normalize.ts';
import type { TokenPositions } from './text/tokenize.ts';
import type {
  AnalyzeOptions,
  Cue,
  Indicator,
  IndicatorType,
  Language,
  Reason,
  Span,
  TriageResult,
} from './types.ts';
import { decide } from './verdict.ts';

/** Indicator types that count as evidence in cue rules, and the concept they stand for. */
const INDICATOR_CONCEPT: Partial<Record<IndicatorType, AnyConcept>> = {
  amount: 'amount',
  bitcoin: 'crypto-address',
  ethereum: 'crypto-address',
  tron: 'crypto-address',
  litecoin: 'crypto-address',
  monero: 'crypto-address',
  iban: 'transfer-ref',
  mtcn: 'transfer-ref',
  moneygram: 'transfer-ref',
  'transfer-ref': 'transfer-ref',
  deadline: 'deadline-ref',
  phone: 'phone-number',
  url: 'link',
  // A profile link or a handle names the app it is on ("facebook.com/…", "skype: …").
  social: 'app',
};

/** Identifiers whose inside is not prose: the words of "enquete@gmx.fr" or "/watch?v=" say nothing. */
const OPAQUE_INDICATORS: ReadonlySet<IndicatorType> = new Set(['url', 'email', 'social']);

/** Words that place a message in Morocco, for reading phone numbers written without +212. */
const MOROCCAN_WORDS = [
  'maroc',
  'morocco',
  'المغرب',
  'dirham',
  'درهم',
  'وفاكاش',
  'كاش بلوس',
  '+212',
  '00212',
];

/** Whether the text names Morocco, its currency or its cash networks (plain searches first). */
function hasMoroccanContext(text: string): boolean {
  const lower = text.toLowerCase();
  if (MOROCCAN_WORDS.some((word) => lower.includes(word))) return true;
  if ((lower.includes('wafa') || lower.includes('cash')) && /wafa\s?cash|cash\s?plus/u.test(lower))
    return true;
  return lower.includes('dh') && /\bdhs?\b/u.test(lower);
}

/**
 * Analyses one message: is it sextortion, which kind, why, and which identifiers it contains.
 * Never throws on any string; throws a TypeError if `text` is not a string (a programming error).
 *
 * @example
 * const result = analyze("J'ai enregistré ta vidéo. Envoie 500 € par Western Union sinon je l'envoie à ta famille.");
 * result.verdict; // 'sextortion'
 * result.family; // 'webcam-blackmail'
 * result.guidance.videoLikelyExists; // true
 * result.indicators[0]; // { type: 'amount', value: '500 €', normalized: '500 EUR', … }
 */
export function analyze(text: string, options: AnalyzeOptions = {}): TriageResult {
  if (typeof text !== 'string') {
    throw new TypeError(`analyze expects the message as a string, got ${typeof text}`);
  }
  // Compiled before normalising: compilation normalises the lexicons' words with the same
  // scratch buffers that the message's views read.
  const known = vocabulary();
  const normalized = normalizeTransient(text);
  const { tokens, words } = known.tokenizeAndRead(normalized.words.text);
  const language = languageOfWords(words.language);
  const defaultCountry = options.defaultCountry ?? inferCountry(language, text);
  const found = extractWithLooseDeadlines(normalized, defaultCountry);

  const tokenSpans = new TokenSpans(tokens, normalized.words);
  const masks = tokenMasks(tokens.count);
  const occurrences = withoutOpaqueTokens(
    known.find(words, language === 'ary-Latn'),
    found.indicators,
    tokenSpans,
    masks.opaque,
  );
  occurrences.push(...ageOccurrences(words.texts, words.ages, occurrences));
  const indicators = withDemandDeadlines(found, occurrences, tokenSpans, text);
  occurrences.push(...indicatorOccurrences(indicators, tokenSpans));
  const index = indexConcepts(refine(occurrences, words.texts, masks));

  const quoted = quotedTokens(quotedRanges(text), tokenSpans, masks.quoted);
  // Bound, not a named closure: under tsx (keepNames) each named closure costs a defineProperty call.
  const context = readContext(index, text, isQuotedIn.bind(undefined, quoted));
  const matches = findCues(index);
  const decision = decide(matches, index, context, indicators);

  const byCue = new Map<Cue, CueMatch>(matches.map((m) => [m.cue, m]));
  const contextAt =
    decision.contextCue === 'awareness-context'
      ? context.awarenessAt
      : decision.contextCue === 'news-context'
        ? context.newsAt
        : decision.contextCue === 'joke-context'
          ? context.jokeAt
          : undefined;
  const reasons: Reason[] = [];
  for (const cue of decision.reasons) {
    const at = byCue.get(cue) ?? contextAt;
    const span: Span = at === undefined ? jokeSpan(text) : tokenSpans.span(at.first, at.last);
    reasons.push({ cue, span, explanation: CUE_EXPLANATIONS[cue] });
  }
  reasons.sort((a, b) => a.span[0] - b.span[0]);

  return {
    verdict: decision.verdict,
    family: decision.family,
    confidence: decision.confidence,
    language,
    reasons,
    indicators,
    guidance: guidanceFor(decision.verdict, decision.family, new Set(decision.reasons)),
  };
}

/** Whether both ends of the occurrence lie inside a quotation (`quoted`: 1 per quoted token). */
function isQuotedIn(quoted: ArrayLike<number>, o: Occurrence): boolean {
  return quoted[o.first] === 1 && quoted[o.last] === 1;
}

/** What a demand is made of: a named time next to one of these is its deadline. */
const DEMAND_CONCEPTS: ReadonlySet<AnyConcept> = new Set([
  'pay-verb',
  'transfer-verb',
  'if-not',
  'money',
  'transfer-service',
  'gift-card',
  'crypto',
]);
/** How many tokens from the demand a named time may be. */
const DEMAND_REACH = 8;

/**
 * Keeps the named times found without a limit word ("… 3000 dh ce soir", "pay the fee today",
 * "اليوم إلا ما خلصتيش") that sit in the sentence of a demand or next to an amount, and adds them
 * to the indicators; elsewhere ("on se voit ce soir") they are no deadline.
 */
function withDemandDeadlines(
  found: { indicators: Indicator[]; looseDeadlines: Indicator[] },
  occurrences: readonly Occurrence[],
  tokenSpans: TokenSpans,
  text: string,
): Indicator[] {
  if (found.looseDeadlines.length === 0) return found.indicators;
  const demandSpans: Span[] = [];
  for (const o of occurrences) {
    if (DEMAND_CONCEPTS.has(o.concept)) demandSpans.push(tokenSpans.span(o.first, o.first));
  }
  for (const i of found.indicators) if (i.type === 'amount') demandSpans.push(i.span);
  const lastToken = tokenSpans.length - 1;
  const kept = found.looseDeadlines.filter((deadline) => {
    const at = Math.min(tokenSpans.firstEndingAfter(deadline.span[0]), lastToken);
    return demandSpans.some((span) => {
      const t = Math.min(tokenSpans.firstEndingAfter(span[0]), lastToken);
      if (Math.abs(t - at) > DEMAND_REACH) return false;
      const [from, to] =
        span[0] < deadline.span[0] ? [span[1], deadline.span[0]] : [deadline.span[1], span[0]];
      return !SENTENCE_END.test(text.slice(from, to));
    });
  });
  if (kept.length === 0) return found.indicators;
  return [...found.indicators, ...kept].sort((a, b) => a.span[0] - b.span[0]);
}

const SENTENCE_END = /[.!?؟\n]/u;

/** Drops the words found inside links, e-mail addresses and handles (see `OPAQUE_INDICATORS`). */
function withoutOpaqueTokens(
  occurrences: Occurrence[],
  indicators: readonly Indicator[],
  tokenSpans: TokenSpans,
  opaque: Uint8Array,
): Occurrence[] {
  let any = false;
  for (const indicator of indicators) {
    if (!OPAQUE_INDICATORS.has(indicator.type)) continue;
    any = true;
    const [start, end] = indicator.span;
    for (let t = tokenSpans.firstEndingAfter(start); t < tokenSpans.length; t++) {
      if (tokenSpans.start(t) >= end) break;
      if (tokenSpans.start(t) >= start && tokenSpans.end(t) <= end) opaque[t] = 1;
    }
  }
  if (!any) return occurrences;
  return occurrences.filter((o) => opaque[o.first] !== 1 && opaque[o.last] !== 1);
}

/**
 * Readings that depend on neighbours: "your" in "your family" names the audience, not the victim;
 * a video, photo or recording of a wedding, a trip or a meeting is not intimate material; and in
 * "clips of your kid" or "photos de ta famille" the family is what is shown, not who receives it.
 * Drops the other readings from `occurrences` itself and returns it.
 */
function refine(
  occurrences: Occurrence[],
  tokens: readonly string[],
  masks: TokenMasks,
): Occurrence[] {
  const tokenCount = tokens.length;
  // Token masks keep this linear in the number of occurrences, whatever the input.
  const { inAudience, nearEvent, media } = masks;
  for (const o of occurrences) {
    if (o.concept === 'audience' || o.concept === 'contacts' || o.concept === 'public-place') {
      inAudience.fill(1, o.first, o.last + 1);
    } else if (o.concept === 'event') {
      nearEvent.fill(
        1,
        Math.max(0, o.first - EVENT_REACH),
        Math.min(tokenCount, o.first + EVENT_REACH + 1),
      );
    } else if (o.concept === 'video' || o.concept === 'image') {
      media[o.last] = 1;
    }
  }
  // In place: the list is this message's own and is not read afterwards.
  let kept = 0;
  for (let i = 0; i < occurrences.length; i++) {
    const o = occurrences[i] as Occurrence;
    const c = o.concept;
    const keep =
      c === 'you' || c === 'your'
        ? inAudience[o.first] !== 1
        : c === 'video' || c === 'image' || c === 'record'
          ? nearEvent[o.first] !== 1
          : c === 'audience'
            ? !shownPeople(o, tokens, media)
            : true;
    if (keep) occurrences[kept++] = o;
  }
  occurrences.length = kept;
  return occurrences;
}

/**
 * "[video] of [audience]": the medium, then "of", then the people (at most one word between).
 * A module-level function: under tsx (keepNames) a named closure costs a defineProperty call.
 */
function shownPeople(o: Occurrence, tokens: readonly string[], media: ArrayLike<number>): boolean {
  const of = o.first - 1;
  if (of < 1 || !MEDIA_OF.has(tokens[of] as string)) return false;
  return media[of - 1] === 1 || (of >= 2 && media[of - 2] === 1);
}

/** Words that make the people after a video or a photo its subject: "of", "de", "ديال", "dyal". */
const MEDIA_OF: ReadonlySet<string> = new Set([
  'of',
  'de',
  'des',
  'du',
  'd',
  'ديال',
  'dyal',
  'dial',
]);

/** How many tokens from "wedding" a video or photo is taken to be of the wedding. */
const EVENT_REACH = 3;

/**
 * An age under 18 ("15 ans", "you're 16 years old", "عمرك 15 سنة", "15yo") marks the target as a
 * minor: a number from 10 to 17 right before an age unit, or glued to it.
 */
function ageOccurrences(
  tokens: readonly string[],
  ages: Uint8Array,
  occurrences: readonly Occurrence[],
): Occurrence[] {
  let unitAt: Set<number> | undefined;
  const out: Occurrence[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const age = ages[i] as number;
    if (age === 0) continue;
    if (age === GLUED_AGE) {
      out.push({ concept: 'minor', first: i, last: i });
      continue;
    }
    unitAt ??= new Set(occurrences.filter((o) => o.concept === 'age-unit').map((o) => o.first));
    let found = false;
    for (let next = i + 1; next <= i + 2 && !found; next++) {
      if (unitAt.has(next)) {
        out.push({ concept: 'minor', first: i, last: next });
        found = true;
      }
    }
    if (found) continue;
    // "you're only 14", "عمرك 16", "tu as 15" — but not "tu as 15 minutes".
    const after = tokens[i + 1];
    if (after !== undefined && NOT_AN_AGE.has(after)) continue;
    for (let before = Math.max(0, i - 2); before < i; before++) {
      if (AGE_SUBJECTS.has(tokens[before] as string)) {
        out.push({ concept: 'minor', first: before, last: i });
        break;
      }
    }
  }
  return out;
}

/** Words that introduce someone's age right before the number. */
const AGE_SUBJECTS = new Set([
  're',
  'is',
  'are',
  'ur',
  'only',
  'just',
  'as',
  'aged',
  'age',
  'عمرك',
  'سنك',
  '3mrk',
  '3omrk',
  '3amrek',
  '3omrek',
]);
/** Words after a number that make it a duration or a price, not an age. */
const NOT_AN_AGE = new Set([
  'min',
  'mins',
  'minute',
  'minutes',
  'h',
  'heure',
  'heures',
  'hour',
  'hours',
  'jour',
  'jours',
  'day',
  'days',
  'sec',
  'secondes',
  'seconds',
  'euros',
  'euro',
  'dollars',
  'dh',
  'dhs',
  'دقيقة',
  'ساعة',
  'يوم',
  'درهم',
]);

/** Places each indicator on the tokens it overlaps, as a concept the cue rules can use. */
function indicatorOccurrences(
  indicators: readonly Indicator[],
  tokenSpans: TokenSpans,
): Occurrence[] {
  const out: Occurrence[] = [];
  for (const indicator of indicators) {
    const concept = INDICATOR_CONCEPT[indicator.type];
    if (concept === undefined) continue;
    const [start, end] = indicator.span;
    let first = tokenSpans.firstEndingAfter(start);
    if (first >= tokenSpans.length) first = tokenSpans.length - 1;
    let last = first;
    while (last + 1 < tokenSpans.length && tokenSpans.start(last + 1) < end) last++;
    if (first >= 0) out.push({ concept, first, last });
  }
  return out;
}

/** Marks the tokens that lie inside a quotation. */
function quotedTokens(
  quotes: ReadonlyArray<readonly [number, number]>,
  tokenSpans: TokenSpans,
  mask: Uint8Array,
): Uint8Array {
  for (const [start, end] of quotes) {
    for (let t = tokenSpans.firstEndingAfter(start); t < tokenSpans.length; t++) {
      if (tokenSpans.end(t) > end) break;
      if (tokenSpans.start(t) >= start) mask[t] = 1;
    }
  }
  return mask;
}

/** One flag per token, for the steps of `analyze` that mark tokens; all 0 to begin with. */
interface TokenMasks {
  /** Inside a link, an e-mail address or a handle (`withoutOpaqueTokens`). */
  readonly opaque: Uint8Array;
  /** Part of an audience, near an event, ending a video or an image (`refine`). */
  readonly inAudience: Uint8Array;
  readonly nearEvent: Uint8Array;
  readonly media: Uint8Array;
  /** Inside a quotation (`quotedTokens`). */
  readonly quoted: Uint8Array;
}

const MASKS_PER_MESSAGE = 5;
let maskScratch = new Uint8Array(MASKS_PER_MESSAGE * 1024);

/**
 * The token masks of one message, cut from one buffer kept from message to message (a typed
 * array of more than 64 bytes is allocated outside the JavaScript heap, a costly allocation when
 * made five times per message); `analyze` is done with them before it returns.
 */
function tokenMasks(count: number): TokenMasks {
  const size = MASKS_PER_MESSAGE * count;
  let buffer: Uint8Array;
  if (count > SPAN_SCRATCH_LIMIT) {
    // A huge text gets a buffer of its own, not kept afterwards.
    buffer = new Uint8Array(size);
  } else {
    if (maskScratch.length < size) maskScratch = new Uint8Array(size * 2);
    buffer = maskScratch.fill(0, 0, size);
  }
  return {
    opaque: buffer.subarray(0, count),
    inAudience: buffer.subarray(count, 2 * count),
    nearEvent: buffer.subarray(2 * count, 3 * count),
    media: buffer.subarray(3 * count, 4 * count),
    quoted: buffer.subarray(4 * count, 5 * count),
  };
}

/** Arrays reused from message to message by `TokenSpans` (grown when needed, up to the limit). */
const SPAN_SCRATCH_LIMIT = 1 << 15;
let spanStarts = new Uint32Array(1024);
let spanEnds = new Uint32Array(1024);

/**
 * Where each token is in the original text: two arrays for the whole message rather than one
 * [start, end] pair per token. They are reused by the next message: `analyze` is done with them
 * before it returns.
 */
class TokenSpans {
  private readonly starts: Uint32Array;
  private readonly ends: Uint32Array;
  readonly length: number;

  constructor(tokens: TokenPositions, view: TextView) {
    const count = tokens.count;
    this.length = count;
    if (count > SPAN_SCRATCH_LIMIT) {
      // A huge text gets arrays of its own, not kept afterwards.
      this.starts = new Uint32Array(count);
      this.ends = new Uint32Array(count);
    } else {
      if (spanStarts.length < count) {
        spanStarts = new Uint32Array(count * 2);
        spanEnds = new Uint32Array(count * 2);
      }
      this.starts = spanStarts;
      this.ends = spanEnds;
    }
    for (let i = 0; i < count; i++) {
      // Tokens are never empty: their first unit's start and their last unit's end.
      this.starts[i] = view.starts[tokens.starts[i] as number] as number;
      this.ends[i] = view.ends[(tokens.ends[i] as number) - 1] as number;
    }
  }

  start(token: number): number {
    return this.starts[token] as number;
  }

  end(token: number): number {
    return this.ends[token] as number;
  }

  /** From the start of token `first` to the end of token `last`; [0, 0] outside the tokens. */
  span(first: number, last: number): Span {
    if (first < 0 || last >= this.length) return [0, 0];
    return [this.starts[first] as number, this.ends[last] as number];
  }

  /** Index of the first token that ends after `offset` (`length` when none does). */
  firstEndingAfter(offset: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.ends[mid] as number) <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Laughter or emoji has no token; point at it, or at the start when it cannot be found. */
function jokeSpan(text: string): Span {
  const m = /h{3,}|(?:ha){2,}|ه{3,}|[😂🤣😜😝😆😹]/iu.exec(text);
  return m === null ? [0, 0] : [m.index, m.index + m[0].length];
}

function inferCountry(language: Language, text: string): string | undefined {
  if (language === 'ary' || language === 'ary-Latn' || language === 'ar') return 'MA';
  // Only a number written with a leading 0 needs a country: skip the scan otherwise.
  if (/(?<!\d)0\d/.test(text) && hasMoroccanContext(text)) return 'MA';
  if (language === 'fr') return 'FR';
  return undefined;
}
