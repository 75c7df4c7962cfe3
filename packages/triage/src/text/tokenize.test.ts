import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenize.ts';

describe('tokenize', () => {
  it('splits on apostrophes and hyphens and reads leetspeak', () => {
    expect(tokenize("envoie-moi l'argent b1tc0in").map((t) => t.leet ?? t.text)).toEqual([
      'envoie',
      'moi',
      'l',
      'argent',
      'bitcoin',
    ]);
  });

  it('keeps digits used as Arabizi letters and numbers with units as they are', () => {
    const tokens = tokenize('3ndi lvideo 48h');
    expect(tokens.map((t) => [t.text, t.leet])).toEqual([
      ['3ndi', undefined],
      ['lvideo', undefined],
      ['48h', undefined],
    ]);
  });

  it('keeps symbols inside words ("p@y") and marks Arabic words', () => {
    const [pay, arabic] = tokenize('p@y الفيديو');
    expect(pay?.leet).toBe('pay');
    expect(arabic?.arabic).toBe(true);
  });
});
