import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import {
  base58Check,
  eip55,
  frenchIban,
  ibanWithCheckDigits,
  mobileNumber,
  moroccanIban,
  segwitV0Address,
} from './identifiers.ts';
import { Random } from './random.ts';

const hex = (text: string): Uint8Array =>
  Uint8Array.from(text.match(/../g)!.map((byte) => Number.parseInt(byte, 16)));

describe('synthetic identifiers pass the checks real ones pass', () => {
  it('encodes the published test vectors', () => {
    // The genesis block's address (hash160 62e907…) and BIP-173's first segwit example.
    expect(base58Check(0, hex('62e907b15cbf27d5425399ebf6f0fb50ebb88f18'))).toBe(
      '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
    );
    expect(segwitV0Address('bc', hex('751e76e8199196d454941c45d1b3a323f1433bd6'))).toBe(
      'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
    );
    // EIP-55's examples.
    for (const address of [
      '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
      '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
      '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
    ]) {
      expect(eip55(address.toLowerCase())).toBe(address);
    }
    // ISO 13616's example.
    expect(ibanWithCheckDigits('GB', 'WEST12345698765432')).toBe('GB82WEST12345698765432');
  });

  it('makes IBANs whose mod 97 is 1 and phone numbers valid in their plan', () => {
    const random = new Random(3);
    for (let i = 0; i < 50; i++) {
      for (const iban of [moroccanIban(random), frenchIban(random)]) {
        const rearranged = `${iban.slice(4)}${iban.slice(0, 4)}`.replace(/[A-Z]/g, (c) =>
          String(c.charCodeAt(0) - 55),
        );
        expect(BigInt(rearranged) % 97n).toBe(1n);
      }
      for (const country of ['MA', 'CI', 'NG', 'FR'] as const) {
        const phone = parsePhoneNumberFromString(mobileNumber(random, country));
        expect(phone?.country).toBe(country);
        expect(phone?.getType()).toMatch(/MOBILE/);
      }
    }
  });

  it('is the same for the same seed', () => {
    expect(new Random(9).string('abc', 20)).toBe(new Random(9).string('abc', 20));
    expect(new Random(9).string('abc', 20)).not.toBe(new Random(10).string('abc', 20));
  });
});
