import { describe, expect, it } from 'vitest';
import {
  canonicalAccount,
  canonicalCity,
  canonicalEmail,
  canonicalIban,
  canonicalPhone,
  canonicalReceiver,
  canonicalWallet,
  linkTarget,
} from './canonical.ts';

describe('canonicalPhone', () => {
  it('writes every international spelling of one number the same way', () => {
    const spellings = [
      '+212612345678',
      '+212 6 12 34 56 78',
      '00212 612 345 678',
      '00212-612-345-678',
      '(+212) 612345678',
      '+212.612.345.678',
      '+212\u00a0612\u00a0345\u00a0678',
    ];
    expect(new Set(spellings.map(canonicalPhone))).toEqual(new Set(['+212612345678']));
  });

  it('refuses national numbers and things that are not phone numbers', () => {
    expect(canonicalPhone('0612345678')).toBeNull();
    expect(canonicalPhone('06 12 34 56 78')).toBeNull();
    expect(canonicalPhone('+0612345678')).toBeNull();
    expect(canonicalPhone('+212')).toBeNull();
    expect(canonicalPhone('+1234567890123456')).toBeNull();
    expect(canonicalPhone('call me')).toBeNull();
  });
});

describe('canonicalEmail', () => {
  it('lower-cases addresses', () => {
    expect(canonicalEmail('Sara.Belle@Outlook.FR')).toBe('sara.belle@outlook.fr');
  });

  it('merges the spellings Gmail delivers to one inbox, and only those', () => {
    expect(canonicalEmail('sara.belle+skype@googlemail.com')).toBe('sarabelle@gmail.com');
    expect(canonicalEmail('S.A.R.A.belle@gmail.com')).toBe('sarabelle@gmail.com');
    expect(canonicalEmail('john+x@hotmail.com')).toBe('john@hotmail.com');
    expect(canonicalEmail('john.doe+x@yahoo.fr')).toBe('john.doe+x@yahoo.fr');
    expect(canonicalEmail('j.ohn@hotmail.com')).not.toBe(canonicalEmail('john@hotmail.com'));
  });

  it('refuses text without a local part or domain', () => {
    expect(canonicalEmail('@gmail.com')).toBeNull();
    expect(canonicalEmail('sara@')).toBeNull();
    expect(canonicalEmail('+tag@gmail.com')).toBeNull();
  });
});

describe('canonicalIban', () => {
  it('removes spaces and upper-cases', () => {
    expect(canonicalIban('ma64 0115 1900 0001 2050 0053 4921')).toBe(
      'MA64011519000001205000534921',
    );
    expect(canonicalIban('FR76-3000-6000-0112-3456-7890-189')).toBe('FR7630006000011234567890189');
  });

  it('refuses text that cannot be an IBAN', () => {
    expect(canonicalIban('MA64')).toBeNull();
    expect(canonicalIban('1234 5678 9012 3456')).toBeNull();
  });
});

