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
import { ARABIC } from './lexicon/arabic.ts';
import { ARABIZI } from './lexicon/arabizi.ts';
import type { AnyConcept } from './lexicon/concepts.ts';
import { ENGLISH } from './lexicon/english.ts';
import { FRENCH } from './lexicon/french.ts';
import type { Occurrence } from './lexicon/matcher.ts';
import { CompiledLexicon } from './lexicon/matcher.ts';
import { detectLanguage } from './text/language.ts';
import { normalizeText, toOriginalSpan } from './text/normalize.ts';
import { tokenize } from './text/tokenize.ts';
import type { Token } from './text/tokenize.ts';
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

let lexicons: { standard: CompiledLexicon; arabizi: CompiledLexicon } | undefined;

/** Compiled once, on first use. */
function compiledLexicons(): { standard: CompiledLexicon; arabizi: CompiledLexicon } {
  lexicons ??= {
    standard: new CompiledLexicon([FRENCH, ENGLISH, ARABIC], 'standard'),
    arabizi: new CompiledLexicon([ARABIZI], 'arabizi'),
  };
  return lexicons;
}

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
const MOROCCAN_CONTEXT =
  /maroc|morocco|المغرب|\bdh\b|\bdhs\b|dirham|درهم|wafa\s?cash|cash\s?plus|وفاكاش|كاش بلوس|\+212|00212/iu;

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
  const normalized = normalizeText(text);
  const tokens = tokenize(normalized.words.text);
  const language = detectLanguage(tokens);
  const defaultCountry = options.defaultCountry ?? inferCountry(language, text);
  const found = extractWithLooseDeadlines(normalized, defaultCountry);

  const tokenSpans = tokens.map((t) => toOriginalSpan(normalized.words, t.start, t.end));
  const occurrences = withoutOpaqueTokens(
    findConcepts(tokens, language),
    found.indicators,
    tokenSpans,
  );
  occurrences.push(...ageOccurrences(tokens, occurrences));
  const indicators = withDemandDeadlines(found, occurrences, tokenSpans, text);
  occurrences.push(...indicatorOccurrences(indicators, tokenSpans));
  const index = indexConcepts(refine(occurrences, tokens));

  const quoted = quotedTokens(quotedRanges(text), tokenSpans);
  const isQuoted = (o: Occurrence): boolean => quoted[o.first] === 1 && quoted[o.last] === 1;
  const context = readContext(index, text, isQuoted);
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
    const span: Span = at === undefined ? jokeSpan(text) : spanOf(at.first, at.last, tokenSpans);
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

