/**
 * Links, including defanged ones ("hxxps://site[.]com", "site(.)com"), and profile links of the
 * networks blackmailers use, which become `social` indicators (`facebook:lina.benali.5`).
 */
import type { SocialService } from '../types.ts';
import type { Candidate, DetectionContext } from './candidate.ts';
import { DETECTOR_LIMIT, placed, startsWord } from './candidate.ts';

const DOT = String.raw`(?:\.|\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\))`;
const SCHEME = String.raw`(?:h(?:tt|xx|XX|TT|\*\*)ps?|fxps?|ftp)(?:\[:\]|:)\/\/`;
/** Top-level domains accepted for links written without a scheme ("bit.ly/x", "site[.]ma"). */
const BARE_TLDS =
  'com|net|org|info|io|me|ly|co|xyz|site|online|top|ru|uk|de|fr|be|ch|ca|us|ma|tk|ml|ga|cf|gq|link|live|app|cc|tv|biz|to|gl|gd|ws|club|vip|shop|store|tn|dz|ci|ng';
const WITH_SCHEME = new RegExp(`${SCHEME}[^\\s<>"'«»“”]{1,2048}`, 'gi');
const WITHOUT_SCHEME = new RegExp(
  `(?:www${DOT})?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?${DOT}){1,4}(?:${BARE_TLDS})(?![\\p{L}\\p{N}-])(?:\\/[^\\s<>"'«»“”]{0,2048})?`,
  'iuy',
);
/** Characters a bare domain, defanged or not, is made of: walked back over from its TLD. */
const DOMAIN_CHAR = /[A-Za-z0-9\-.[\](){}]/;

/** A dot (plain or defanged) right before a known top-level domain: where bare links are anchored. */
const BARE_TLD = new RegExp(`${DOT}(?:${BARE_TLDS})(?![\\p{L}\\p{N}-])`, 'giu');

/** Profile hosts and the network they belong to. */
const PROFILE_HOSTS: ReadonlyMap<string, SocialService> = new Map([
  ['facebook.com', 'facebook'],
  ['fb.com', 'facebook'],
  ['m.facebook.com', 'facebook'],
  ['web.facebook.com', 'facebook'],
  ['fb.me', 'facebook'],
  ['instagram.com', 'instagram'],
  ['instagr.am', 'instagram'],
  ['snapchat.com', 'snapchat'],
  ['t.me', 'telegram'],
  ['telegram.me', 'telegram'],
  ['wa.me', 'whatsapp'],
  ['api.whatsapp.com', 'whatsapp'],
  ['tiktok.com', 'tiktok'],
  ['twitter.com', 'twitter'],
  ['x.com', 'twitter'],
  ['join.skype.com', 'skype'],
  ['discord.gg', 'discord'],
  ['discord.com', 'discord'],
]);

/** Path segments that are not a profile name (facebook.com/profile.php?id=… is handled apart). */
const NOT_A_HANDLE = new Set([
  'add',
  'invite',
  'send',
  'share',
  'home',
  'watch',
  'groups',
  'p',
  'reel',
  'stories',
  'users',
  'people',
  'pages',
  'messages',
  'login',
]);

/** Turns a defanged link back into a plain one. */
export function refangUrl(text: string): string {
  return text
    .replace(/^h(?:xx|XX|\*\*)p/i, 'http')
    .replace(/^fxp/i, 'ftp')
    .replace(/\[:\]/g, ':')
    .replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)/gi, '.');
}

/**
 * Finds links in the identifier view; profile links come back as `social`.
 *
 * @example
 * findUrls({ text: 'look: hxxps://privatevid[.]xyz/v/123', … });
 * // [{ type: 'url', normalized: 'https://privatevid.xyz/v/123', valid: true, … }]
 */
export function findUrls(context: DetectionContext): Candidate[] {
  const { text } = context;
  const found: Candidate[] = [];
  const taken: Array<[number, number]> = [];
  for (const match of text.matchAll(WITH_SCHEME)) {
    if (found.length >= DETECTOR_LIMIT) break;
    takeLink(found, taken, match.index, match[0]);
  }
  // Links without a scheme are anchored at their top-level domain, then read from where the
  // domain starts: a pattern tried at every letter of the text would cost far more.
  for (const anchor of text.matchAll(BARE_TLD)) {
    if (found.length >= DETECTOR_LIMIT) break;
    if (taken.some(([s, e]) => anchor.index >= s && anchor.index < e)) continue;
    let start = anchor.index;
    while (start > 0 && anchor.index - start < 300 && DOMAIN_CHAR.test(text.charAt(start - 1)))
      start--;
    while (start < anchor.index && !/[A-Za-z0-9]/.test(text.charAt(start))) start++;
    if (!startsWord(text, start, '@._%+-')) continue;
    WITHOUT_SCHEME.lastIndex = start;
    const match = WITHOUT_SCHEME.exec(text);
    if (match !== null && match.index + match[0].length > anchor.index)
      takeLink(found, taken, start, match[0]);
  }
  return found;
}

