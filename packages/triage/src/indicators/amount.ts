/**
 * Amounts of money with their currency: "500 €", "€500", "$1,000", "2 000 DH", "3000 dirhams",
 * "0.1 BTC", "5k dh", "alf dh", "٥٠٠ درهم" (digits are ASCII in the identifier view), "ألف درهم".
 */
import type { Candidate, DetectionContext } from './candidate.ts';
import {
  DETECTOR_LIMIT,
  isSpaceCode,
  sortByStart,
  wordHashesOf,
  firstWordsOf,
  matchAtDigits,
  matchAtWords,
  startsWord,
} from './candidate.ts';

/** Currency words and symbols, and the code they stand for. */
const CURRENCIES: ReadonlyArray<readonly [string, readonly string[]]> = [
  // "30 balles": French slang for euros.
  ['EUR', ['€', 'euros', 'euro', 'eur', 'يورو', 'اورو', 'أورو', 'ewro', 'balles']],
  ['USD', ['us$', '$', 'usd', 'dollars', 'dollar', 'دولارات', 'دولار', 'dolar']],
  ['GBP', ['£', 'gbp', 'pounds', 'pound']],
  [
    'MAD',
    ['dirhams', 'dirham', 'dhs', 'dh', 'mad', 'درهم', 'دراهم', 'drahem', 'drhm', 'drham', 'derham'],
  ],
  ['CAD', ['cad', 'c$']],
  ['CHF', ['chf']],
  ['XOF', ['fcfa', 'cfa', 'xof']],
  ['NGN', ['₦', 'naira', 'ngn']],
  ['BTC', ['₿', 'btc', 'bitcoins', 'bitcoin', 'بيتكوين', 'بتكوين']],
  ['ETH', ['eth', 'ether']],
  ['LTC', ['ltc', 'litecoin']],
  ['USDT', ['usdt', 'tether']],
  ['XMR', ['xmr', 'monero']],
  // Gulf currencies, named with their country (a bare "ريال" is also Moroccan slang for 5 centimes).
  [
    'SAR',
    [
      'ريال سعودي',
      'ريالات سعودية',
      'ريال سعودى',
      'saudi riyals',
      'saudi riyal',
      'riyals saoudiens',
      'riyal saoudien',
      'sar',
    ],
  ],
  [
    'AED',
    [
      'درهم إماراتي',
      'درهم اماراتي',
      'دراهم إماراتية',
      'uae dirhams',
      'uae dirham',
      'dirhams émiratis',
      'dirham émirati',
      'aed',
    ],
  ],
  ['QAR', ['ريال قطري', 'qatari riyals', 'qatari riyal', 'qar']],
  ['KWD', ['دينار كويتي', 'kuwaiti dinars', 'kuwaiti dinar', 'kwd']],
];
const CODE_OF = new Map<string, string>();
for (const [code, words] of CURRENCIES) for (const word of words) CODE_OF.set(word, code);
const escape = (word: string): string => word.replace(/[$]/g, '\\$');
/** Longest first, so that "dirhams" is not read as "dirham" followed by an "s". */
const CURRENCY = `(${[...CODE_OF.keys()]
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join('|')})`;

/** "1 000", "1.000,50", "1,000.50", "2000", "0.1". */
const NUMBER = String.raw`(\d{1,3}(?:[ .,\u00a0\u202f]\d{3})+(?:[.,]\d{1,8})?|\d{1,12}(?:[.,]\d{1,8})?)`;
/** Multipliers after a number: "5k", "2 mille", "5 alaf", "3 آلاف", "$4 million", "3 millions d'euros". */
const MULTIPLIER = String.raw`(?:\s?(k|mille|thousand|alf|alaf|ألف|الف|آلاف|الاف|millions?|مليون|ملايين|mlyoun|melyoun)(?:\s?d['’]|\s+de)?)?`;
/** Number words used alone: "alf dh", "ألف درهم", "mille euros", "a thousand dollars". */
const NUMBER_WORD =
  '(mille|thousand|alf|ألف|الف|الألف|الالف|ألفين|الفين|alfin|mya|مية|مائة|cent|hundred)';
