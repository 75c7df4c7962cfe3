import { describe, expect, it } from 'vitest';
import { quotedRanges } from './context.ts';

describe('quotedRanges', () => {
  it('finds guillemets, curly and straight double quotes', () => {
    expect(quotedRanges('He said: « pay now » and left')).toEqual([[9, 20]]);
    expect(quotedRanges('They wrote “send the money” twice')).toEqual([[11, 27]]);
  });

  it("finds a '…' quotation after a colon, and leaves the apostrophes of words alone", () => {
    const text = "Ils écrivent : 'paye ou je publie' et disparaissent";
    expect(quotedRanges(text)).toEqual([[15, 34]]);
    expect(quotedRanges("j'ai reçu un message, don't panic")).toEqual([]);
  });

  it('still finds a later quotation when the text starts with an apostrophe', () => {
    const text = "'Sextortion' : ils écrivent : 'paye ou je publie la vidéo' et disparaissent";
    const [range] = quotedRanges(text);
    expect(range).toBeDefined();
    expect(text.slice(...range!)).toBe("'paye ou je publie la vidéo'");
  });
});
