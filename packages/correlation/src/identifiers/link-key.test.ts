import { describe, expect, it } from 'vitest';
import type { IndicatorInput } from '../types.ts';
import { indicatorLinkKey, makeLinkKey, parseLinkKey } from './link-key.ts';

/** An indicator as @aman/triage reports it. */
const indicator = (
  type: string,
  normalized: string,
  details: Record<string, unknown> = {},
): IndicatorInput => ({ type, value: normalized, normalized, valid: true, ...details });

const keyOf = (input: IndicatorInput): string | undefined => indicatorLinkKey(input)?.key;

describe('indicatorLinkKey: one key per real identifier, whatever the spelling', () => {
  it('phones: +212 6.., 06.. (normalised by triage with the country), 00212 6.., wa.me links', () => {
    const keys = [
      indicator('phone', '+212612345678', { country: 'MA' }),
      indicator('social', 'whatsapp:+212612345678', { service: 'whatsapp' }),
      indicator('url', 'https://wa.me/212612345678'),
    ].map(keyOf);
    expect(new Set(keys)).toEqual(new Set(['phone:+212612345678']));
    expect(makeLinkKey('phone', '00212 6 12 34 56 78')?.key).toBe('phone:+212612345678');
  });

  it('social handles and profile URLs of the same account', () => {
    const keys = [
      indicator('social', 'facebook:sara.belle.77', { service: 'facebook' }),
      indicator('social', 'facebook:sarabelle77', { service: 'facebook' }),
      indicator('url', 'https://m.facebook.com/Sara.Belle.77/'),
      indicator('url', 'https://fb.com/sarabelle77'),
    ].map(keyOf);
    expect(new Set(keys)).toEqual(new Set(['account:facebook/sarabelle77']));
    expect(keyOf(indicator('social', 'facebook:100089123', { service: 'facebook' }))).toBe(
      keyOf(indicator('url', 'https://www.facebook.com/profile.php?id=100089123')),
    );
    expect(keyOf(indicator('social', 'instagram:lina.b22', { service: 'instagram' }))).toBe(
      keyOf(indicator('url', 'https://www.instagram.com/Lina.B22/')),
    );
    expect(keyOf(indicator('social', 'skype:live:.cid.4f2a9c', { service: 'skype' }))).toBe(
      'account:skype/live:.cid.4f2a9c',
    );
  });

  it('keeps accounts of different platforms apart', () => {
    expect(keyOf(indicator('social', 'instagram:lina.b22', { service: 'instagram' }))).not.toBe(
      keyOf(indicator('social', 'snapchat:lina.b22', { service: 'snapchat' })),
    );
  });

  it('wallets follow the case rule of their encoding', () => {
    const segwit = 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4';
    expect(keyOf(indicator('bitcoin', segwit.toUpperCase()))).toBe(`bitcoin:${segwit}`);
    const legacy = '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2';
    expect(keyOf(indicator('bitcoin', legacy))).toBe(`bitcoin:${legacy}`);
    expect(keyOf(indicator('bitcoin', legacy.toLowerCase()))).not.toBe(`bitcoin:${legacy}`);
    expect(keyOf(indicator('ethereum', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'))).toBe(
      keyOf(indicator('ethereum', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed')),
    );
  });

  it('IBANs with and without spaces, e-mails in any case', () => {
    expect(keyOf(indicator('iban', 'MA64 0115 1900 0001 2050 0053 4921'))).toBe(
      keyOf(indicator('iban', 'ma64011519000001205000534921')),
    );
    expect(keyOf(indicator('email', 'Sara.Belle@Gmail.com'))).toBe('email:sarabelle@gmail.com');
  });

  it("MTCNs by their digits; other services' codes keep their service", () => {
    expect(keyOf(indicator('mtcn', '123-456-7890', { service: 'western-union' }))).toBe(
      'mtcn:1234567890',
    );
    expect(keyOf(indicator('transfer-ref', '77120045', { service: 'wafacash' }))).toBe(
      'transfer-reference:wafacash/77120045',
    );
    expect(keyOf(indicator('transfer-ref', '77120045', { service: 'cash-plus' }))).not.toBe(
      keyOf(indicator('transfer-ref', '77120045', { service: 'wafacash' })),
    );
  });

  it('receivers: names and city, in any order and spelling', () => {
    expect(keyOf(indicator('receiver', 'EL AMRANI Youssef@Oued-Zem'))).toBe(
      keyOf(indicator('receiver', 'Youssef El Amrani@Oued Zem')),
    );
  });

  it('amounts, deadlines and unknown types link nothing', () => {
    expect(indicatorLinkKey(indicator('amount', '500 EUR'))).toBeNull();
    expect(indicatorLinkKey(indicator('deadline', 'PT48H'))).toBeNull();
    expect(indicatorLinkKey(indicator('horoscope', 'virgo'))).toBeNull();
    expect(indicatorLinkKey(indicator('phone', '0612345678'))).toBeNull();
  });
});

describe('parseLinkKey', () => {
  it('reads keys back and canonicalises their value', () => {
    expect(parseLinkKey('iban:ma64 0115 1900 0001 2050 0053 4921')?.key).toBe(
      'iban:MA64011519000001205000534921',
    );
    expect(parseLinkKey('account:facebook/Sara.Belle')?.key).toBe('account:facebook/sarabelle');
    expect(parseLinkKey('nonsense')).toBeNull();
    expect(parseLinkKey('zodiac:virgo')).toBeNull();
  });
});
