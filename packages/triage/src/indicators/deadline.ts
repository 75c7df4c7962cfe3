/**
 * Deadlines: a time limit ("within 48 hours", "dans les 24h", "3ndk 24 sa3a", "خلال 48 ساعة",
 * "before midnight", "avant demain", "قبل غدا") or a date ("avant le 30 juin", "by 15/06").
 * Normalised to an ISO 8601 duration (PT48H, P2D), a named time (tonight, midnight, tomorrow,
 * end-of-day), a weekday (friday) or a date without year (--06-30).
 */
import type { Candidate, DetectionContext } from './candidate.ts';

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
];

/** Time units and the ISO 8601 designator they become. */
const UNITS: ReadonlyArray<readonly [string, 'H' | 'M' | 'D']> = [
  ['hours?|hrs?|heures?|h|ساعات|ساعة|ساعه|sa3at|sa3a|swaye3|swaya3|sa3āt', 'H'],
  ['minutes?|mins?|min|mn|دقائق|دقايق|دقيقة|دقيقه|d9i9a|d9aye9|dqiqa|dqayeq|dkika', 'M'],
  ['days?|jours?|j|أيام|ايام|يوم|iyam|ayam|nhar|youm|yoma', 'D'],
];
/** Dual forms: "ساعتين" (two hours), "يومين" (two days), "sa3tin", "jouj sa3at" is 2 + unit. */
const DUALS: ReadonlyArray<readonly [string, string]> = [
  ['ساعتين|sa3tin|s3atin', 'PT2H'],
  ['يومين|yumayn|youmayn|jouj iyam|jouj ayam', 'P2D'],
];
const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['one', 1], ['a', 1], ['an', 1], ['two', 2], ['three', 3], ['un', 1], ['une', 1], ['deux', 2],
  ['trois', 3], ['jouj', 2], ['tlata', 3], ['wa7d', 1], ['wahed', 1],
]);

/** Named moments after "before / avant / قبل / 9bel / by / until / jusqu'à / d'ici". */
const NAMED: ReadonlyArray<readonly [string, string]> = [
  ['tonight|ce soir|cette nuit|الليلة|الليله|الليل|lil|llil|had lil|l3chiya|العشية|العشيه', 'tonight'],
  ['midnight|minuit|منتصف الليل|nos lil|ns lil', 'midnight'],
  ['tomorrow|demain|غدا|لغدا|غدوة|غدوه|ghda|ghedda|ghadda|gheda', 'tomorrow'],
  [
    "the end of (?:the )?day|end of (?:the )?day|la fin de (?:la )?journ[ée]e|fin de journ[ée]e|نهاية اليوم",
    'end-of-day',
  ],
];
const BEFORE_NAMED =
  "(?:before|by|until|till|avant|jusqu['’]?[àa]|d['’]ici|قبل|حتى|حتال|9bel|qbel|kbel|m3a|7ta|hta)";

const MONTHS: ReadonlyArray<readonly [string, number]> = [
  ['janvier|january|jan', 1], ['f[ée]vrier|february|feb', 2], ['mars|march|mar', 3],
  ['avril|april|apr', 4], ['mai|may', 5], ['juin|june|jun', 6], ['juillet|july|jul', 7],
  ['ao[uû]t|august|aug', 8], ['septembre|september|sept?', 9], ['octobre|october|oct', 10],
  ['novembre|november|nov', 11], ['d[ée]cembre|december|dec', 12],
];
const WEEKDAYS: ReadonlyArray<readonly [string, string]> = [
  ['monday|lundi', 'monday'], ['tuesday|mardi', 'tuesday'], ['wednesday|mercredi', 'wednesday'],
  ['thursday|jeudi', 'thursday'], ['friday|vendredi', 'friday'], ['saturday|samedi', 'saturday'],
  ['sunday|dimanche', 'sunday'],
  ['الاثنين|الإثنين|tnin|letnin', 'monday'],
  ['الثلاثاء|tlat|tlata', 'tuesday'],
  ['الأربعاء|الاربعاء|larb3|larb3a', 'wednesday'],
  ['الخميس|lkhmis|khmis', 'thursday'],
  ['الجمعة|الجمعه|jem3a|ljem3a|jm3a|ljm3a|ljoum3a', 'friday'],
  ['السبت|sebt|ssebt', 'saturday'],
  ['الأحد|الاحد|l7ed|lhed', 'sunday'],
];
const BEFORE_DATE =
  "(?:before|by|until|no later than|deadline:?|due(?: date)?:?|avant(?: le)?|au plus tard(?: le)?|jusqu['’]?au|d['’]ici(?: le)?|date limite(?: de paiement)?\\s?:?|[ée]ch[ée]ance\\s?:?|قبل|9bel|qbel|kbel)";

