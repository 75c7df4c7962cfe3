/**
 * Deadlines: a time limit ("within 48 hours", "dans les 24h", "3ndk 24 sa3a", "خلال 48 ساعة",
 * "before midnight", "avant demain", "قبل غدا") or a date ("avant le 30 juin", "by 15/06").
 * Normalised to an ISO 8601 duration (PT48H, P2D), a named time (tonight, midnight, tomorrow,
 * end-of-day), a weekday (friday) or a date without year (--06-30).
 */
import type { Candidate, DetectionContext, WordList } from './candidate.ts';
import {
  DETECTOR_LIMIT,
  sortByStart,
  firstWordsOf,
  followingWordsOf,
  matchAtDigits,
  matchAtWords,
  isSpaceCode,
  isWordCode,
  startsWord,
  wordHashesOf,
} from './candidate.ts';

/** Words that turn "48 hours" into a limit: within, you have, dans les, عندك, 3ndk… */
const LIMIT_WORDS = [
  // English
  'within(?: the next)?',
  'in(?: the next)?',
  'you have(?: only| just)?',
  'u have',
  'u got',
  "you've got",
  'you got',
  'i give you',
  'i am giving you',
  "i'm giving you",
  'only',
  'before',
  'under',
  'no later than',
  'next',
  'maximum',
  'max',
  'deadline(?: is)?:?',
  // French
  'dans(?: les| la| le)?(?: prochaines?)?',
  "d['’]ici(?: les?| la)?",
  'sous',
  'avant',
  'en moins de',
  'tu as(?: seulement| juste)?',
  "t['’]as",
  'vous avez(?: seulement| juste)?',
  'je te donne',
  'je vous donne',
  'il te reste',
  'il vous reste',
  'd[ée]lai(?: de)?',
  'pendant',
  // An offer's or an ultimatum's validity: "valable 48h", "valid for 24 hours", "expire dans 2 jours".
  '(?:offre )?valable(?: pendant)?',
  'valid for',
  'expires? in',
  'expire dans',
  // Arabic and Darija in Arabic script
  'خلال',
  'في غضون',
  'في ظرف',
  'فظرف',
  'ف',
  'في',
  'قبل',
  'امامك',
  'أمامك',
  'لديك',
  'عندك',
  'مهلة',
  'مهله',
  'غير',
  // "in these two hours", "before an hour passes": فهاد ساعتين، قبل ما تفوت ساعة.
  'فهاد',
  'ف هاد',
  'في هذه',
  'في هاد',
  'قبل ما (?:تفوت|يفوت|تدوز|يدوز|تكمل)',
  // Darija in Latin letters
  '3ndk',
  '3andek',
  '3endek',
  '3ndek',
  'andek',
  '3andk',
  'f',
  'fi',
  '9bel',
  'qbel',
  'kbel',
  'mohla',
  'ghir',
  'f had',
  'fhad',
  '9bel ma (?:tfout|tfot|ydouz|ydoz|tdouz|tdoz|tkmel)',
];

/** Time units and the ISO 8601 designator they become. */
const UNITS: ReadonlyArray<readonly [string, 'H' | 'M' | 'D' | 'W']> = [
  ['hours?|hrs?|heures?|h|ساعات|ساعة|ساعه|sa3at|sa3a|swaye3|swaya3|sa3āt', 'H'],
  ['minutes?|mins?|min|mn|دقائق|دقايق|دقيقة|دقيقه|d9i9a|d9aye9|dqiqa|dqayeq|dkika', 'M'],
  ['days?|jours?|j|أياما|أيام|اياما|ايام|يوما|يوم|iyam|ayam|nhar|youm|yoma', 'D'],
  ['weeks?|semaines?|أسابيع|اسابيع|أسبوعا|أسبوع|اسبوع|simana|simanat', 'W'],
];
/** Dual forms: "ساعتين" (two hours), "يومين" (two days), "sa3tin", "jouj sa3at" is 2 + unit. */
const DUALS: ReadonlyArray<readonly [string, string]> = [
  ['ساعتين|sa3tin|s3atin', 'PT2H'],
  ['يومين|yumayn|youmayn|jouj iyam|jouj ayam', 'P2D'],
];
const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['one', 1],
  ['a', 1],
  ['an', 1],
  ['two', 2],
  ['three', 3],
  ['un', 1],
  ['une', 1],
  ['deux', 2],
  ['trois', 3],
  ['jouj', 2],
  ['tlata', 3],
  ['wa7d', 1],
  ['wahed', 1],
]);

