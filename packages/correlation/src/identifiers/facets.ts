/**
 * What an identifier says about a network besides linking it: the country it points to and the
 * payment channel it belongs to.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { IndicatorInput } from '../types.ts';
import type { LinkKey } from './link-key.ts';

/** Money-transfer services (the `service` of triage's transfer references). */
export const TRANSFER_CHANNELS = [
  'western-union',
  'moneygram',
  'wafacash',
  'cash-plus',
  'damane-cash',
  'barid-cash',
  'ria',
  'worldremit',
] as const;
export type TransferChannel = (typeof TRANSFER_CHANNELS)[number];

/** How blackmailers ask to be paid. `money-transfer` is a transfer whose service is not known. */
export type PaymentChannel =
  | TransferChannel
  | 'money-transfer'
  | 'bank-transfer'
  | 'bitcoin'
  | 'litecoin'
  | 'ethereum'
  | 'tron'
  | 'monero';

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

/**
 * The payment channel an identifier belongs to, or null (phones, e-mails, accounts, links).
 * A transfer reference carries its service in its key; a receiver in the indicator's `service`.
 *
 * @example
 * paymentChannel({ kind: 'mtcn', value: '1234567890', key: 'mtcn:1234567890' }); // 'western-union'
 * paymentChannel({ kind: 'transfer-reference', value: 'wafacash/77120045', key: '…' }); // 'wafacash'
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
      return transferChannel(key.value.slice(0, key.value.indexOf('/')));
    case 'receiver':
      return transferChannel(indicator?.service);
    case 'phone':
    case 'email':
    case 'account':
    case 'url':
      return null;
  }
}

/**
 * The channel of a transfer service name, `money-transfer` when unknown.
 *
 * @example
 * transferChannel('wafacash'); // 'wafacash'
 */
export function transferChannel(service: unknown): PaymentChannel {
  return typeof service === 'string' && (TRANSFER_CHANNELS as readonly string[]).includes(service)
    ? (service as TransferChannel)
    : 'money-transfer';
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
  const amount = indicator.amount;
  const currency = indicator.currency;
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
