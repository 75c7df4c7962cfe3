import { describe, expect, it } from 'vitest';
import { consoleMessages } from '../console/messages.ts';
import { adviceMessages } from '../content/advice.ts';
import { serviceMessages } from '../content/services.ts';
import { caseMessages } from '../flows/case/messages.ts';
import { lockerMessages } from '../flows/locker/messages.ts';
import { mediaMessages } from '../flows/media/messages.ts';
import { protectMessages } from '../flows/protect/messages.ts';
import { shareMessages } from '../flows/share/messages.ts';
import { triageMessages } from '../flows/triage/messages.ts';
import { homeMessages } from '../pages/home-messages.ts';
import { infoMessages } from '../pages/info-messages.ts';
import { shellMessages } from '../shell/messages.ts';
import type { Catalog } from './catalog.ts';
import { LOCALES } from './locale.ts';

const catalogs: Record<string, Catalog<object>> = {
  shellMessages,
  homeMessages,
  infoMessages,
  adviceMessages,
  serviceMessages,
  triageMessages,
  mediaMessages,
  protectMessages,
  caseMessages,
  lockerMessages,
  shareMessages,
  consoleMessages,
};

/** Every leaf of a catalogue as [path, text]; functions are called with sample arguments. */
function leaves(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') {
    const args = Array.from({ length: value.length }, (_, index) => (index === 0 ? 2 : 'X'));
    return [[path, String((value as (...a: unknown[]) => unknown)(...args))]];
  }
  if (Array.isArray(value))
    return value.flatMap((item, index) => leaves(item, `${path}[${index}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => leaves(item, `${path}.${key}`));
  }
  return [[path, `unexpected ${typeof value}`]];
}

const ARABIC = /[\u0600-\u06ff]/;
const words = (text: string) => text.split(/\s+/).filter((word) => /\p{L}/u.test(word)).length;

describe.each(Object.entries(catalogs))('%s', (_name, catalog) => {
  const english = new Map(leaves(catalog.en));

  it.each(LOCALES)('%s has exactly the English keys, none empty', (locale) => {
    const translated = leaves(catalog[locale]);
    expect(translated.map(([path]) => path)).toEqual([...english.keys()]);
    for (const [path, text] of translated) expect(text.trim(), path).not.toBe('');
  });

  it('Arabic and French are translations, not copies of the English', () => {
    for (const locale of ['ar', 'fr'] as const) {
      for (const [path, text] of leaves(catalog[locale])) {
        const source = english.get(path) ?? '';
        // Proper names, numbers and short codes may be the same in every language; sentences not.
        if (text === source)
          expect(words(text), `${locale}${path}: "${text}"`).toBeLessThanOrEqual(4);
        if (locale === 'ar' && words(text) > 4) expect(text, `ar${path}`).toMatch(ARABIC);
      }
    }
  });
});