/** Named moments after "before / avant / قبل / 9bel / by / until / jusqu'à / d'ici". */
const NAMED: ReadonlyArray<readonly [string, string]> = [
  [
    'tonight|tonite|2nite|2night|ce soir|cette nuit|الليلة|الليله|الليل|lil|llil|had lil|l3chiya|العشية|العشيه',
    'tonight',
  ],
  ['midnight|minuit|منتصف الليل|nos lil|ns lil', 'midnight'],
  ['tomorrow|demain|الغد|غدا|لغدا|غدوة|غدوه|ghda|ghedda|ghadda|gheda', 'tomorrow'],
  [
    "the end of (?:the )?day|end of (?:the )?day|la fin de (?:la )?journ[ée]e|fin de journ[ée]e|نهاية اليوم|today|2day|aujourd['’]hui|ajd|auj|اليوم|lyoum|lyoma|lyouma",
    'end-of-day',
  ],
];
const BEFORE_NAMED =
  "(?:before|by|until|till|avant|jusqu['’]?[àa]|d['’]ici|قبل|حتى|حتال|9bel|qbel|kbel|m3a|7ta|hta)";

const MONTHS: ReadonlyArray<readonly [string, number]> = [
  ['janvier|january|jan', 1],
  ['f[ée]vrier|february|feb', 2],
  ['mars|march|mar', 3],
  ['avril|april|apr', 4],
  ['mai|may', 5],
  ['juin|june|jun', 6],
  ['juillet|july|jul', 7],
  ['ao[uû]t|august|aug', 8],
  ['septembre|september|sept?', 9],
  ['octobre|october|oct', 10],
  ['novembre|november|nov', 11],
  ['d[ée]cembre|december|dec', 12],
];
const WEEKDAYS: ReadonlyArray<readonly [string, string]> = [
  ['monday|lundi|الاثنين|الإثنين|tnin|letnin', 'monday'],
  ['tuesday|mardi|الثلاثاء|tlat', 'tuesday'],
  ['wednesday|mercredi|الأربعاء|الاربعاء|larb3|larb3a', 'wednesday'],
  ['thursday|jeudi|الخميس|lkhmis|khmis', 'thursday'],
  ['friday|vendredi|الجمعة|الجمعه|jem3a|ljem3a|jm3a|ljm3a|ljoum3a', 'friday'],
  ['saturday|samedi|السبت|sebt|ssebt', 'saturday'],
  ['sunday|dimanche|الأحد|الاحد|l7ed|lhed', 'sunday'],
];
const BEFORE_DATE =
  "(?:before|by|until|no later than|deadline:?|due(?: date)?:?|avant(?: le)?|au plus tard(?: le)?|jusqu['’]?au|d['’]ici(?: le)?|date limite(?: de paiement)?\\s?:?|[ée]ch[ée]ance\\s?:?|قبل|9bel|qbel|kbel)";

const R = String.raw`(?![\p{L}\p{N}])`;
const alternatives = (list: ReadonlyArray<readonly [string, unknown]>): string =>
  list.map(([w]) => w).join('|');

/**
 * Anchors first, context second: the distinctive part of a deadline (a number and a unit, a date,
 * "tonight", a weekday) is found with patterns that start with a digit or a short word list, then
 * the words before it are checked ("within", "avant", "قبل"). Patterns that start with a long list
 * of words tried at every position cost ten times more on ordinary text.
 */
