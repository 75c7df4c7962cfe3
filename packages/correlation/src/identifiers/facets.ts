/**
 * What an identifier says about a network besides linking it: the country it points to and the
 * payment channel it belongs to.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { IndicatorInput } from '../types.ts';
import type { LinkKey } from './link-key.ts';

/** How blackmailers ask to be paid. */
export type PaymentChannel =
  | 'western-union'
  | 'moneygram'
  | 'wafacash'
  | 'cash-plus'
  | 'money-transfer'
  | 'bank-transfer'
  | 'bitcoin'
  | 'litecoin'
  | 'ethereum'
  | 'tron'
  | 'monero'
  | 'gift-card'
  | 'mobile-payment';

/** Where a country was read from. */
export type CountrySource = 'phone' | 'iban';

/**
 * The ISO 3166-1 alpha-2 country an identifier points to: the country of a phone number (from its
 * calling code and numbering plan) or of an IBAN (its first two letters). Null for other kinds.
 *
 * @example
 * identifierCountry({ kind: 'phone', value: '+2250707123456', key: '…' }); // { country: 'CI', source: 'phone' }
 * identifierCountry({ kind: 'iban', value: 'MA64…', key: '…' });           // { country: 'MA', source: 'iban' }
 */
export function identifierCountry(
  key: LinkKey,
): { readonly country: string; readonly source: CountrySource } | null {
  if (key.kind === 'iban') return { country: key.value.slice(0, 2), source: 'iban' };
  if (key.kind === 'phone') {
    const country = parsePhoneNumberFromString(key.value)?.country;
    return country === undefined ? null : { country, source: 'phone' };
  }
  return null;
}

const SERVICE_CHANNELS: ReadonlyArray<readonly [RegExp, PaymentChannel]> = [
  [/western|\bwu\b|mtcn/i, 'western-union'],
  [/money\s*gram/i, 'moneygram'],
  [/wafa\s*cash/i, 'wafacash'],
  [/cash\s*plus/i, 'cash-plus'],
  [/gift|itunes|steam|google\s*play|amazon|pcs|transcash|neosurf|paysafe/i, 'gift-card'],
  [/cash\s*app|zelle|venmo|paypal|orange\s*money|mtn|wave/i, 'mobile-payment'],
];

/**
 * The payment channel an identifier or indicator belongs to, or null (phones, e-mails, accounts…).
 * A transfer reference or receiver names its service in the indicator's `service` detail when
 * triage found one.
 *
 * @example
 * paymentChannel({ kind: 'mtcn', value: '1234567890', key: 'mtcn:1234567890' }); // 'western-union'
 */
export function paymentChannel(key: LinkKey, indicator?: IndicatorInput): PaymentChannel | null {
  switch (key.kind) {
    case 'mtcn':
      return 'western-union';
    case 'moneygram':
      return 'moneygram';
    case 'iban':
      return 'bank-transfer';
    case 'bitcoin':
    case 'litecoin':
    case 'ethereum':
    case 'tron':
    case 'monero':
      return key.kind;
    case 'transfer-reference':
    case 'receiver':
      return serviceChannel(indicator) ?? 'money-transfer';
    case 'phone':
    case 'email':
    case 'account':
    case 'url':
      return null;
  }
}

/** The channel named by an indicator's `service` detail or by its type ("wafacash"), if any. */
export function serviceChannel(indicator: IndicatorInput | undefined): PaymentChannel | null {
  if (indicator === undefined) return null;
  const service = typeof indicator['service'] === 'string' ? indicator['service'] : indicator.type;
  for (const [pattern, channel] of SERVICE_CHANNELS) if (pattern.test(service)) return channel;
  return null;
}

/** A demanded amount read from an `amount` indicator. */
export interface DemandedAmount {
  readonly amount: number;
  /** ISO 4217 code (or the crypto ticker: BTC, ETH, USDT…). */
  readonly currency: string;
}

/**
 * Reads an amount indicator: its `amount` / `currency` details when present, else its normalized
 * text ("500 EUR", "EUR 500", "0.1 BTC"). Null for anything else.
 *
 * @example
 * demandedAmount({ type: 'amount', value: '500€', normalized: '500 EUR', valid: true }); // { amount: 500, currency: 'EUR' }
 */
export function demandedAmount(indicator: IndicatorInput): DemandedAmount | null {
  if (indicator.type !== 'amount') return null;
  const amount = indicator['amount'];
  const currency = indicator['currency'];
  if (typeof amount === 'number' && typeof currency === 'string' && Number.isFinite(amount)) {
    return amount > 0 ? { amount, currency: currency.toUpperCase() } : null;
  }
  const text = indicator.normalized.replace(/,/g, '');
  const match =
    /^([\d.]+)\s*([A-Za-z]{3,4})$/.exec(text) ?? /^([A-Za-z]{3,4})\s*([\d.]+)$/.exec(text);
  if (match === null) return null;
  const [first, second] = [match[1]!, match[2]!];
  const numeric = /^[\d.]+$/.test(first) ? first : second;
  const code = numeric === first ? second : first;
  const value = Number.parseFloat(numeric);
  return Number.isFinite(value) && value > 0
    ? { amount: value, currency: code.toUpperCase() }
    : null;
}