function findConcepts(tokens: readonly Token[], language: Language): Occurrence[] {
  const { standard, arabizi } = compiledLexicons();
  const occurrences = standard.find(tokens);
  // Arabizi is read by consonant skeleton, which would find false friends in French or English
  // ("messagerie" has the skeleton of "sghir"): only Darija in Latin letters is read that way.
  if (language === 'ary-Latn') {
    arabizi.find(tokens, occurrences);
  }
  return occurrences;
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
  tokenSpans: readonly Span[],
  text: string,
): Indicator[] {
  if (found.looseDeadlines.length === 0) return found.indicators;
  const demandTokens: number[] = [];
  for (const o of occurrences) if (DEMAND_CONCEPTS.has(o.concept)) demandTokens.push(o.first);
  const demandSpans: Span[] = demandTokens.map((t) => tokenSpans[t] as Span);
  for (const i of found.indicators) if (i.type === 'amount') demandSpans.push(i.span);
  const kept = found.looseDeadlines.filter((deadline) => {
    const at = Math.min(lowerBound(tokenSpans, deadline.span[0]), tokenSpans.length - 1);
    return demandSpans.some((span) => {
      const t = Math.min(lowerBound(tokenSpans, span[0]), tokenSpans.length - 1);
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
  tokenSpans: readonly Span[],
): Occurrence[] {
  let opaque: Uint8Array | undefined;
  for (const indicator of indicators) {
    if (!OPAQUE_INDICATORS.has(indicator.type)) continue;
    opaque ??= new Uint8Array(tokenSpans.length);
    const [start, end] = indicator.span;
    for (let t = lowerBound(tokenSpans, start); t < tokenSpans.length; t++) {
      const span = tokenSpans[t] as Span;
      if (span[0] >= end) break;
      if (span[0] >= start && span[1] <= end) opaque[t] = 1;
    }
  }
  if (opaque === undefined) return occurrences;
  const mask = opaque;
  return occurrences.filter((o) => mask[o.first] !== 1 && mask[o.last] !== 1);
}

/**
 * Readings that depend on neighbours: "your" in "your family" names the audience, not the victim;
 * a video, photo or recording of a wedding, a trip or a meeting is not intimate material; and in
 * "clips of your kid" or "photos de ta famille" the family is what is shown, not who receives it.
 */
function refine(occurrences: readonly Occurrence[], tokens: readonly Token[]): Occurrence[] {
  const tokenCount = tokens.length;
  // Token masks keep this linear in the number of occurrences, whatever the input.
  const inAudience = new Uint8Array(tokenCount);
  const nearEvent = new Uint8Array(tokenCount);
  const media = new Uint8Array(tokenCount);
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
  // "[video] of [audience]": the medium, then "of", then the people (at most one word between).
  const shownPeople = (o: Occurrence): boolean => {
    const of = o.first - 1;
    if (of < 1 || !MEDIA_OF.has((tokens[of] as Token).text)) return false;
    return media[of - 1] === 1 || (of >= 2 && media[of - 2] === 1);
  };
  return occurrences.filter((o) => {
    const c = o.concept;
    if (c === 'you' || c === 'your') return inAudience[o.first] !== 1;
    if (c === 'video' || c === 'image' || c === 'record') return nearEvent[o.first] !== 1;
    if (c === 'audience') return !shownPeople(o);
    return true;
  });
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
  tokens: readonly Token[],
  occurrences: readonly Occurrence[],
): Occurrence[] {
  const unitAt = new Set(occurrences.filter((o) => o.concept === 'age-unit').map((o) => o.first));
  const out: Occurrence[] = [];
  tokens.forEach((token, i) => {
    const glued = /^(1[0-7])(?:yo|ans|yrs|y)$/.exec(token.text);
    if (glued !== null) {
      out.push({ concept: 'minor', first: i, last: i });
      return;
    }
    if (!/^1[0-7]$/.test(token.text)) return;
    for (let next = i + 1; next <= i + 2; next++) {
      if (unitAt.has(next)) {
        out.push({ concept: 'minor', first: i, last: next });
        return;
      }
    }
    // "you're only 14", "عمرك 16", "tu as 15" — but not "tu as 15 minutes".
    const after = tokens[i + 1]?.text;
    if (after !== undefined && NOT_AN_AGE.has(after)) return;
    for (let before = Math.max(0, i - 2); before < i; before++) {
      if (AGE_SUBJECTS.has((tokens[before] as Token).text)) {
        out.push({ concept: 'minor', first: before, last: i });
        return;
      }
    }
  });
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
  tokenSpans: readonly Span[],
): Occurrence[] {
  const out: Occurrence[] = [];
  for (const indicator of indicators) {
    const concept = INDICATOR_CONCEPT[indicator.type];
    if (concept === undefined) continue;
    const [start, end] = indicator.span;
    let first = lowerBound(tokenSpans, start);
    if (first >= tokenSpans.length) first = tokenSpans.length - 1;
    let last = first;
    while (last + 1 < tokenSpans.length && (tokenSpans[last + 1] as Span)[0] < end) last++;
    if (first >= 0) out.push({ concept, first, last });
  }
  return out;
}

/** Marks the tokens that lie inside a quotation. */
function quotedTokens(
  quotes: ReadonlyArray<readonly [number, number]>,
  tokenSpans: readonly Span[],
): Uint8Array {
  const mask = new Uint8Array(tokenSpans.length);
  for (const [start, end] of quotes) {
    for (let t = lowerBound(tokenSpans, start); t < tokenSpans.length; t++) {
      const span = tokenSpans[t] as Span;
      if (span[1] > end) break;
      if (span[0] >= start) mask[t] = 1;
    }
  }
  return mask;
}

/** Index of the first token that ends after `offset`. */
function lowerBound(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((spans[mid] as Span)[1] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function spanOf(first: number, last: number, tokenSpans: readonly Span[]): Span {
  const a = tokenSpans[first];
  const b = tokenSpans[last];
  if (a === undefined || b === undefined) return [0, 0];
  return [a[0], b[1]];
}

/** Laughter or emoji has no token; point at it, or at the start when it cannot be found. */
function jokeSpan(text: string): Span {
  const m = /h{3,}|(?:ha){2,}|ه{3,}|[😂🤣😜😝😆😹]/iu.exec(text);
  return m === null ? [0, 0] : [m.index, m.index + m[0].length];
}

function inferCountry(language: Language, text: string): string | undefined {
  if (language === 'ary' || language === 'ary-Latn' || language === 'ar') return 'MA';
  // Only a number written with a leading 0 needs a country: skip the scan otherwise.
  if (/(?<!\d)0\d/.test(text) && MOROCCAN_CONTEXT.test(text)) return 'MA';
  if (language === 'fr') return 'FR';
  return undefined;
}
