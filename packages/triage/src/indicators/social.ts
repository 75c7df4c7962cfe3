/**
 * Social handles written in text: "skype: live:.cid.4f2a…", "mon snap c'est lina_x22",
 * "insta @lina.b", "سناب ديالي: lina_x". Profile links are found by `url.ts`.
 */
import type { SocialService } from '../types.ts';
import type { Candidate, DetectionContext } from './candidate.ts';
import { DETECTOR_LIMIT, firstWordsOf, matchAtWords, wordHashesOf } from './candidate.ts';

const SERVICE_WORDS: ReadonlyArray<readonly [SocialService, string]> = [
  ['skype', 'skype|سكايب|سكيب'],
  ['snapchat', 'snapchat|snap|سنابشات|سناب'],
  ['instagram', 'instagram|insta|ig|انستغرام|انستقرام|انستا'],
  ['telegram', 'telegram|t[eé]l[eé]gram|tg|تيليجرام|تلغرام|تيليغرام'],
  ['facebook', 'facebook|fb|فيسبوك|فايسبوك'],
  ['tiktok', 'tik\\s?tok|تيك\\s?توك'],
  ['discord', 'discord'],
];

/** Words that may sit between the network's name and the handle: "my skype id is …", "Skype ? ajoute moi : …". */
const FILLER = String.raw`(?:id|name|username|user|pseudo|handle|account|compte|profile?|my|mon|ma|dyali|diali|dialy|ديالي|is|est|c['’]?est|howa|هو|add|ajoute|ajoutez|rajoute|zidni|زيدني|ضيفني|me|moi)`;
const HANDLE = String.raw`(live:[.\w-]{2,60}|[A-Za-z0-9][\w.-]{0,38}[A-Za-z0-9_])`;

/** One pattern, tried at word starts: the network's name (one named group each), then the handle. */
const HANDLE_AFTER_SERVICE = new RegExp(
  `(?:${SERVICE_WORDS.map(([service, words]) => `(?<${service}>${words})`).join('|')})(?![\\p{L}\\p{N}])\\s*[,?!]?\\s*((?:${FILLER}\\s*){0,3})([:=\\-–—>→]\\s*)?(@?)${HANDLE}`,
  'iuy',
);

const SERVICE_FIRST = firstWordsOf(SERVICE_WORDS.map(([, words]) => words));
const SERVICE_HASHES = wordHashesOf(SERVICE_FIRST);

/** A Skype id is recognisable on its own. */
const SKYPE_ID = /(?<![\w.])live:(?:\.cid\.[0-9a-f]{6,32}|[a-z0-9][\w.-]{1,40}[a-z0-9_])/gi;

/**
 * Finds social handles in the identifier view.
 *
 * @example
 * findSocialHandles({ text: 'add me on snap: lina_x22', … });
 * // [{ type: 'social', service: 'snapchat', normalized: 'snapchat:lina_x22', valid: true, … }]
 */
export function findSocialHandles(context: DetectionContext): Candidate[] {
  const found: Candidate[] = [];
  for (const match of matchAtWords(
    context.text,
    context.words,
    HANDLE_AFTER_SERVICE,
    (w) => SERVICE_FIRST.has(w),
    SERVICE_HASHES,
  )) {
    const service = SERVICE_WORDS.find(([name]) => match.groups?.[name] !== undefined)?.[0];
    if (service === undefined) continue;
    const tail = match.slice(-4);
    const fillers = tail[0] ?? '';
    const separator = tail[1] ?? '';
    const at = tail[2] ?? '';
    const handle = tail[3] as string;
    const saysIs = /(?:is|est|c['’]?est|howa|هو)\s*$/iu.test(fillers);
    const handleLike = /[\d._]/.test(handle) || handle.startsWith('live:');
    if (!(at !== '' || separator !== '' || (saysIs && handleLike))) continue;
    if (/^(?:me|moi|com|www|http|https)$/i.test(handle)) continue;
    const end = match.index + match[0].length;
    found.push({
      type: 'social',
      service,
      normalized: `${service}:${handle.toLowerCase()}`,
      valid: true,
      start: end - handle.length - at.length,
      end,
    });
  }
  if (!context.lower.includes('live:')) return found;
  for (const match of context.text.matchAll(SKYPE_ID)) {
    if (found.length >= DETECTOR_LIMIT) break;
    found.push({
      type: 'social',
      service: 'skype',
      normalized: `skype:${match[0].toLowerCase()}`,
      valid: true,
      start: match.index,
      end: match.index + match[0].length,
    });
  }
  return found;
}
