/**
 * From cues to a verdict. The rule of thumb, from how the scams unfold: sextortion is leverage
 * (a recording, intimate images, a claimed hack) plus pressure (a threat to share or publish, a
 * demand for money, "don't call the police"); the approach without a threat is a lure; extortion
 * without intimate material is another kind. Awareness pages, news and jokes use the same words,
 * and are recognised by their own vocabulary.
 */
import type { AnyConcept } from './lexicon/concepts.ts';
import type { TextContext } from './cues/context.ts';
import type { ConceptIndex, CueMatch } from './cues/rules.ts';
import type { Cue, Family, Indicator, Verdict } from './types.ts';

/** The verdict, the family and the cues that explain them. */
export interface Decision {
  readonly verdict: Verdict;
  readonly family: Family | null;
  readonly confidence: number;
  /** The cues to report as reasons (context cues included when they decided the verdict). */
  readonly reasons: readonly Cue[];
  /** The context cue that explains a negative verdict, if any. */
  readonly contextCue: 'awareness-context' | 'news-context' | 'joke-context' | undefined;
}

const LURE_CUES: readonly Cue[] = [
  'move-to-private-app',
  'video-call-request',
  'camera-excuse',
  'undress-request',
  'profile-check',
];
const BLUFF_CUES: readonly Cue[] = ['device-hacked-claim', 'adult-site-claim', 'password-quoted'];
const THREAT_CUES: readonly Cue[] = ['threat-to-share', 'threat-to-publish', 'reputation-threat'];
const DEMAND_CUES: readonly Cue[] = [
  'payment-demand',
  'crypto-payment',
  'money-transfer',
  'gift-card-payment',
];
const PRESSURE_CUES: readonly Cue[] = ['no-police', 'escalation', 'fake-authority'];
/** Identifiers that make money demands concrete: a joke does not come with a wallet. */
const PAYMENT_INDICATORS = new Set([
  'bitcoin',
  'ethereum',
  'tron',
  'litecoin',
  'monero',
  'iban',
  'mtcn',
  'moneygram',
  'transfer-ref',
]);

/** What a recording claim must name to stand alone: the person, the sex, the call, everything. */
const RECORDED_WHAT: ReadonlySet<AnyConcept> = new Set(['you', 'sexual', 'call', 'everything']);

/** Awareness or news vocabulary at or above this weight makes a text a report, not a threat. */
const REPORT_THRESHOLD = 2;

/**
 * Decides the verdict and family.
 *
 * @example
 * decide(cueMatches, index, context, indicators).verdict; // 'sextortion'
 */