const DIGIT_ANCHORS = new RegExp(
  [
    `(?<count>\\d{1,3})\\s{0,2}(?:(?<hours>${(UNITS[0] as readonly [string, string])[0]})|(?<minutes>${(UNITS[1] as readonly [string, string])[0]})|(?<days>${(UNITS[2] as readonly [string, string])[0]})|(?<weeks>${(UNITS[3] as readonly [string, string])[0]}))${R}`,
    `(?<day>\\d{1,2})[/.-](?<month>\\d{1,2})(?:[/.-]\\d{2,4})?${R}`,
    `(?<wday>\\d{1,2})(?:er)?\\s(?<monthName>${alternatives(MONTHS)})${R}`,
  ].join('|'),
  'iuy',
);
const WORD_ANCHORS = new RegExp(
  [
    `(?<wordCount>one|two|three|an?|une?|deux|trois|jouj|tlata|wa7d|wahed)\\s{1,2}(?:(?<wHours>${(UNITS[0] as readonly [string, string])[0]})|(?<wMinutes>${(UNITS[1] as readonly [string, string])[0]})|(?<wDays>${(UNITS[2] as readonly [string, string])[0]})|(?<wWeeks>${(UNITS[3] as readonly [string, string])[0]}))${R}`,
    `(?<monthFirst>${alternatives(MONTHS)})\\s(?<mfDay>\\d{1,2})(?:st|nd|rd|th)?${R}`,
    // "يوم الخميس", "nhar jem3a": the day named, before "يوم" alone reads as one day.
    `(?:(?:يوم|نهار|nhar)\\s)?(?<weekday>${alternatives(WEEKDAYS)})${R}`,
    `(?<bare>أسبوع|اسبوع|ساعة|ساعه|يوم|شهر|simana|sa3a|nhar)${R}`,
    `(?<dual>${alternatives(DUALS)})${R}`,
    `(?<named>${alternatives(NAMED)})${R}`,
    `(?<single>hour|heure|day|jour|journée|minute)${R}`,
  ].join('|'),
  'iuy',
);
const WORD_ANCHOR_SOURCES = [
  `(?:one|two|three|an?|une?|deux|trois|jouj|tlata|wa7d|wahed)\\s(?:${UNITS.map(([words]) => words).join('|')})`,
  alternatives(DUALS),
  alternatives(NAMED),
  alternatives(WEEKDAYS),
  '(?:يوم|نهار|nhar)',
  alternatives(MONTHS),
  'hour|heure|day|jour|journée|minute',
  'أسبوع|اسبوع|ساعة|ساعه|يوم|شهر|simana|sa3a|nhar',
];
const WORD_ANCHOR_FIRST = firstWordsOf(WORD_ANCHOR_SOURCES);
const WORD_ANCHOR_NEXT = followingWordsOf(WORD_ANCHOR_SOURCES);
const WORD_ANCHOR_HASHES = wordHashesOf(WORD_ANCHOR_FIRST);
/** First words so common ("a", "the", "la") that the word after them is checked before the pattern. */
const COMMON_FIRST = new Set([
  'a',
  'an',
  'un',
  'une',
  'one',
  'two',
  'three',
  'deux',
  'trois',
  'the',
  'la',
  'ce',
  'cette',
  'end',
  'fin',
  'had',
  'nos',
  'ns',
  'jouj',
  'tlata',
]);
/** First letters (lower case) of the time units and of the month names. */
const UNIT_FIRST = new Set(
  [...firstWordsOf(UNITS.map(([words]) => words))].map((w) => w.charCodeAt(0)),
);
const MONTH_FIRST = new Set(
  [...firstWordsOf(MONTHS.map(([words]) => words))].map((w) => w.charCodeAt(0)),
);

/**
 * Whether a number-anchored deadline can start at the run of digits at `start`: at most three
 * digits followed (after up to two spaces) by a unit's first letter, or at most two digits
 * followed by a date separator or a month. Most runs of digits (prices, phone numbers, IBANs)
 * fail this at once, without trying the pattern.
 */
