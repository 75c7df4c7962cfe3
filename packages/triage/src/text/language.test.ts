import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.ts';
import { normalizeText } from './normalize.ts';
import { tokenize } from './tokenize.ts';

const language = (text: string): string => detectLanguage(tokenize(normalizeText(text).words.text));

describe('detectLanguage', () => {
  it('tells French, English, Arabic and Darija in both scripts apart', () => {
    expect(language("Si tu ne paies pas, j'envoie la vidéo à ta famille")).toBe('fr');
    expect(language("If you don't pay, I will send the video to your family")).toBe('en');
    expect(language('إذا لم تدفع سأرسل الفيديو إلى عائلتك')).toBe('ar');
    expect(language('إلا ماخلصتيش غادي نصيفط الفيديو لعائلتك دابا')).toBe('ary');
    expect(language('ila ma khalastich ghadi nsift lvideo l familtk daba')).toBe('ary-Latn');
  });

  it('reads Darija mixed with French as Darija', () => {
    expect(
      language("Wach 3reft chno dert? J'ai tout enregistré. Sift 1500 dh wla la vidéo ghadi tmchi"),
    ).toBe('ary-Latn');
  });

  it('does not mistake leetspeak for Arabizi', () => {
    expect(language('Y0ur d3vice w@s h@cked. I h4ve v1deos of y0u. P4y now')).toBe('en');
  });

  it('says und when there is nothing to go on', () => {
    expect(language('12345 !!! 😂')).toBe('und');
  });
});