const L = String.raw`(?<![\p{L}\p{N}])`;
const R = String.raw`(?![\p{L}\p{N}])`;
const LIMIT = `(?:${LIMIT_WORDS.join('|')})(?:\\s(?:exactly|only|just|seulement|juste|exactement))?`;
const UNIT = UNITS.map(([words]) => `(${words})`).join('|');
const RELATIVE = new RegExp(
  `${L}${LIMIT}\\s{0,2}(\\d{1,3}|one|two|three|a|an|un|une|deux|trois|jouj|tlata|wa7d|wahed)\\s{0,2}(?:${UNIT})${R}`,
  'giu',
);
/** "in the next hour", "within the hour", "dans l'heure": one unit without a number. */
const NEXT_UNIT = new RegExp(
  `${L}(?:(?:with)?in the next|in the|within the|the next|dans l['’]|dans la prochaine|dans les prochaines|خلال ال|في غضون)\\s?(hour|heure|ساعة|ساعه|day|jour|journée|يوم|minute)${R}`,
  'giu',
);
const DUAL = new RegExp(`${L}${LIMIT}\\s{0,2}(${DUALS.map(([w]) => w).join('|')})${R}`, 'giu');
const NAMED_PATTERN = new RegExp(
  `${L}${BEFORE_NAMED}\\s{0,2}(${NAMED.map(([w]) => w).join('|')})${R}`,
  'giu',
);
const NUMERIC_DATE = new RegExp(`${L}${BEFORE_DATE}\\s{0,2}(\\d{1,2})[/.-](\\d{1,2})(?:[/.-]\\d{2,4})?${R}`, 'giu');
const WORD_DATE = new RegExp(
  `${L}${BEFORE_DATE}\\s{0,2}(\\d{1,2})(?:er)?\\s(${MONTHS.map(([w]) => w).join('|')})${R}`,
  'giu',
);
const WEEKDAY = new RegExp(`${L}${BEFORE_DATE}\\s{0,2}(${WEEKDAYS.map(([w]) => w).join('|')})${R}`, 'giu');

/**
 * Finds deadlines in the identifier view.
 *
 * @example
 * findDeadlines({ text: 'tu as 24h pour payer', … });
 * // [{ type: 'deadline', normalized: 'PT24H', valid: true, start: 0, end: 9 }]
 */
export function findDeadlines(context: DetectionContext): Candidate[] {
  const found: Candidate[] = [];
  const push = (start: number, end: number, normalized: string): void => {
    if (found.some((f) => start < f.end && f.start < end)) return;
    found.push({ type: 'deadline', normalized, valid: true, start, end });
  };
  for (const m of context.text.matchAll(RELATIVE)) {
    const count = /^\d+$/.test(m[1] as string)
      ? Number(m[1])
      : (NUMBER_WORDS.get((m[1] as string).toLowerCase()) ?? 1);
    const unit = m[2] !== undefined ? 'H' : m[3] !== undefined ? 'M' : 'D';
    if (count === 0) continue;
    push(m.index, m.index + m[0].length, unit === 'D' ? `P${count}D` : `PT${count}${unit}`);
  }
  for (const m of context.text.matchAll(NEXT_UNIT)) {
    const unit = (m[1] as string).toLowerCase();
    const normalized = /^(?:day|jour|journée|يوم)$/.test(unit)
      ? 'P1D'
      : /^minute$/.test(unit)
        ? 'PT1M'
        : 'PT1H';
    push(m.index, m.index + m[0].length, normalized);
  }
  for (const m of context.text.matchAll(DUAL)) {
    const word = (m[1] as string).toLowerCase();
    const entry = DUALS.find(([words]) => new RegExp(`^(?:${words})$`, 'iu').test(word));
    if (entry !== undefined) push(m.index, m.index + m[0].length, entry[1]);
  }
  for (const m of context.text.matchAll(NAMED_PATTERN)) {
    const word = (m[1] as string).toLowerCase();
    const entry = NAMED.find(([words]) => new RegExp(`^(?:${words})$`, 'iu').test(word));
    if (entry !== undefined) push(m.index, m.index + m[0].length, entry[1]);
  }
  for (const m of context.text.matchAll(NUMERIC_DATE)) {
    // Day first (most of the world); month first when that is the only reading (US "06/30").
    let day = Number(m[1]);
    let month = Number(m[2]);
    if (month > 12 && day <= 12) [day, month] = [month, day];
    if (day >= 1 && day <= 31 && month >= 1 && month <= 12) {
      push(m.index, m.index + m[0].length, `--${pad(month)}-${pad(day)}`);
    }
  }
  for (const m of context.text.matchAll(WORD_DATE)) {
    const day = Number(m[1]);
    const monthWord = (m[2] as string).toLowerCase();
    const month = MONTHS.find(([words]) => new RegExp(`^(?:${words})$`, 'iu').test(monthWord));
    if (month !== undefined && day >= 1 && day <= 31) {
      push(m.index, m.index + m[0].length, `--${pad(month[1])}-${pad(day)}`);
    }
  }
  for (const m of context.text.matchAll(WEEKDAY)) {
    const word = (m[1] as string).toLowerCase();
    const day = WEEKDAYS.find(([words]) => new RegExp(`^(?:${words})$`, 'iu').test(word));
    if (day !== undefined) push(m.index, m.index + m[0].length, day[1]);
  }
  return found.sort((a, b) => a.start - b.start);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
