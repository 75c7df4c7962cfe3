import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText, toOriginalSpan } from './normalize.ts';

const words = (text: string): string => normalizeText(text).words.text;

describe('normalizeText', () => {
  it('applies NFKC: full-width and mathematical letters become plain letters', () => {
    expect(words('ｐａｙ 𝐧𝐨𝐰 ⓥⓘⓓⓔⓞ')).toBe('pay now video');
  });

  it('replaces Cyrillic and Greek look-alikes with the Latin letter they imitate', () => {
    expect(words('Ѕеnd thе vіdео')).toBe('send the video');
    expect(words('ΡΑΥ')).toBe('pay');
    expect(normalizeText('Ѕеnd').identifiers.text).toBe('Send'); // case kept for identifiers
  });

  it('drops zero-width characters, bidirectional controls and tatweel', () => {
    expect(words('p\u200ba\u200cy\u2060 \u202evideo\u202c')).toBe('pay video');
    expect(words('الـفـيـديـو')).toBe('الفيديو');
  });

  it('strips diacritics and Arabic vowel marks, and unifies Arabic letter variants', () => {
    expect(words('vidéo à poil')).toBe('video a poil');
    expect(words('سَأُرْسِلُ إِلَى عَائِلَتِكَ')).toBe('سارسل الي عايلتك');
  });

  it('joins letters spaced out with one separator, and collapses repeated letters', () => {
    expect(words('s e n d the v.i.d.e.o, p-a-y')).toBe('send the video, pay');
    expect(words('pleeeease hhhhh')).toBe('please h');
    expect(words('il y a 2 h')).toBe('il y a 2 h'); // short runs of single letters are words
  });

  it('maps every character of a view back to the original', () => {
    const original = 'Ѕ\u200bend the v i d é o ﷺ';
    const { words: view } = normalizeText(original);
    const at = view.text.indexOf('video');
    expect(toOriginalSpan(view, at, at + 5)).toEqual([10, 19]);
    expect(original.slice(10, 19)).toBe('v i d é o');
  });

  it('keeps offsets inside the original and in order, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const { words: view, identifiers } = normalizeText(text);
        for (const v of [view, identifiers]) {
          expect(v.starts.length).toBe(v.text.length);
          for (let i = 0; i < v.text.length; i++) {
            expect(v.starts[i]).toBeLessThan(v.ends[i]!);
            expect(v.ends[i]).toBeLessThanOrEqual(text.length);
            if (i > 0) expect(v.starts[i]).toBeGreaterThanOrEqual(v.starts[i - 1]!);
          }
        }
      }),
    );
  });
});
