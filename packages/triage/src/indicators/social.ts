/**
 * Social handles written in text: "skype: live:.cid.4f2a…", "mon snap c'est lina_x22",
 * "insta @lina.b", "سناب ديالي: lina_x". Profile links are found by `url.ts`.
 */
import type { SocialService } from '../types.ts';
import type { Candidate, DetectionContext } from './candidate.ts';

const SERVICE_WORDS: ReadonlyArray<readonly [SocialService, string]> = [
  ['skype', 'skype|سكايب|سكيب'],
  ['snapchat', 'snapchat|snap|سنابشات|سناب'],
  ['instagram', 'instagram|insta|ig|انستغرام|انستقرام|انستا'],
  ['telegram', 'telegram|t[eé]l[eé]gram|tg|تيليجرام|تلغرام|تيليغرام'],
  ['facebook', 'facebook|fb|فيسبوك|فايسبوك'],
  ['tiktok', 'tik\\s?tok|تيك\\s?توك'],
  ['discord', 'discord'],
];

/** Words that may sit between the network's name and the handle: "my skype id is …". */
const FILLER = String.raw`(?:id|name|username|user|pseudo|handle|account|compte|profile?|dyali|diali|dialy|ديالي|is|est|c['’]?est|howa|هو)`;
const HANDLE = String.raw`(live:[.\w-]{2,60}|[A-Za-z0-9][\w.-]{0,38}[A-Za-z0-9_])`;

const PATTERNS = SERVICE_WORDS.map(([service, words]) => ({
  service,
  pattern: new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${words})(?![\\p{L}\\p{N}])\\s*((?:${FILLER}\\s*){0,3})([:=\\-–—>→]\\s*)?(@?)${HANDLE}`,
    'giu',
  ),
}));

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
  for (const { service, pattern } of PATTERNS) {
    for (const match of context.text.matchAll(pattern)) {
      const fillers = match[1] ?? '';
      const separator = match[2] ?? '';
      const at = match[3] ?? '';
      const handle = match[4] as string;
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
  }
  for (const match of context.text.matchAll(SKYPE_ID)) {
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