function mayAnchorAt(text: string, start: number): boolean {
  let end = start;
  while (end < text.length && end - start <= 3 && isAsciiDigit(text.charCodeAt(end))) end++;
  const digits = end - start;
  if (digits > 3) return false;
  const right = text.charCodeAt(end);
  if (
    digits <= 2 &&
    (right === 0x2f || right === 0x2e || right === 0x2d || right === 0x65 || right === 0x45)
  )
    return true; // "30/06", "30.06", "30-06", "1er juin"
  let at = end;
  while (at < text.length && at - end < 2 && isSpace(text.charCodeAt(at))) at++;
  const next = lowerCode(text.charCodeAt(at));
  return UNIT_FIRST.has(next) || (digits <= 2 && at > end && MONTH_FIRST.has(next));
}

/** Local references: these are called per character, and an imported binding is a getter under tsx. */
const isSpace = isSpaceCode;
const isWord = isWordCode;

function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function lowerCode(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/** What may stand right before each kind of anchor: whole phrases, tested against the words before it. */
const LIMIT_EXACT = new RegExp(
  `^(${LIMIT_WORDS.join('|')})(?:\\s(?:exactly|only|just|seulement|juste|exactement))?$`,
  'iu',
);
const NAMED_EXACT = new RegExp(`^${BEFORE_NAMED}$`, 'iu');
const DATE_EXACT = new RegExp(`^${BEFORE_DATE}$`, 'iu');
const NEXT_EXACT =
  /^(?:(?:with)?in the next|in the|within the|the next|dans l['’]|dans la prochaine)$/iu;
/** The longest limit phrase, in words ("au plus tard le", "in the next"). */
const MAX_PHRASE_WORDS = 5;

/**
 * The longest phrase of up to five words ending right before `anchor` (after at most two spaces
 * and a colon) that `exact` matches whole: its start and its first capture. Anchoring both ends
 * keeps this to a handful of cheap tests, where a pattern searched backwards would be tried at
 * every position of the window.
 */
function phraseBefore(
  text: string,
  anchor: number,
  exact: RegExp,
): { start: number; word: string } | undefined {
  let end = anchor;
  let skipped = 0;
  while (
    end > 0 &&
    skipped < 4 &&
    (text.charCodeAt(end - 1) === 58 || isSpace(text.charCodeAt(end - 1)))
  ) {
    end--;
    skipped++;
  }
  let best: { start: number; word: string } | undefined;
  let start = end;
  for (let words = 0; words < MAX_PHRASE_WORDS && start > 0; words++) {
    while (start > 0 && !isSpace(text.charCodeAt(start - 1))) start--;
    let from = start;
    while (from < end && !isWord(text.charCodeAt(from))) from++; // "(within" → "within"
    const match = exact.exec(text.slice(from, end));
    if (match !== null) best = { start: from, word: (match[1] ?? match[0]).toLowerCase() };
    if (start === 0 || text.charAt(start - 1) === '\n') break;
    start--; // the space between two words
  }
  return best;
}

/**
 * Adds the deadline anchored at [anchor, end) when a limit phrase (`before`) precedes it; a named
 * time without one goes to the loose deadlines. Module-level functions rather than closures in
 * `findDeadlines`: under tsx (keepNames) each named closure costs a defineProperty call.
 */
function pushDeadline(
  context: DetectionContext,
  found: Candidate[],
  anchor: number,
  end: number,
  before: RegExp,
  normalized: string | ((limitWord: string) => string),
): void {
  const { text } = context;
  if (!startsWord(text, anchor)) return;
  const phrase = phraseBefore(text, anchor, before);
  if (phrase === undefined) {
    // "… 3000 dh ce soir", "pay the fee today": a named time on its own is a deadline only in
    // a demand's sentence, which the caller can tell (see `DetectionContext.looseDeadlines`).
    // Tomorrow is left out: "je te rembourse demain" is a promise more often than a limit.
    if (before === NAMED_EXACT && typeof normalized === 'string' && normalized !== 'tomorrow') {
      context.looseDeadlines?.push({
        type: 'deadline',
        normalized,
        valid: true,
        start: anchor,
        end,
      });
    }
    return;
  }
  const value = typeof normalized === 'function' ? normalized(phrase.word) : normalized;
  found.push({ type: 'deadline', normalized: value, valid: true, start: phrase.start, end });
}

/** Whether a word-anchored deadline may start at word `index` (`word`, lower-cased). */
function mayStartAnchor(words: WordList, word: string, index: number): boolean {
  if (!WORD_ANCHOR_FIRST.has(word)) return false;
  if (!COMMON_FIRST.has(word)) return true;
  const next = words.lower(index + 1);
  return next !== undefined && (WORD_ANCHOR_NEXT.get(word)?.has(next) ?? false);
}

/**
 * Finds deadlines in the identifier view.
 *
 * @example
 * findDeadlines({ text: 'tu as 24h pour payer', … });
 * // [{ type: 'deadline', normalized: 'PT24H', valid: true, start: 0, end: 9 }]
 */
export function findDeadlines(context: DetectionContext): Candidate[] {
  const { text } = context;
  const found: Candidate[] = [];
  for (const m of matchAtDigits(
    text,
    context.digitStarts.filter((d) => mayAnchorAt(text, d)),
    DIGIT_ANCHORS,
  )) {
    if (found.length >= DETECTOR_LIMIT) break;
    const g = m.groups ?? {};
    const end = m.index + m[0].length;
    if (g['count'] !== undefined) {
      const count = Number(g['count']);
      if (count === 0) continue;
      const designator =
        g['hours'] !== undefined
          ? 'H'
          : g['minutes'] !== undefined
            ? 'M'
            : g['weeks'] !== undefined
              ? 'W'
              : 'D';
      const duration = isoDuration(count, designator);
      pushDeadline(context, found, m.index, end, LIMIT_EXACT, (limit) =>
        designator === 'H' && isClockTime(limit, count, g['hours'] as string)
          ? `T${pad(count)}:00`
          : duration,
      );
    } else if (g['day'] !== undefined) {
      // Day first (most of the world); month first when that is the only reading (US "06/30").
      let day = Number(g['day']);
      let month = Number(g['month']);
      if (month > 12 && day <= 12) [day, month] = [month, day];
      if (day >= 1 && day <= 31 && month >= 1 && month <= 12)
        pushDeadline(context, found, m.index, end, DATE_EXACT, `--${pad(month)}-${pad(day)}`);
    } else if (g['wday'] !== undefined) {
      const month = lookup(MONTHS, g['monthName'] as string);
      const day = Number(g['wday']);
      if (month !== undefined && day >= 1 && day <= 31)
        pushDeadline(context, found, m.index, end, DATE_EXACT, `--${pad(month)}-${pad(day)}`);
    }
  }
  const words = context.words;

  for (const m of matchAtWords(
    text,
    words,
    WORD_ANCHORS,
    (word, index) => mayStartAnchor(words, word, index),
    WORD_ANCHOR_HASHES,
  )) {
    if (found.length >= DETECTOR_LIMIT) break;
    const g = m.groups ?? {};
    const end = m.index + m[0].length;
    if (found.some((f) => m.index < f.end && f.start < end)) continue;
    if (g['wordCount'] !== undefined) {
      const count = NUMBER_WORDS.get(g['wordCount'].toLowerCase()) ?? 1;
      const designator =
        g['wHours'] !== undefined
          ? 'H'
          : g['wMinutes'] !== undefined
            ? 'M'
            : g['wWeeks'] !== undefined
              ? 'W'
              : 'D';
      pushDeadline(context, found, m.index, end, LIMIT_EXACT, isoDuration(count, designator));
    } else if (g['monthFirst'] !== undefined) {
      const month = lookup(MONTHS, g['monthFirst']);
      const day = Number(g['mfDay']);
      if (month !== undefined && day >= 1 && day <= 31)
        pushDeadline(context, found, m.index, end, DATE_EXACT, `--${pad(month)}-${pad(day)}`);
    } else if (g['bare'] !== undefined) {
      // "خلال أسبوع", "f nhar": one unit, no number.
      const unit = g['bare'];
      const designator = /^(?:أسبوع|اسبوع|simana)$/u.test(unit)
        ? 'W'
        : /^(?:يوم|nhar)$/u.test(unit)
          ? 'D'
          : unit === 'شهر'
            ? 'MO'
            : 'H';
      pushDeadline(
        context,
        found,
        m.index,
        end,
        LIMIT_EXACT,
        designator === 'MO' ? 'P1M' : isoDuration(1, designator),
      );
    } else if (g['dual'] !== undefined) {
      const normalized = lookup(DUALS, g['dual']);
      if (normalized !== undefined)
        pushDeadline(context, found, m.index, end, LIMIT_EXACT, normalized);
    } else if (g['named'] !== undefined) {
      const normalized = lookup(NAMED, g['named']);
      if (normalized !== undefined)
        pushDeadline(context, found, m.index, end, NAMED_EXACT, normalized);
    } else if (g['weekday'] !== undefined) {
      const normalized = lookup(WEEKDAYS, g['weekday']);
      if (normalized !== undefined)
        pushDeadline(context, found, m.index, end, DATE_EXACT, normalized);
    } else if (g['single'] !== undefined) {
      const unit = g['single'].toLowerCase();
      const normalized = /^(?:day|jour|journée)$/u.test(unit)
        ? 'P1D'
        : unit === 'minute'
          ? 'PT1M'
          : 'PT1H';
      pushDeadline(context, found, m.index, end, NEXT_EXACT, normalized);
    }
  }
  return sortByStart(found);
}

/**
 * "avant 20h" is 8 pm, "avant 48h" is two days: after "before", an hour written as "h" that is not
 * a usual duration (1, 2, 3, 6, 12, 24, 48, 72) reads as a time of day.
 */
function isClockTime(limitWord: string, count: number, unit: string): boolean {
  const before = /^(?:avant|before|by|until|قبل|9bel|qbel|kbel)$/u.test(limitWord);
  return before && /^h$/i.test(unit) && count <= 23 && ![1, 2, 3, 6, 12].includes(count);
}

/** Compiled once per table: the exact-match pattern of each row. */
const compiledTables = new WeakMap<object, ReadonlyArray<readonly [RegExp, unknown]>>();
/** Per table, the answers given so far by word: the rows' patterns are tried once per spelling. */
const answers = new WeakMap<object, Map<string, unknown>>();
/** Spellings remembered per table (a hostile text could write "ToNiGhT" in every case). */
const ANSWERS_LIMIT = 4096;

/** The value of the first entry whose alternatives match `word` exactly. */
function lookup<T>(table: ReadonlyArray<readonly [string, T]>, word: string): T | undefined {
  let known = answers.get(table);
  if (known === undefined) answers.set(table, (known = new Map<string, unknown>()));
  if (known.has(word)) return known.get(word) as T | undefined;
  let compiled = compiledTables.get(table) as ReadonlyArray<readonly [RegExp, T]> | undefined;
  if (compiled === undefined) {
    compiled = table.map(([words, value]) => [new RegExp(`^(?:${words})$`, 'iu'), value] as const);
    compiledTables.set(table, compiled);
  }
  let found: T | undefined;
  for (const [pattern, value] of compiled) {
    if (pattern.test(word)) {
      found = value;
      break;
    }
  }
  if (known.size >= ANSWERS_LIMIT) known.clear();
  known.set(word, found);
  return found;
}

function isoDuration(count: number, designator: string): string {
  return designator === 'D' || designator === 'W'
    ? `P${count}${designator}`
    : `PT${count}${designator}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
