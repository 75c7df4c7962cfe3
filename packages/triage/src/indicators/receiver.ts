/**
 * Money-transfer receivers: the name and city a blackmailer dictates for a Western Union, MoneyGram,
 * Wafacash or Cash Plus transfer ("au nom de : Youssef El Amrani, ville : Oued Zem"). Every transfer
 * has its own MTCN, but the ring's collectors and their cities recur from victim to victim: the
 * receiver is what links them. A name is read only after a label ("nom", "receiver", "الاسم",
 * "smiya"…), only in a message that speaks of a transfer, and only with a city (labelled, or a city
 * known from the reporting on these rings): a name alone is too weak a lead.
 */
import type { TransferService } from '../types.ts';
import type { Candidate, DetectionContext } from './candidate.ts';
import { DETECTOR_LIMIT, firstWordsOf, matchAtWords, wordHashesOf } from './candidate.ts';

/** Services, as in transfer.ts; a receiver carries the one the message names, if any. */
const SERVICES: ReadonlyArray<readonly [TransferService, RegExp]> = [
  ['western-union', /western\s?union|\bwu\b|mtcn|ويسترن|وسترن/iu],
  ['moneygram', /money\s?gram|موني\s?[غك]رام|مونيغرام/iu],
  ['wafacash', /wafa\s?cash|وفا\s?كاش|وفاكاش/iu],
  ['cash-plus', /cash\s?plus|كاش\s?بل(?:و)?س/iu],
  ['damane-cash', /damane\s?cash|ضمان\s?كاش/iu],
  ['barid-cash', /barid\s?cash|بريد\s?كاش/iu],
  ['ria', /\bria\s+money/iu],
  ['worldremit', /world\s?remit/iu],
];

/** Plain searches that tell a message speaking of a transfer, before any pattern runs. */
const TRANSFER_HINTS = [
  'western',
  'wu',
  'mtcn',
  'money',
  'wafa',
  'cash',
  'ria',
  'remit',
  'transf',
  'envo',
  'send',
  'sent',
  'wire',
  'virement',
  'pay',
  'pai',
  'sift',
  'seft',
  '7awel',
  'hawel',
  'ويسترن',
  'وسترن',
  'موني',
  'وفا',
  'كاش',
  'حول',
  'تحويل',
  'رسل',
  'صيفط',
];

/** The labels a receiver's name follows, whole phrases, tried at the words that start them. */
const NAME_LABELS = [
  'nom et pr[ée]nom',
  'nom complet',
  'nom du b[ée]n[ée]ficiaire',
  'nom du destinataire',
  'nom du receveur',
  'nom',
  'au nom de',
  'b[ée]n[ée]ficiaire',
  'destinataire',
  'receveur',
  "receiver(?:'s)?(?: full)?(?: name)?",
  "recipient(?:'s)?(?: full)?(?: name)?",
  "beneficiary(?:'s)?(?: full)?(?: name)?",
  'full name',
  'in the name of',
  'name',
  'اسم المستفيد',
  'الاسم الكامل',
  'الاسم',
  'المستفيد',
  'باسم',
  'السمية',
  'سمية',
  'smiya',
  'smya',
  'smiyt',
  'smiyto',
  'smitou',
];
const NAME_LABEL = new RegExp(
  `(?:${NAME_LABELS.join('|')})(?![\\p{L}\\p{N}])\\s*(?:de\\s+)?[:=\\-–]?\\s*`,
  'iuy',
);
const NAME_LABEL_FIRST = firstWordsOf(NAME_LABELS);
const NAME_LABEL_HASHES = wordHashesOf(NAME_LABEL_FIRST);

/** Two to four words: capitalised Latin words (particles allowed), or Arabic words. */
const LATIN_NAME =
  /^(\p{Lu}[\p{L}'’-]+(?: (?:\p{Lu}[\p{L}'’-]+|el|al|ben|ait|bin|ibn|de|da)){0,3})/u;
const ARABIC_NAME = /^([\u0621-\u064a]{2,}(?: [\u0621-\u064a]{2,}){0,3})/u;
/** "Nom : EL AMRANI  Prénom : Youssef": the first name comes after its own label. */
const FIRST_NAME = /^[\s,;/|-]*(?:pr[ée]nom|first\s+name|الاسم\s+الشخصي)\s*[:=\-–]?\s*/iu;

/** Words that end a name: the next label, a connector, a place preposition. */
const NAME_STOP =
  /^(?:ville|city|town|pays|country|pr[ée]nom|first|à|a|in|au|en|fi|f|من|في|ف|لمدينة|المدينة|مدينة|و)$/iu;

const CITY_LABEL =
  /(?:\bville\b|\bcity\b|\btown\b|المدينة|مدينة|\blmdina\b|\bmdina\b)\s*(?:de\s+)?[:=\-–]?\s*([\p{L}'’-]+(?:[ \t-]+[\p{L}'’-]+)?)/iu;

/** Cities that recur in public reporting on these rings, in the spellings victims see. */
const KNOWN_CITIES =
  /oued[\s-]?zem|wad[\s-]?zem|وادي?\s?زم|khouribga|خريبكة|b[ée]ni[\s-]?mellal|بني\s?ملال|fquih[\s-]ben[\s-]salah|casablanca|الدار\s?البيضاء|marrakech|مراكش|f[èe]s|فاس|rabat|الرباط|tanger|طنجة|agadir|أكادير|mekn[èe]s|oujda|abidjan|bouak[ée]|lagos|abuja|dakar|manila/iu;

/** How far after the name its city may be written, in characters. */
const CITY_REACH = 120;

