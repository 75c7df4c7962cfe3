/**
 * Money-transfer receivers ("Nom : Youssef El Amrani, Ville : Oued Zem"): the one identifier of a
 * webcam-blackmail ring that survives from victim to victim when every transfer has its own MTCN.
 *
 * `@aman/triage` does not extract receivers yet, so this small adapter reads them from the message
 * text. It only reads labelled names ("nom", "name", "receiver", "الاسم", "smiya"…) in a message
 * that speaks of a transfer, and a city that is labelled or a known city near the name: a name
 * alone is too weak to link two victims. It belongs in triage; move it there when triage has it.
 */
import type { IndicatorInput } from '../types.ts';
import { canonicalReceiver, canonicalCity } from './canonical.ts';
import type { TransferChannel } from './facets.ts';

const SERVICES: ReadonlyArray<readonly [TransferChannel, RegExp]> = [
  ['western-union', /western\s?union|\bwu\b|mtcn|ويسترن|وسترن/iu],
  ['moneygram', /money\s?gram|موني\s?[غك]رام|مونيغرام/iu],
  ['wafacash', /wafa\s?cash|وفا\s?كاش/iu],
  ['cash-plus', /cash\s?plus|كاش\s?بل(?:و)?س/iu],
  ['damane-cash', /damane\s?cash|ضمان\s?كاش/iu],
  ['barid-cash', /barid\s?cash|بريد\s?كاش/iu],
  ['ria', /\bria\s+money|\bria\b(?=.{0,40}(?:transfer|envoi|transfert))/iu],
  ['worldremit', /world\s?remit/iu],
];

const TRANSFER_WORDS =
  /transf[eé]r|envoi|envo[iy]e|send|sent|wire|virement|pay|حول|تحويل|ارسل|أرسل|صيفط|sift|seft|7awel|hawel/iu;

const NAME_LABEL =
  /(?:nom\s+(?:et\s+pr[ée]nom|complet|du\s+(?:b[ée]n[ée]ficiaire|destinataire|receveur))|\bnom\b|au\s+nom\s+de|b[ée]n[ée]ficiaire|destinataire|receveur|(?:receiver|recipient|beneficiary)(?:'s)?(?:\s+full)?(?:\s+name)?|full\s+name|in\s+the\s+name\s+of|\bname\b|اسم\s+المستفيد|الاسم(?:\s+الكامل)?|المستفيد|باسم|السمية|سمية|\bsmiya\b|\bsmya\b|\bsmiyt\b)\s*[:=\-–]?\s*/giu;

/** Two to four words: capitalised Latin words, or Arabic words. */
const LATIN_NAME =
  /^([A-ZÀ-Ý][A-Za-zÀ-ÿ'’-]+(?: (?:[A-ZÀ-Ý][A-Za-zÀ-ÿ'’-]+|el|al|ben|ait|bin|ibn)){0,3})/u;
const ARABIC_NAME = /^([\u0621-\u064a]{2,}(?: [\u0621-\u064a]{2,}){0,3})/u;
/** "Nom : EL AMRANI  Prénom : Youssef": the first name comes after its own label. */
const FIRST_NAME = /^[\s,;/|-]*(?:pr[ée]nom|first\s+name|الاسم\s+الشخصي)\s*[:=\-–]?\s*/iu;

const CITY_LABEL =
  /(?:\bville\b|\bcity\b|\btown\b|المدينة|مدينة|\blmdina\b|\bmdina\b)\s*(?:de\s+)?[:=\-–]?\s*([A-Za-zÀ-ÿ'’-]+(?:[ \t-]+[A-Za-zÀ-ÿ'’-]+)?|[\u0621-\u064a]+(?:[ \t]+[\u0621-\u064a]+)?)/iu;

/** Cities that recur in public reporting on sextortion rings, in the spellings victims see. */
const KNOWN_CITIES =
  /oued[\s-]?zem|wad[\s-]?zem|وادي\s?زم|khouribga|خريبكة|b[ée]ni[\s-]?mellal|بني\s?ملال|fquih[\s-]ben[\s-]salah|casablanca|الدار\s?البيضاء|marrakech|مراكش|f[èe]s|فاس|rabat|الرباط|tanger|طنجة|agadir|أكادير|mekn[èe]s|oujda|abidjan|bouak[ée]|lagos|abuja|dakar|manila/iu;

/** Words that end a name: the next label, a connector, a place preposition. */
const NAME_STOP =
  /^(?:ville|city|town|pays|country|pr[ée]nom|first|à|a|in|au|en|fi|f|من|في|لمدينة|المدينة)$/iu;

/**
 * Receivers named in a message that speaks of a money transfer. Each is an indicator of type
 * `receiver` whose `normalized` value is the canonical `names@city` form used as a link key.
 *
 * @example
 * findReceivers("Western Union au nom de : Youssef El Amrani, ville : Oued Zem. Envoie 300 euros.");
 * // [{ type: 'receiver', value: 'Youssef El Amrani', normalized: 'amrani el youssef@ouedzem',
 * //    valid: true, span: [23, 40], city: 'Oued Zem', service: 'western-union' }]
 */
export function findReceivers(text: string): IndicatorInput[] {
  const service = SERVICES.find(([, pattern]) => pattern.test(text))?.[0];
  if (service === undefined && !TRANSFER_WORDS.test(text)) return [];
  const found: IndicatorInput[] = [];
  for (const label of text.matchAll(NAME_LABEL)) {
    const start = label.index + label[0].length;
    let name = readName(text.slice(start, start + 80));
    if (name === null) continue;
    let end = start + name.length;
    const firstNameLabel = FIRST_NAME.exec(text.slice(end, end + 40));
    if (firstNameLabel !== null) {
      const firstName = readName(text.slice(end + firstNameLabel[0].length, end + 120));
      if (firstName !== null) {
        name = `${name} ${firstName}`;
        end += firstNameLabel[0].length + firstName.length;
      }
    }
    if (!name.includes(' ')) continue;
    const after = text.slice(end, end + 120);
    const labelled = CITY_LABEL.exec(after)?.[1];
    const city = labelled === undefined ? KNOWN_CITIES.exec(after)?.[0] : cityName(labelled);
    if (city === undefined || canonicalCity(city) === '') continue;
    const normalized = canonicalReceiver(name, city);
    if (normalized === null) continue;
    if (found.some((receiver) => receiver.normalized === normalized)) continue;
    found.push({
      type: 'receiver',
      value: text.slice(start, end),
      normalized,
      valid: true,
      span: [start, end],
      city: city.trim(),
      ...(service === undefined ? {} : { service }),
    });
  }
  return found;
}

/**
 * The city in the words after a "ville :" label: a known city if it starts there, else the first
 * word and a second one only when it is capitalised too ("Sidi Kacem", not "Abidjan et").
 */
function cityName(words: string): string {
  const known = KNOWN_CITIES.exec(words);
  if (known?.index === 0) return known[0];
  const [first = '', second] = words.split(/[ \t]+/);
  return second !== undefined && /^\p{Lu}/u.test(second) && /^\p{Lu}/u.test(first)
    ? `${first} ${second}`
    : first;
}

function readName(text: string): string | null {
  const match = LATIN_NAME.exec(text) ?? ARABIC_NAME.exec(text);
  if (match === null) return null;
  const words = match[1]!.split(' ');
  const stop = words.findIndex((word) => NAME_STOP.test(word));
  const kept = stop < 0 ? words : words.slice(0, stop);
  return kept.length > 0 ? kept.join(' ') : null;
}
