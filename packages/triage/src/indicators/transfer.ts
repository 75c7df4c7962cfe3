/**
 * Money-transfer references: a Western Union MTCN (10 digits), a MoneyGram reference (8 digits),
 * and the codes of Moroccan cash networks (Wafacash, Cash Plus, Damane Cash, Barid Cash) and other
 * remittance services. A run of digits is only a reference when the text names the service nearby:
 * otherwise it is a phone number, an order number or a price.
 */
import type { TransferService } from '../types.ts';
import type { Candidate, DetectionContext } from './candidate.ts';
import {
  DETECTOR_LIMIT,
  wordShapesOf,
  firstWordsOf,
  matchAtWords,
  startsWord,
} from './candidate.ts';

const SERVICE_MENTIONS: ReadonlyArray<readonly [TransferService, string]> = [
  ['western-union', 'western\\s?union|westren|western|wu|mtcn|ويسترن|وسترن'],
  ['moneygram', 'money\\s?gram|موني\\s?[غك]رام|مونيغرام'],
  ['wafacash', 'wafa\\s?cash|وفا\\s?كاش|وفاكاش'],
  ['cash-plus', 'cash\\s?plus|كاش\\s?بل(?:و)?س'],
  ['damane-cash', 'damane\\s?cash|ضمان\\s?كاش'],
  ['barid-cash', 'barid\\s?cash|بريد\\s?كاش'],
  ['ria', 'ria(?:\\s+money)?'],
  ['worldremit', 'world\\s?remit'],
];
/** Service names, tried at word starts; Arabic prepositions glue to them ("بويسترن"), hence a prefix. */
const MENTION = new RegExp(
  `(?:[وفبل]{1,2})?(?:${SERVICE_MENTIONS.map(([service, words]) => `(?<${service.replace(/-/g, '_')}>${words})`).join('|')})(?![\\p{L}\\p{N}])`,
  'iuy',
);

/** Each service and the name of its group in `MENTION`. */
const SERVICE_GROUPS = SERVICE_MENTIONS.map(
  ([service]) => [service, service.replace(/-/g, '_')] as const,
);

const MENTION_FIRST = firstWordsOf(SERVICE_MENTIONS.map(([, words]) => words));
/** Arabic prepositions that glue to a service's name ("بويسترن", "فوفاكاش"). */
const GLUED_PREPOSITIONS = new Set(['و', 'ف', 'ب', 'ل']);
/** Shapes of a mention: a service's own first word, or any word behind a preposition. */
const MENTION_SHAPES = wordShapesOf(MENTION_FIRST, GLUED_PREPOSITIONS);
/** A service's first word, possibly behind Arabic prepositions glued to it ("بويسترن"). */
function mayNameService(word: string): boolean {
  if (MENTION_FIRST.has(word)) return true;
  if (!GLUED_PREPOSITIONS.has(word.charAt(0))) return false;
  return (
    MENTION_FIRST.has(word.slice(1)) ||
    (GLUED_PREPOSITIONS.has(word.charAt(1)) && MENTION_FIRST.has(word.slice(2)))
  );
}

/** Quick test before the per-service patterns: plain searches of the lower-cased text. */
const SERVICE_HINTS = [
  'western',
  'westren',
  'wu',
  'mtcn',
  'money',
  'wafa',
  'cash',
  'ria',
  'remit',
  'ويسترن',
  'وسترن',
  'موني',
  'وفا',
  'كاش',
];

/**
 * Digits, possibly grouped: "1234567890", "123-456-7890", "123 456 7890". A leading + is matched
 * too, so that a phone number in international format is seen whole and skipped.
 */
const DIGIT_GROUPS = /\+?\d(?:[ \-.]?\d){5,15}(?![\p{L}\p{N}])/gu;
/** A currency right after the number makes it an amount, not a reference. */
const CURRENCY_AFTER = /^\s?(?:€|\$|£|eur|usd|mad|dh|dirham|درهم|euro|dollar|btc)/iu;
const PHONE_WORDS =
  /(?:t[eé]l|phone|call|appel|whats?app|sms|رقم|هاتف|واتساب|nmra|ra9m|numero de t)/iu;
const REFERENCE_WORDS =
  /(?:mtcn|code|r[eé]f|reference|référence|numéro de transfert|tracking|الرمز|رمز|الكود|كود|رقم التحويل)/iu;

const BEFORE = 120;
const AFTER = 60;

/**
 * Finds transfer references in the identifier view.
 *
 * @example
 * findTransferReferences({ text: 'Western Union MTCN: 123-456-7890', … });
 * // [{ type: 'mtcn', service: 'western-union', normalized: '1234567890', valid: true, … }]
 */
export function findTransferReferences(context: DetectionContext): Candidate[] {
  const mentions: Array<{ service: TransferService; start: number; end: number }> = [];
  if (!SERVICE_HINTS.some((hint) => context.lower.includes(hint))) return [];
  for (const match of matchAtWords(
    context.lower,
    context.words,
    MENTION,
    mayNameService,
    MENTION_SHAPES,
  )) {
    const service = SERVICE_GROUPS.find(([, group]) => match.groups?.[group] !== undefined)?.[0];
    if (service !== undefined)
      mentions.push({ service, start: match.index, end: match.index + match[0].length });
  }
  if (mentions.length === 0) return [];
  const found: Candidate[] = [];
  for (const match of context.text.matchAll(DIGIT_GROUPS)) {
    if (found.length >= DETECTOR_LIMIT) break;
    const start = match.index;
    const end = start + match[0].length;
    if (!startsWord(context.text, start, '+')) continue;
    if (match[0].startsWith('+') || CURRENCY_AFTER.test(context.text.slice(end, end + 10)))
      continue;
    const service = nearestService(mentions, start, end);
    if (service === undefined) continue;
    const digits = match[0].replace(/\D/g, '');
    const justBefore = context.lower.slice(Math.max(0, start - 30), start);
    if (PHONE_WORDS.test(justBefore) && !REFERENCE_WORDS.test(justBefore)) continue;
    const labelled = REFERENCE_WORDS.test(justBefore);
    const normalized = digits;
    if (service === 'western-union') {
      if (digits.length === 10)
        found.push({ service, normalized, start, end, type: 'mtcn', valid: true });
      else if (labelled)
        found.push({
          service,
          normalized,
          start,
          end,
          type: 'mtcn',
          valid: false,
          invalidReason: 'length',
        });
    } else if (service === 'moneygram') {
      if (digits.length === 8)
        found.push({ service, normalized, start, end, type: 'moneygram', valid: true });
      else if (labelled) {
        found.push({
          service,
          normalized,
          start,
          end,
          type: 'moneygram',
          valid: false,
          invalidReason: 'length',
        });
      }
    } else {
      found.push({ service, normalized, start, end, type: 'transfer-ref', valid: true });
    }
  }
  return found;
}

function nearestService(
  mentions: ReadonlyArray<{ service: TransferService; start: number; end: number }>,
  start: number,
  end: number,
): TransferService | undefined {
  let best: TransferService | undefined;
  let bestDistance = Infinity;
  for (const mention of mentions) {
    const before = mention.end <= start;
    const distance = before ? start - mention.end : mention.start >= end ? mention.start - end : 0;
    if (distance > (before ? BEFORE : AFTER)) continue;
    // People write "Western Union, MTCN 123…": a service named before the number weighs more.
    const weighted = before ? distance : distance * 4 + 20;
    if (weighted < bestDistance) {
      best = mention.service;
      bestDistance = weighted;
    }
  }
  return best;
}
