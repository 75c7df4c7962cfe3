/**
 * E-mail addresses, including the defanged forms that awareness pages and victims use to avoid
 * live links: "name[at]domain[.]com", "name (at) domain (dot) com", "name@domain[.]com".
 */
import type { Candidate, DetectionContext } from './candidate.ts';
import { DETECTOR_LIMIT } from './candidate.ts';

const AT = String.raw`(?:@|\s?\[at\]\s?|\s?\(at\)\s?|\s?\{at\}\s?|\[@\])`;
const DOT = String.raw`(?:\.|\[\.\]|\(\.\)|\{\.\}|\s?\[dot\]\s?|\s?\(dot\)\s?)`;
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const EMAIL = new RegExp(
  `(?<![A-Za-z0-9._%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})${AT}(?:${LABEL}${DOT}){1,6}[A-Za-z]{2,24}(?![A-Za-z0-9-])`,
  'gi',
);

/** Turns a defanged address back into a plain one. */
export function refangEmail(text: string): string {
  return text
    .replace(/\s?(?:\[at\]|\(at\)|\{at\}|\[@\])\s?/gi, '@')
    .replace(/\s?(?:\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\))\s?/gi, '.')
    .toLowerCase();
}

/**
 * Finds e-mail addresses in the identifier view.
 *
 * @example
 * findEmails({ text: 'write to lina.b[at]mail[.]com', … });
 * // [{ type: 'email', normalized: 'lina.b@mail.com', valid: true, … }]
 */
export function findEmails(context: DetectionContext): Candidate[] {
  const found: Candidate[] = [];
  if (!/@|\[at\]|\(at\)|\{at\}/i.test(context.text)) return found;
  for (const match of context.text.matchAll(EMAIL)) {
    if (found.length >= DETECTOR_LIMIT) break;
    const normalized = refangEmail(match[0]);
    const local = normalized.slice(0, normalized.indexOf('@'));
    const valid = !local.includes('..') && !local.endsWith('.') && local.length <= 64;
    const start = match.index;
    const end = start + match[0].length;
    found.push(
      valid
        ? { type: 'email', normalized, valid, start, end }
        : { type: 'email', normalized, valid, start, end, invalidReason: 'format' },
    );
  }
  return found;
}