const NUMBER_WORD_FIRST = firstWordsOf([NUMBER_WORD.slice(1, -1)]);
const NUMBER_WORD_HASHES = wordHashesOf(NUMBER_WORD_FIRST);
const WORD_VALUES: ReadonlyMap<string, number> = new Map([
  ['mille', 1000],
  ['thousand', 1000],
  ['alf', 1000],
  ['ألف', 1000],
  ['الف', 1000],
  ['الألف', 1000],
  ['الالف', 1000],
  ['ألفين', 2000],
  ['الفين', 2000],
  ['alfin', 2000],
  ['mya', 100],
  ['مية', 100],
  ['مائة', 100],
  ['cent', 100],
  ['hundred', 100],
]);

const END = String.raw`(?![\p{L}\p{N}])`;
const NUMBER_THEN_CURRENCY = new RegExp(`${NUMBER}${MULTIPLIER}\\s?${CURRENCY}${END}`, 'iuy');
/** Before a number only symbols and codes count ("€500", "USD 500"): "mad 5 times" is not money. */
const PREFIX_CODES: ReadonlySet<string> = new Set([
  'EUR',
  'USD',
  'GBP',
  'MAD',
  'DH',
  'BTC',
  'CHF',
  'CAD',
  'USDT',
  'ETH',
]);
const PREFIX_CURRENCY = `(US\\$|us\\$|C\\$|c\\$|€|\\$|£|₦|₿|${[...PREFIX_CODES].join('|')})`;
const CURRENCY_THEN_NUMBER = new RegExp(`${PREFIX_CURRENCY}\\s?${NUMBER}${MULTIPLIER}${END}`, 'uy');
const WORD_THEN_CURRENCY = new RegExp(`${NUMBER_WORD}\\s${CURRENCY}${END}`, 'iuy');

const CRYPTO = new Set(['BTC', 'ETH', 'LTC', 'USDT', 'XMR']);

/**
 * Finds amounts in the identifier view.
 *
 * @example
 * findAmounts({ text: 'envoie 2 000 DH', … });
 * // [{ type: 'amount', normalized: '2000 MAD', amount: 2000, currency: 'MAD', valid: true, … }]
 */
export function findAmounts(context: DetectionContext): Candidate[] {
  const found: Candidate[] = [];
  const { text, digitStarts } = context;
  for (const m of matchAtDigits(text, digitStarts, NUMBER_THEN_CURRENCY)) {
    if (found.length >= DETECTOR_LIMIT) break;
    const word = m[3] as string;
    const value = parseNumber(m[1] as string, CRYPTO.has(CODE_OF.get(word.toLowerCase()) ?? ''));
    pushAmount(found, text, m.index, m.index + m[0].length, value * multiplier(m[2]), word);
  }
  for (const m of matchAtDigits(
    text,
    prefixCurrencyStarts(text, digitStarts),
    CURRENCY_THEN_NUMBER,
  )) {
    if (found.length >= DETECTOR_LIMIT) break;
    const word = m[1] as string;
    const value = parseNumber(m[2] as string, CRYPTO.has(CODE_OF.get(word.toLowerCase()) ?? ''));
    pushAmount(found, text, m.index, m.index + m[0].length, value * multiplier(m[3]), word);
  }
  for (const m of matchAtWords(
    text,
    context.words,
    WORD_THEN_CURRENCY,
    (w) => NUMBER_WORD_FIRST.has(w),
    NUMBER_WORD_HASHES,
  )) {
    if (found.length >= DETECTOR_LIMIT) break;
    const value = WORD_VALUES.get((m[1] as string).toLowerCase()) ?? NaN;
    pushAmount(found, text, m.index, m.index + m[0].length, value, m[2] as string);
  }
  return sortByStart(found);
}

