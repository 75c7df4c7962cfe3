import { describe, expect, it } from 'vitest';
import { formatterFor } from './format.ts';
import { directionOf, pickLocale } from './locale.ts';

describe('pickLocale', () => {
  it('takes the first browser language we speak, by its primary subtag', () => {
    expect(pickLocale(['de-DE', 'ar-MA', 'fr'], null)).toBe('ar');
    expect(pickLocale(['fr-BE'], null)).toBe('fr');
    expect(pickLocale(['EN_gb'], null)).toBe('en');
  });

  it('prefers a remembered choice, and ignores a remembered value that is not a locale', () => {
    expect(pickLocale(['fr-FR'], 'ar')).toBe('ar');
    expect(pickLocale(['fr-FR'], 'klingon')).toBe('fr');
  });

  it('falls back to English', () => {
    expect(pickLocale(['de', 'es'], null)).toBe('en');
    expect(pickLocale([], null)).toBe('en');
  });
});

describe('direction and formatting', () => {
  it('lays Arabic out right to left', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('fr')).toBe('ltr');
  });

  it('formats numbers and dates in the chosen language, Arabic with Latin digits', () => {
    const date = Date.UTC(2026, 10, 29, 9, 5);
    expect(formatterFor('fr').number(1234.5)).toBe('1\u202f234,5');
    expect(formatterFor('en').number(1234.5)).toBe('1,234.5');
    expect(formatterFor('fr').date(date)).toBe('29 novembre 2026');
    const arabic = formatterFor('ar').date(date);
    expect(arabic).toMatch(/نوفمبر/);
    expect(arabic).toMatch(/2026/);
    expect(arabic).not.toMatch(/[٠-٩]/);
  });

  it('formats sizes with units', () => {
    expect(formatterFor('en').bytes(5 * 1024 * 1024)).toBe('5 MB');
    expect(formatterFor('fr').bytes(512)).toBe('512\u202fo');
  });
});