/**
 * Finds receivers (a labelled name with a city) in the identifier view of a message that speaks
 * of a money transfer. `normalized` is `"<names>@<city>"`: names lower-cased without accents and
 * sorted (so "EL AMRANI Youssef" and "Youssef El Amrani" meet), city reduced to its letters with
 * the usual spellings merged ("Oued-Zem", "وادي زم" → `ouedzem`).
 *
 * @example
 * findReceivers({ text: 'Western Union au nom de : Youssef El Amrani, ville : Oued Zem', … });
 * // [{ type: 'receiver', normalized: 'amrani el youssef@ouedzem', city: 'Oued Zem',
 * //    service: 'western-union', valid: true, … }]
 */
export function findReceivers(context: DetectionContext): Candidate[] {
  const { text, lower } = context;
  if (!TRANSFER_HINTS.some((hint) => lower.includes(hint))) return [];
  const labels = matchAtWords(
    text,
    context.words,
    NAME_LABEL,
    (word) => NAME_LABEL_FIRST.has(word),
    NAME_LABEL_HASHES,
  );
  if (labels.length === 0) return [];
  // The service named, looked for once a receiver is found (most labels lead to none).
  let service: TransferService | undefined | null = null;
  const found: Candidate[] = [];
  for (const label of labels) {
    if (found.length >= DETECTOR_LIMIT) break;
    const start = label.index + label[0].length;
    const name = readFullName(text, start);
    if (name === undefined || !name.text.includes(' ')) continue;
    const city = cityAfter(text.slice(name.end, name.end + CITY_REACH));
    if (city === undefined) continue;
    const place = canonicalCity(city);
    if (place === '') continue;
    const normalized = `${canonicalNames(name.text)}@${place}`;
    if (found.some((receiver) => receiver.normalized === normalized)) continue;
    const end = name.end;
    if (service === null) service = SERVICES.find(([, pattern]) => pattern.test(text))?.[0];
    found.push(
      service === undefined
        ? { type: 'receiver', normalized, valid: true, city, start, end }
        : { type: 'receiver', normalized, valid: true, city, start, end, service },
    );
  }
  return found;
}

/** The name after a label, with a first name given after its own label ("Prénom : …"). */
function readFullName(text: string, start: number): { text: string; end: number } | undefined {
  const name = readName(text.slice(start, start + 80));
  if (name === undefined) return undefined;
  const end = start + name.length;
  const firstNameLabel = FIRST_NAME.exec(text.slice(end, end + 40));
  if (firstNameLabel !== null) {
    const from = end + firstNameLabel[0].length;
    const firstName = readName(text.slice(from, from + 80));
    if (firstName !== undefined)
      return { text: `${name} ${firstName}`, end: from + firstName.length };
  }
  return { text: name, end };
}

function readName(text: string): string | undefined {
  const match = LATIN_NAME.exec(text) ?? ARABIC_NAME.exec(text);
  if (match === null) return undefined;
  const words = (match[1] as string).split(' ');
  const stop = words.findIndex((word) => NAME_STOP.test(word));
  const kept = stop < 0 ? words : words.slice(0, stop);
  return kept.length > 0 ? kept.join(' ') : undefined;
}

/** The city written after the name: a labelled one, else a known one. */
function cityAfter(after: string): string | undefined {
  const labelled = CITY_LABEL.exec(after)?.[1];
  if (labelled !== undefined) return cityName(labelled);
  return KNOWN_CITIES.exec(after)?.[0];
}

/**
 * The city in the words after a "ville :" label: a known city if it starts there, else the first
 * word and a second one only when both are capitalised ("Sidi Kacem", not "Abidjan et").
 */
function cityName(words: string): string {
  const known = KNOWN_CITIES.exec(words);
  if (known?.index === 0) return known[0];
  const [first = '', second] = words.split(/[ \t]+/);
  return second !== undefined && /^\p{Lu}/u.test(second) && /^\p{Lu}/u.test(first)
    ? `${first} ${second}`
    : first;
}

/** Names lower-cased, without accents or punctuation, in alphabetical order. */
function canonicalNames(name: string): string {
  return fold(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '')
    .sort()
    .join(' ');
}

/** Spellings of the same city, after reduction to letters. */
const CITY_ALIASES: Readonly<Record<string, string>> = {
  واديزم: 'ouedzem',
  وادزم: 'ouedzem',
  wadzem: 'ouedzem',
  ouedzam: 'ouedzem',
  خريبكة: 'khouribga',
  بنيملال: 'benimellal',
  الدارالبيضاء: 'casablanca',
  casa: 'casablanca',
  darelbeida: 'casablanca',
  مراكش: 'marrakech',
  marrakesh: 'marrakech',
  فاس: 'fes',
  fez: 'fes',
  الرباط: 'rabat',
  طنجة: 'tanger',
  tangier: 'tanger',
  أكادير: 'agadir',
};

/**
 * A city reduced to its letters, with the usual alternative spellings merged (Latin and Arabic
 * script). Correlation keys receivers with it too, so both agree on what one city is.
 *
 * @example
 * canonicalCity('Oued-Zem') === canonicalCity('واديزم'); // true
 */
export function canonicalCity(city: string): string {
  const compact = fold(city).replace(/[^\p{L}\p{N}]+/gu, '');
  return CITY_ALIASES[compact] ?? compact;
}

/** Lower case without Latin diacritics, Arabic short vowels or tatweel (hamza kept on its letter). */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f\u064b-\u0652\u0640]/g, '')
    .normalize('NFC')
    .toLowerCase();
}