export function decide(
  matches: readonly CueMatch[],
  index: ConceptIndex,
  context: TextContext,
  indicators: readonly Indicator[],
): Decision {
  const cues = new Set(matches.map((m) => m.cue));

  // "You watched porn" is the bluff's claim; it is leverage only with the hack or the camera.
  const material =
    cues.has('recording-claim') ||
    cues.has('intimate-material') ||
    cues.has('device-hacked-claim') ||
    (cues.has('adult-site-claim') &&
      mentionsAny(index, 'watch', 'camera', 'video', 'record', 'hack'));
  const threat = anyOf(cues, THREAT_CUES);
  const demand = anyOf(cues, DEMAND_CUES);
  const pressure = anyOf(cues, PRESSURE_CUES) || cues.has('deadline');
  const conditional = mentionsAny(index, 'if-not', 'or') || near(index, 'if', 'negation', 4);
  // "Your family will see everything": what is seen is images.
  const seenThreat = matches.some((m) => m.cue === 'threat-to-share' && m.concepts.includes('see'));
  const intimateMention =
    mentionsAny(index, 'video', 'image', 'sexual', 'camera', 'call') ||
    (seenThreat && mentionsAny(index, 'everything'));
  const bluff = countOf(cues, BLUFF_CUES) + (mentionsAny(index, 'split-screen') ? 1 : 0);
  const lure = countOf(cues, LURE_CUES);
  // "a complaint for sharing explicit content with a minor" is an accusation, not the target's age.
  const minor = cues.has('minor-target') && !cues.has('fake-authority');
  const other = cues.has('other-extortion-threat');
  const concretePayment = indicators.some((i) => PAYMENT_INDICATORS.has(i.type));

  // Context only matters when there is something it explains away.
  const report = cues.size > 0 ? reportContext(context) : undefined;
  if (report !== undefined) {
    return negative(report, 0.8);
  }
  // Blackmailers mock ("lol"); a joke does not come with intimate material, a price or a
  // transfer. A photo of a friend asleep on the bus, "or you buy me a coffee 😂", is a joke.
  const strongEvidence =
    cues.has('intimate-material') ||
    mentionsAny(index, 'sexual', 'amount') ||
    cues.has('gift-card-payment') ||
    cues.has('money-transfer') ||
    cues.has('crypto-payment') ||
    cues.has('minor-target') ||
    concretePayment;
  if (context.joke && cues.size > 0 && !strongEvidence) {
    return negative('joke-context', 0.75);
  }

  const sextortion =
    (material &&
      (threat ||
        demand ||
        cues.has('no-police') ||
        cues.has('escalation') ||
        cues.has('fake-authority') ||
        cues.has('contacts-harvested'))) ||
    (threat &&
      intimateMention &&
      (demand || pressure || conditional || mentionsAny(index, 'money', 'amount'))) ||
    (bluff >= 2 && (demand || threat)) ||
    (minor && (threat || demand) && intimateMention) ||
    // Minors are blackmailed with what they sent; the text need not name it.
    (minor && threat && demand) ||
    // The reveal: "I have your friends, your sister, your colleagues", a camera or a call, and a
    // price or a condition ("if you don't answer within the hour, the video reaches them").
    (cues.has('contacts-harvested') && (demand || conditional) && intimateMention) ||
    // "Send 2000 DH by Cash Plus … or I expose you": exposure for a money transfer is the webcam
    // rings' demand, even when the video is not named.
    (cues.has('reputation-threat') && cues.has('money-transfer') && (demand || conditional));

  const reasons = matches.map((m) => m.cue).filter((cue) => cue !== 'minor-target' || minor);
  const stages = [material, threat, demand, pressure, concretePayment, lure > 0].filter(
    Boolean,
  ).length;

  if (sextortion && !other) {
    const family: Family = minor
      ? 'minor-targeted'
      : bluff >= 2 ||
          (bluff >= 1 && cues.has('crypto-payment') && lure === 0 && !cues.has('money-transfer'))
        ? 'mass-email-bluff'
        : 'webcam-blackmail';
    return positive('sextortion', family, Math.min(0.97, 0.45 + 0.1 * stages), reasons);
  }
  if (other && (demand || threat || pressure || conditional)) {
    return positive('suspicious', 'other-extortion', Math.min(0.8, 0.5 + 0.05 * stages), reasons);
  }
  if (cues.has('fake-authority') && !material) {
    return positive('suspicious', 'other-extortion', 0.6, reasons);
  }
  // Alone, only a recording of the person claimed with a verb ("I recorded you", "filmé nu",
  // "our call is recorded"), not "I have a video of…" nor "the camera recorded the thief".
  const recorded = matches.some(
    (m) =>
      m.cue === 'recording-claim' &&
      m.concepts.includes('record') &&
      m.concepts.some((c) => RECORDED_WHAT.has(c)),
  );
  if (recorded) {
    const family: Family = bluff >= 1 ? 'mass-email-bluff' : 'webcam-blackmail';
    return positive('suspicious', family, 0.55, reasons);
  }
  if (threat && (demand || conditional)) {
    return positive('suspicious', 'other-extortion', 0.55, reasons);
  }
  // The opening of the scam: a stranger presenting themselves, or flirting, and moving the chat.
  if (
    lure >= 2 ||
    (cues.has('move-to-private-app') && mentionsAny(index, 'introduction', 'flirt'))
  ) {
    return positive('suspicious', 'lure', Math.min(0.8, 0.45 + 0.1 * lure), reasons);
  }
  return {
    verdict: 'not-detected',
    family: null,
    confidence: cues.size === 0 ? 0.9 : 0.7,
    reasons: [],
    contextCue: undefined,
  };
}
// Helpers at module level rather than closures inside `decide`: under tsx (keepNames) each named
// closure costs a defineProperty call per message.

/** Whether any cue of `list` was found. */
function anyOf(cues: ReadonlySet<Cue>, list: readonly Cue[]): boolean {
  for (const cue of list) if (cues.has(cue)) return true;
  return false;
}

/** How many cues of `list` were found. */
function countOf(cues: ReadonlySet<Cue>, list: readonly Cue[]): number {
  let n = 0;
  for (const cue of list) if (cues.has(cue)) n++;
  return n;
}

/** Whether the message names any of `concepts`. */
function mentionsAny(index: ConceptIndex, ...concepts: AnyConcept[]): boolean {
  return concepts.some((c) => (index.get(c)?.length ?? 0) > 0);
}

/** Whether an occurrence of `a` is followed by one of `b` within `window` tokens. */
function near(index: ConceptIndex, a: AnyConcept, b: AnyConcept, window: number): boolean {
  // Both lists are sorted by position: one pass with two cursors.
  const as = index.get(a) ?? [];
  const bs = index.get(b) ?? [];
  let j = 0;
  for (const x of as) {
    while (j < bs.length && (bs[j] as (typeof bs)[number]).first <= x.last) j++;
    const y = bs[j];
    if (y !== undefined && y.first - x.last <= window) return true;
  }
  return false;
}

function reportContext(context: TextContext): Decision['contextCue'] {
  if (context.victimVoice) return undefined;
  if (
    context.awareness >= REPORT_THRESHOLD ||
    context.news >= REPORT_THRESHOLD ||
    context.awareness + context.news >= 3.5
  ) {
    return context.news > context.awareness ? 'news-context' : 'awareness-context';
  }
  return undefined;
}

function negative(contextCue: NonNullable<Decision['contextCue']>, confidence: number): Decision {
  return { verdict: 'not-detected', family: null, confidence, reasons: [contextCue], contextCue };
}

function positive(
  verdict: Verdict,
  family: Family,
  confidence: number,
  reasons: readonly Cue[],
): Decision {
  return {
    verdict,
    family,
    confidence: Math.round(confidence * 100) / 100,
    reasons,
    contextCue: undefined,
  };
}