/**
 * Adds the amount at [start, end) unless it is no amount (no currency, zero, inside a word) or
 * overlaps one found. A module-level function, not a closure in `findAmounts`: under tsx
 * (keepNames) each named closure costs a defineProperty call per message.
 */
function pushAmount(
  found: Candidate[],
  text: string,
  start: number,
  end: number,
  value: number,
  word: string,
): void {
  if (!startsWord(text, start, '.,')) return;
  const currency = CODE_OF.get(word.toLowerCase()) ?? CODE_OF.get(word);
  // Nothing is demanded with a zero: "000 dh" is the tail of a longer number, not an amount.
  if (currency === undefined || !Number.isFinite(value) || value <= 0) return;
  if (found.some((f) => start < f.end && f.start < end)) return;
  const amount = Math.round(value * 1e8) / 1e8;
  found.push({
    type: 'amount',
    normalized: `${amount} ${currency}`,
    amount,
    currency,
    valid: true,
    start,
    end,
  });
}

/**
 * Where a currency written before a number may start ("€500", "USD 250", "us$ 40"): right before a
 * run of digits, after at most one space, a symbol or the run of letters it ends.
 */
function prefixCurrencyStarts(text: string, digitStarts: readonly number[]): number[] {
  const starts: number[] = [];
  for (const digits of digitStarts) {
    let end = digits;
    if (end > 0 && isSpaceCode(text.charCodeAt(end - 1))) end--;
    const last = text.charCodeAt(end - 1);
    if (end === 0 || Number.isNaN(last)) continue;
    let start = end - 1;
    if (last === 0x24 /* $ */) {
      // "$", or "US$" / "C$": the letters before it are part of the currency.
      while (start > 0 && isAsciiLetter(text.charCodeAt(start - 1))) start--;
      if (start < end - 1) starts.push(start);
      start = end - 1;
    } else if (isAsciiLetter(last)) {
      while (start > 0 && isAsciiLetter(text.charCodeAt(start - 1))) start--;
      // The pattern needs the whole run of letters to be a code ("EUR", not "l" of "l7bs"):
      // after it, only a space and the digits may come. Case matters (no "i" flag).
      if (end - start > 4 || !PREFIX_CODES.has(text.slice(start, end))) continue;
    } else if (!CURRENCY_SYMBOLS.has(last)) {
      continue;
    }
    if (starts.length === 0 || (starts[starts.length - 1] as number) < start) starts.push(start);
  }
  return starts;
}

const CURRENCY_SYMBOLS = new Set([...'€£₦₿'].map((ch) => ch.charCodeAt(0)));

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function multiplier(word: string | undefined): number {
  if (word === undefined) return 1;
  return MILLION.test(word) ? 1_000_000 : 1000;
}

const MILLION = /^(?:millions?|مليون|ملايين|mlyoun|melyoun)$/iu;

/**
 * Reads a written number. A lone separator followed by exactly three digits groups thousands
 * ("1.000 €", "2,500 $"), except for crypto amounts, which are small ("0.100 BTC").
 */
export function parseNumber(text: string, crypto: boolean): number {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  const separators = compact.match(/[.,]/g) ?? [];
  if (separators.length === 0) return Number(compact);
  const last = Math.max(compact.lastIndexOf('.'), compact.lastIndexOf(','));
  const decimals = compact.length - last - 1;
  const mixed = new Set(separators).size === 2;
  const thousandsOnly =
    !mixed && decimals === 3 && !crypto && (separators.length > 1 || !/^0[.,]/.test(compact));
  if (thousandsOnly) return Number(compact.replace(/[.,]/g, ''));
  const integer = compact.slice(0, last).replace(/[.,]/g, '');
  return Number(`${integer}.${compact.slice(last + 1)}`);
}