describe('canonicalWallet', () => {
  it('lower-cases bech32, which is case-insensitive', () => {
    const lower = 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4';
    expect(canonicalWallet('bitcoin', lower.toUpperCase())).toBe(lower);
    expect(canonicalWallet('litecoin', 'LTC1QG82TYDF3SMPDJ8Q7RMZ0N7YXXTN3AHJ7UWZGUW')).toBe(
      'ltc1qg82tydf3smpdj8q7rmz0n7yxxtn3ahj7uwzguw',
    );
  });

  it('keeps base58 as written: changing its case makes another address', () => {
    const legacy = '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa';
    expect(canonicalWallet('bitcoin', legacy)).toBe(legacy);
    expect(canonicalWallet('bitcoin', legacy.toLowerCase())).not.toBe(legacy);
    expect(canonicalWallet('tron', 'TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7')).toBe(
      'TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7',
    );
  });

  it('lower-cases Ethereum: EIP-55 mixed case is only a checksum', () => {
    expect(canonicalWallet('ethereum', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed')).toBe(
      '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
    );
    expect(canonicalWallet('ethereum', '0x5aAeb6053F3E94C9b9A09f3366')).toBeNull();
  });
});

describe('accounts and links', () => {
  it('gives a handle and every profile URL of one Facebook account the same name', () => {
    const forms = [
      canonicalAccount('facebook', 'Sara.Belle.77'),
      canonicalAccount('facebook', '@sarabelle77'),
      nameOf(linkTarget('https://www.facebook.com/sara.belle.77')),
      nameOf(linkTarget('https://m.facebook.com/Sara.Belle.77/?ref=bookmarks')),
      nameOf(linkTarget('fb.com/sarabelle77')),
      nameOf(linkTarget('hxxps://web.facebook[.]com/sara.belle.77#about')),
    ];
    expect(new Set(forms)).toEqual(new Set(['sarabelle77']));
  });

  it('keeps numeric Facebook ids apart from usernames', () => {
    expect(linkTarget('https://www.facebook.com/profile.php?id=100089123456789')).toEqual({
      kind: 'account',
      platform: 'facebook',
      name: 'id:100089123456789',
    });
    expect(linkTarget('https://www.facebook.com/people/Sara-Belle/100089123456789/')).toEqual({
      kind: 'account',
      platform: 'facebook',
      name: 'id:100089123456789',
    });
  });

  it('reads Instagram, Snapchat, Telegram, TikTok and X profiles', () => {
    expect(linkTarget('instagram.com/Lina.B22/')).toEqual({
      kind: 'account',
      platform: 'instagram',
      name: 'lina.b22',
    });
    expect(linkTarget('https://www.snapchat.com/add/lina_x22')).toMatchObject({ name: 'lina_x22' });
    expect(linkTarget('https://t.me/Lina_X')).toMatchObject({
      platform: 'telegram',
      name: 'lina_x',
    });
    expect(linkTarget('https://www.tiktok.com/@lina.x')).toMatchObject({ platform: 'tiktok' });
    expect(linkTarget('https://x.com/lina_x')).toMatchObject({ platform: 'twitter' });
  });

  it('turns WhatsApp click-to-chat links into the phone number', () => {
    expect(linkTarget('https://wa.me/212612345678')).toEqual({
      kind: 'phone',
      number: '+212612345678',
    });
    expect(linkTarget('https://api.whatsapp.com/send?phone=212612345678&text=hi')).toEqual({
      kind: 'phone',
      number: '+212612345678',
    });
  });

  it('keeps pages that are not profiles as canonical URLs', () => {
    expect(linkTarget('https://www.facebook.com/groups/123456')).toEqual({
      kind: 'url',
      url: 'https://facebook.com/groups/123456',
    });
    expect(linkTarget('hxxps://MEGA[.]nz/file/AbCdEf#key')).toEqual({
      kind: 'url',
      url: 'https://mega.nz/file/AbCdEf',
    });
    expect(linkTarget('not a link')).toBeNull();
  });

  it('reads Skype ids with or without the skype: scheme', () => {
    expect(canonicalAccount('skype', 'live:.cid.4F2A9C')).toBe('live:.cid.4f2a9c');
    expect(linkTarget('skype:live:.cid.4F2A9C?call')).toEqual({
      kind: 'account',
      platform: 'skype',
      name: 'live:.cid.4f2a9c',
    });
  });
});

describe('canonicalReceiver', () => {
  it('ignores case, accents, punctuation and the order of the names', () => {
    const forms = [
      canonicalReceiver('Youssef El Amrani', 'Oued Zem'),
      canonicalReceiver('EL AMRANI Youssef', 'OUED-ZEM'),
      canonicalReceiver('El-Amrani, Youssef', 'Oued zem'),
      canonicalReceiver('Yousséf EL AMRANI', 'وادي زم'),
    ];
    expect(new Set(forms)).toEqual(new Set(['amrani el youssef@ouedzem']));
  });

  it('keeps different receivers or cities apart', () => {
    expect(canonicalReceiver('Youssef El Amrani', 'Khouribga')).not.toBe(
      canonicalReceiver('Youssef El Amrani', 'Oued Zem'),
    );
    expect(canonicalReceiver('Youssef Amrani', 'Oued Zem')).not.toBe(
      canonicalReceiver('Youssef El Amrani', 'Oued Zem'),
    );
    expect(canonicalReceiver('', 'Oued Zem')).toBeNull();
    expect(canonicalReceiver('Youssef', '')).toBeNull();
  });

  it('knows the usual spellings of cities', () => {
    expect(canonicalCity('Marrakesh')).toBe(canonicalCity('Marrakech'));
    expect(canonicalCity('Fez')).toBe(canonicalCity('Fès'));
    expect(canonicalCity('Béni-Mellal')).toBe(canonicalCity('Beni Mellal'));
  });

  it('merges a city written in Arabic script with its Latin spelling, hamza included', () => {
    expect(canonicalCity('أكادير')).toBe(canonicalCity('Agadir'));
    expect(canonicalCity('وادزم')).toBe(canonicalCity('Oued-Zem'));
    expect(canonicalReceiver('يوسف العمراني', 'أكادير')).toBe(
      canonicalReceiver('يوسف العمراني', 'agadir'),
    );
  });
});

function nameOf(target: ReturnType<typeof linkTarget>): string | null {
  return target?.kind === 'account' ? target.name : null;
}
