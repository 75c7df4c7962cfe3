import { describe, expect, it } from 'vitest';
import { makeLinkKey, type IdentifierKind } from '../identifiers/link-key.ts';
import { DEFAULT_SAFELIST_INPUT, defaultSafelist } from './defaults.ts';
import { Safelist } from './safelist.ts';

const key = (kind: IdentifierKind, value: string) => {
  const linkKey = makeLinkKey(kind, value);
  if (linkKey === null) throw new Error(`not a ${kind}: ${value}`);
  return linkKey;
};

describe('Safelist', () => {
  it('matches one identifier in any spelling', () => {
    const safelist = new Safelist();
    const added = safelist.add({
      kind: 'phone',
      value: '00 44 345 6000 459',
      reason: 'helpline',
      label: 'Revenge Porn Helpline',
    });
    expect(added.ok).toBe(true);
    expect(safelist.match(key('phone', '+443456000459'))?.label).toBe('Revenge Porn Helpline');
    expect(safelist.match(key('phone', '+443456000458'))).toBeUndefined();
  });

  it('matches every address and link under a domain, not look-alike domains', () => {
    const safelist = new Safelist();
    safelist.add({ domain: '*.e-enfance.org', reason: 'helpline', label: 'e-Enfance' });
    expect(safelist.match(key('email', 'contact@e-enfance.org'))).toBeDefined();
    expect(safelist.match(key('url', 'https://www.e-enfance.org/numero-3018'))).toBeDefined();
    expect(safelist.match(key('url', 'https://aide.e-enfance.org/x'))).toBeDefined();
    expect(safelist.match(key('email', 'contact@fake-e-enfance.org'))).toBeUndefined();
    expect(safelist.match(key('url', 'https://e-enfance.org.evil.example.net'))).toBeUndefined();
  });

  it('matches ranges of numbers and kinds of numbers', () => {
    const safelist = new Safelist();
    safelist.add({ phonePrefix: '+44 7700 900', reason: 'reserved-example', label: 'Ofcom drama' });
    safelist.add({ phoneType: 'TOLL_FREE', reason: 'official-service', label: 'toll-free' });
    expect(safelist.match(key('phone', '+447700900123'))?.label).toBe('Ofcom drama');
    expect(safelist.match(key('phone', '+33800200000'))?.label).toBe('toll-free');
    expect(safelist.match(key('phone', '+212800200000'))?.label).toBe('toll-free');
    expect(safelist.match(key('phone', '+212612345678'))).toBeUndefined();
  });

  it('refuses malformed entries with a reason, and changes nothing', () => {
    const safelist = new Safelist();
    const attempts = [
      safelist.add({ kind: 'phone', value: '0612', reason: 'helpline', label: 'x' }),
      safelist.add({ domain: 'not a domain', reason: 'helpline', label: 'x' }),
      safelist.add({ phonePrefix: '0612', reason: 'helpline', label: 'x' }),
      safelist.add({ kind: 'email', value: 'a@b.c', reason: 'helpline', label: '  ' }),
      safelist.add({
        kind: 'email',
        value: 'a@b.c',
        reason: 'because' as 'helpline',
        label: 'x',
      }),
      safelist.add({ phoneType: 'MOBILE' as 'TOLL_FREE', reason: 'helpline', label: 'x' }),
    ];
    expect(attempts.map((attempt) => (attempt.ok ? 'ok' : attempt.error.code))).toEqual([
      'safelist_bad_identifier',
      'safelist_bad_domain',
      'safelist_bad_phone_prefix',
      'safelist_missing_label',
      'safelist_bad_reason',
      'safelist_bad_phone_type',
    ]);
    expect(safelist.size).toBe(0);
    expect(safelist.version).toBe(0);
  });

  it('counts edits so that correlators know when to relink', () => {
    const safelist = new Safelist();
    safelist.add({ domain: 'example.com', reason: 'reserved-example', label: 'x' });
    expect(safelist.version).toBe(1);
    expect(safelist.remove({ type: 'domain', domain: 'example.com' })).toBe(true);
    expect(safelist.remove({ type: 'domain', domain: 'example.com' })).toBe(false);
    expect(safelist.version).toBe(2);
  });
});

describe('defaultSafelist', () => {
  it('holds every default entry, each with a label and a source', () => {
    const safelist = defaultSafelist();
    expect(safelist.size).toBe(DEFAULT_SAFELIST_INPUT.length);
    for (const entry of safelist.entries()) {
      expect(entry.label.length).toBeGreaterThan(3);
      expect(entry.source).toMatch(/^https:\/\//);
    }
  });

  it('covers helplines, documentation domains, example and exchange wallets', () => {
    const safelist = defaultSafelist();
    expect(safelist.match(key('phone', '+1 800 843 5678'))?.reason).toBe('helpline');
    expect(safelist.match(key('email', 'anyone@example.com'))?.reason).toBe('reserved-example');
    expect(safelist.match(key('url', 'https://www.internet-signalement.gouv.fr'))?.reason).toBe(
      'official-service',
    );
    expect(safelist.match(key('bitcoin', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'))?.reason).toBe(
      'awareness-example',
    );
    expect(
      safelist.match(key('bitcoin', 'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4'))?.reason,
    ).toBe('awareness-example');
    expect(
      safelist.match(key('ethereum', '0x28c6c06298d514db089934071355e5743bf21d60'))?.reason,
    ).toBe('exchange-wallet');
    expect(safelist.match(key('phone', '+212612345678'))).toBeUndefined();
  });

  it('is a fresh copy each time', () => {
    const first = defaultSafelist();
    first.add({ domain: 'helpline.test.ma', reason: 'helpline', label: 'ours' });
    expect(defaultSafelist().size).toBe(DEFAULT_SAFELIST_INPUT.length);
  });
});
