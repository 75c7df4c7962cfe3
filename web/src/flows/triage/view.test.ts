import { describe, expect, it } from 'vitest';
import { verdictKey } from './view.ts';

describe('verdictKey', () => {
  it('names the family when the analysis is sure, hedges when it is not', () => {
    expect(verdictKey('sextortion', 'webcam-blackmail')).toBe('webcam-blackmail');
    expect(verdictKey('sextortion', 'mass-email-bluff')).toBe('mass-email-bluff');
    expect(verdictKey('sextortion', null)).toBe('suspicious');
    expect(verdictKey('suspicious', 'webcam-blackmail')).toBe('suspicious');
    expect(verdictKey('not-detected', 'lure')).toBe('not-detected');
  });

  it('names lures and non-sexual extortion even when unsure', () => {
    expect(verdictKey('suspicious', 'lure')).toBe('lure');
    expect(verdictKey('suspicious', 'other-extortion')).toBe('other-extortion');
  });
});
