import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/index.ts';
import type { TriageResult } from '../src/index.ts';

function expectWellFormed(text: string, result: TriageResult): void {
  expect(['sextortion', 'suspicious', 'not-detected']).toContain(result.verdict);
  expect(result.confidence).toBeGreaterThanOrEqual(0);
  expect(result.confidence).toBeLessThanOrEqual(1);
  for (const { span } of [...result.reasons, ...result.indicators]) {
    expect(Number.isInteger(span[0]) && Number.isInteger(span[1])).toBe(true);
    expect(span[0]).toBeGreaterThanOrEqual(0);
    expect(span[0]).toBeLessThanOrEqual(span[1]);
    expect(span[1]).toBeLessThanOrEqual(text.length);
  }
  for (const indicator of result.indicators) {
    expect(text.slice(indicator.span[0], indicator.span[1])).toBe(indicator.value);
  }
}

/** Fragments of real scam messages, shuffled with noise, to reach the deeper code paths. */
const fragments = fc.constantFrom(
  'Western Union MTCN 123-456-7890',
  'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  'FR76 3000 6000 0112 3456 7890 189',
  '+212 6 12 34 56 78',
  'hxxps://evil[.]xyz/a',
  'lina[at]mail[.]com',
  "j'envoie la vidéo à ta famille",
  'صيفط الفلوس ولا الفيديو غادي يوصل لعائلتك',
  '3ndk 24 sa3a',
  'v i d e o',
  '«',
  '»',
  '😂',
  '\u200b',
  'Ѕеnd',
  '500 €',
);

describe('analyze never throws and keeps spans inside the text', () => {
  it('for any Unicode string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        expectWellFormed(text, analyze(text));
      }),
      { numRuns: 300 },
    );
  });

  it('for strings built from scam fragments and noise', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fragments, fc.string({ unit: 'grapheme', maxLength: 8 })), {
          maxLength: 40,
        }),
        (parts) => {
          const text = parts.join(' ');
          expectWellFormed(text, analyze(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('for lone surrogates and unassigned or private-use code points', () => {
    const text = '\ud800 abc \udfff \uffff \u{10ffff} \ue000 \u0378 MTCN 1234567890 Western Union';
    expectWellFormed(text, analyze(text));
  });

  it('for one megabyte of random Unicode (completing within the test timeout, no backtracking blow-up)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', minLength: 1_000_000, maxLength: 1_000_000 }),
        (text) => {
          expectWellFormed(text, analyze(text));
        },
      ),
      { numRuns: 1 },
    );
  });

  it('for a megabyte of each adversarial repetition', () => {
    const patterns = [
      'a'.repeat(1_000_000),
      '1'.repeat(1_000_000),
      'your family '.repeat(85_000),
      '5 € '.repeat(250_000),
      'a@'.repeat(500_000),
      'hxxp://'.repeat(140_000),
      'FR76 '.repeat(200_000),
      '"a" '.repeat(250_000),
      'a b '.repeat(250_000),
      'send the video to your family or pay 500 € '.repeat(23_000),
    ];
    for (const text of patterns) {
      const result = analyze(text);
      expectWellFormed(text, result);
      expect(result.indicators.length).toBeLessThanOrEqual(500);
    }
  });
});