/**
 * Reads the link `raw` at `start` unless it overlaps one taken. A module-level function, not a
 * closure in `findUrls`: under tsx (keepNames) each named closure costs a defineProperty call.
 */
function takeLink(
  found: Candidate[],
  taken: Array<[number, number]>,
  start: number,
  raw: string,
): void {
  const trimmed = trimTrailingPunctuation(raw);
  const end = start + trimmed.length;
  if (taken.some(([s, e]) => start < e && s < end)) return;
  taken.push([start, end]);
  const candidate = readLink(trimmed);
  if (candidate !== undefined) found.push(placed(candidate, start, end));
}

function trimTrailingPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && /[.,;:!?)\]}'"»”…]/.test(text.charAt(end - 1))) {
    const ch = text.charAt(end - 1);
    // Keep a closing bracket that closes one opened inside the link (wikipedia-style paths).
    if (
      ch === ')' &&
      text.slice(0, end).split('(').length > text.slice(0, end).split(')').length - 1
    ) {
      break;
    }
    end--;
  }
  return text.slice(0, end);
}

/** The parts of a link that matter here; parsed by hand, since `URL` is not in every runtime's types. */
interface LinkParts {
  readonly scheme: string;
  readonly host: string;
  readonly path: string;
  readonly query: string;
  readonly rest: string;
}

const LINK_PARTS = /^([a-z][a-z0-9+.-]*):\/\/([^/?#\s:]+)(:\d{1,5})?([^?#]*)(\?[^#]*)?(#.*)?$/i;

function parseLink(plain: string): LinkParts | undefined {
  const m = LINK_PARTS.exec(plain);
  if (m === null) return undefined;
  const host = (m[2] as string).toLowerCase();
  if (!/^[a-z0-9.-]+$/.test(host) || host.startsWith('.') || host.includes('..')) return undefined;
  return {
    scheme: (m[1] as string).toLowerCase(),
    host,
    path: m[4] ?? '',
    query: m[5] ?? '',
    rest: `${m[3] ?? ''}${m[4] ?? ''}${m[5] ?? ''}${m[6] ?? ''}`,
  };
}

function readLink(text: string): Omit<Candidate, 'start' | 'end'> | undefined {
  let plain = refangUrl(text);
  if (!/^[a-z]+:\/\//i.test(plain)) plain = `https://${plain}`;
  const link = parseLink(plain);
  if (link === undefined) {
    return { type: 'url', normalized: plain, valid: false, invalidReason: 'format' };
  }
  const service = PROFILE_HOSTS.get(link.host.replace(/^www\./, ''));
  if (service !== undefined) {
    const handle = profileHandle(service, link);
    if (handle !== undefined) {
      return { type: 'social', service, normalized: `${service}:${handle}`, valid: true };
    }
  }
  const path = link.rest === '' ? '/' : link.rest;
  return { type: 'url', normalized: `${link.scheme}://${link.host}${path}`, valid: true };
}

function queryParam(query: string, name: string): string | undefined {
  for (const pair of query.replace(/^\?/, '').split('&')) {
    const [key, value] = pair.split('=');
    if (key === name && value !== undefined && value !== '') return value;
  }
  return undefined;
}

function profileHandle(service: SocialService, link: LinkParts): string | undefined {
  const segments = link.path.split('/').filter((s) => s !== '');
  if (service === 'facebook' && segments[0] === 'profile.php') return queryParam(link.query, 'id');
  if (service === 'whatsapp') {
    const digits = (segments[0] ?? queryParam(link.query, 'phone') ?? '').replace(/\D/g, '');
    return digits.length >= 8 ? `+${digits}` : undefined;
  }
  if (service === 'snapchat' && segments[0] === 'add') return segments[1]?.toLowerCase();
  const first = segments[0];
  if (first === undefined || NOT_A_HANDLE.has(first.toLowerCase())) return undefined;
  return first.replace(/^@/, '').toLowerCase();
}
