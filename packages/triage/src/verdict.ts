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
  const has = (cue: Cue): boolean => cues.has(cue);
  const any = (list: readonly Cue[]): boolean => list.some(has);
  const count = (list: readonly Cue[]): number => list.filter(has).length;
  const mentions = (...concepts: AnyConcept[]): boolean =>
    concepts.some((c) => (index.get(c)?.length ?? 0) > 0);

  // "You watched porn" is the bluff's claim; it is leverage only with the hack or the camera.
  const material =
    has('recording-claim') ||
    has('intimate-material') ||
    has('device-hacked-claim') ||
    (has('adult-site-claim') && mentions('watch', 'camera', 'video', 'record', 'hack'));
  const threat = any(THREAT_CUES);
  const demand = any(DEMAND_CUES);
  const pressure = any(PRESSURE_CUES) || has('deadline');
  const conditional = mentions('if-not', 'or') || near(index, 'if', 'negation', 4);
  // "Your family will see everything": what is seen is images.
  const seenThreat = matches.some((m) => m.cue === 'threat-to-share' && m.concepts.includes('see'));
  const intimateMention =
    mentions('video', 'image', 'sexual', 'camera', 'call') ||
    (seenThreat && mentions('everything'));
  const bluff = count(BLUFF_CUES) + (mentions('split-screen') ? 1 : 0);
  const lure = count(LURE_CUES);
  // "a complaint for sharing explicit content with a minor" is an accusation, not the target's age.
  const minor = has('minor-target') && !has('fake-authority');
  const other = has('other-extortion-threat');
  const concretePayment = indicators.some((i) => PAYMENT_INDICATORS.has(i.type));

  // Context only matters when there is something it explains away.
  const report = cues.size > 0 ? reportContext(context) : undefined;
  if (report !== undefined) {
    return negative(report, 0.8);
  }
  // Blackmailers mock ("lol"); a joke does not come with intimate material, a price or a
  // transfer. A photo of a friend asleep on the bus, "or you buy me a coffee 😂", is a joke.
  const strongEvidence =
    has('intimate-material') ||
    mentions('sexual', 'amount') ||
    has('gift-card-payment') ||
    has('money-transfer') ||
    has('crypto-payment') ||
    has('minor-target') ||
    concretePayment;
  if (context.joke && cues.size > 0 && !strongEvidence) {
    return negative('joke-context', 0.75);
  }

  const sextortion =
    (material &&
      (threat ||
        demand ||
        has('no-police') ||
        has('escalation') ||
        has('fake-authority') ||
        has('contacts-harvested'))) ||
    (threat &&
      intimateMention &&
      (demand || pressure || conditional || mentions('money', 'amount'))) ||
    (bluff >= 2 && (demand || threat)) ||
    (minor && (threat || demand) && intimateMention) ||
    // Minors are blackmailed with what they sent; the text need not name it.
    (minor && threat && demand) ||
    // The reveal: "I have your friends, your sister, your colleagues", a camera or a call, and a
    // price or a condition ("if you don't answer within the hour, the video reaches them").
    (has('contacts-harvested') && (demand || conditional) && intimateMention) ||
    // "Send 2000 DH by Cash Plus … or I expose you": exposure for a money transfer is the webcam
    // rings' demand, even when the video is not named.
    (has('reputation-threat') && has('money-transfer') && (demand || conditional));

  const reasons = matches.map((m) => m.cue).filter((cue) => cue !== 'minor-target' || minor);
  const stages = [material, threat, demand, pressure, concretePayment, lure > 0].filter(
    Boolean,
  ).length;

  if (sextortion && !other) {
    const family: Family = minor
      ? 'minor-targeted'
      : bluff >= 2 || (bluff >= 1 && has('crypto-payment') && lure === 0 && !has('money-transfer'))
        ? 'mass-email-bluff'
        : 'webcam-blackmail';
    return positive('sextortion', family, Math.min(0.97, 0.45 + 0.1 * stages), reasons);
  }
  if (other && (demand || threat || pressure || conditional)) {
    return positive('suspicious', 'other-extortion', Math.min(0.8, 0.5 + 0.05 * stages), reasons);
  }
  if (has('fake-authority') && !material) {
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
  if (lure >= 2 || (has('move-to-private-app') && mentions('introduction', 'flirt'))) {
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
