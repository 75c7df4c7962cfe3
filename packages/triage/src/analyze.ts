/**
 * `analyze`: one message in, the triage out. Pure and synchronous: no I/O, no clock, no global
 * state besides compiled tables, so it runs the same in the victim's browser and on the server.
 */
import { readContext, quotedRanges } from './cues/context.ts';
import type { CueMatch } from './cues/rules.ts';
import { findCues, indexConcepts } from './cues/rules.ts';
import { CUE_EXPLANATIONS } from './explanations.ts';
import { guidanceFor } from './guidance.ts';
import { extractIndicators } from './indicators/index.ts';
import { ARABIC } from './lexicon/arabic.ts';
import { ARABIZI } from './lexicon/arabizi.ts';
import type { IndicatorConcept } from './lexicon/concepts.ts';
import { ENGLISH } from './lexicon/english.ts';
import { FRENCH } from './lexicon/french.ts';
import type { Occurrence } from './lexicon/matcher.ts';
import { CompiledLexicon } from './lexicon/matcher.ts';
import { detectLanguage } from './text/language.ts';
import { normalizeText, toOriginalSpan } from './text/normalize.ts';
import type { NormalizedText } from './text/normalize.ts';
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
const INDICATOR_CONCEPT: Partial<Record<IndicatorType, IndicatorConcept>> = {
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
};

/** Words that place a message in Morocco, for reading phone numbers written without +212. */
const MOROCCAN_CONTEXT = /maroc|morocco|المغرب|\bdh\b|\bdhs\b|dirham|درهم|wafa\s?cash|cash\s?plus|وفاكاش|كاش بلوس|\+212|00212/iu;

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
  const indicators = extractIndicators(normalized, defaultCountry);

  const tokenSpans = tokens.map((t) => toOriginalSpan(normalized.words, t.start, t.end));
  const occurrences = findConcepts(tokens, language);
  occurrences.push(...indicatorOccurrences(indicators, tokenSpans));
  const index = indexConcepts(occurrences);

  const quotes = quotedRanges(text);
  const isQuoted = (o: Occurrence): boolean => {
    const span = spanOf(o.first, o.last, tokenSpans);
    return quotes.some(([s, e]) => span[0] >= s && span[1] <= e);
  };
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

/** Places each indicator on the tokens it overlaps, as a concept the cue rules can use. */
function indicatorOccurrences(indicators: readonly Indicator[], tokenSpans: readonly Span[]): Occurrence[] {
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
  if (language === 'ary' || language === 'ary-Latn' || MOROCCAN_CONTEXT.test(text)) return 'MA';
  if (language === 'ar') return 'MA';
  if (language === 'fr') return 'FR';
  return undefined;
}

/** For tests and tools: the normalised views and tokens `analyze` reads. */
export function inspect(text: string): { normalized: NormalizedText; tokens: Token[]; language: Language } {
  const normalized = normalizeText(text);
  const tokens = tokenize(normalized.words.text);
  return { normalized, tokens, language: detectLanguage(tokens) };
}
