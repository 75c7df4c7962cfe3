/**
 * Link keys: one string per real-world identifier, the same for every spelling of it. Two reports that
 * share a link key are linked. A key is `<kind>:<canonical value>`, e.g. `phone:+212612345678`,
 * `account:facebook/johndoe`, `iban:MA64…`, `receiver:amrani el youssef@ouedzem`.
 */
import {
  ACCOUNT_PLATFORMS,
  canonicalAccount,
  canonicalEmail,
  canonicalIban,
  canonicalPhone,
  canonicalReceiver,
  canonicalWallet,
  linkTarget,
  type AccountPlatform,
  type WalletChain,
} from './canonical.ts';
import type { IndicatorInput } from '../types.ts';

/** The kinds of identifiers that link reports. */
export type IdentifierKind =
  | 'phone'
  | 'email'
  | 'iban'
  | WalletChain
  | 'account'
  | 'url'
  | 'mtcn'
  | 'moneygram'
  | 'transfer-reference'
  | 'receiver';

export const IDENTIFIER_KINDS: readonly IdentifierKind[] = [
  'phone',
  'email',
  'iban',
  'bitcoin',
  'litecoin',
  'ethereum',
  'tron',
  'monero',
  'account',
  'url',
  'mtcn',
  'moneygram',
  'transfer-reference',
  'receiver',
];

/** A canonical identifier. `key` is the string that links reports. */
export interface LinkKey {
  readonly kind: IdentifierKind;
  /** Canonical value; for accounts `<platform>/<name>`, for receivers `<names>@<city>`. */
  readonly value: string;
  /** `<kind>:<value>`. */
  readonly key: string;
}

/**
 * Builds the key of an identifier from its kind and any spelling of its value, or null when the value
 * is not a usable identifier of that kind.
 *
 * @example
 * makeLinkKey('phone', '00212 612-345-678')?.key;            // 'phone:+212612345678'
 * makeLinkKey('account', 'https://fb.com/John.Doe')?.key;    // 'account:facebook/johndoe'
 * makeLinkKey('iban', 'MA64 0115 1900 …')?.key;              // 'iban:MA640115…'
 */
export function makeLinkKey(kind: IdentifierKind, value: string): LinkKey | null {
  switch (kind) {
    case 'phone':
      return keyOf(kind, canonicalPhone(value));
    case 'email':
      return keyOf(kind, canonicalEmail(value));
    case 'iban':
      return keyOf(kind, canonicalIban(value));
    case 'bitcoin':
    case 'litecoin':
    case 'ethereum':
    case 'tron':
    case 'monero':
      return keyOf(kind, canonicalWallet(kind, value));
    case 'account': {
      const target = linkTarget(value);
      if (target?.kind === 'account') return accountKey(target.platform, target.name);
      const slash = value.indexOf('/');
      const platform = value.slice(0, slash);
      if (slash > 0 && isAccountPlatform(platform)) {
        return accountKey(platform, canonicalAccount(platform, value.slice(slash + 1)));
      }
      return null;
    }
    case 'url':
      return fromLink(value);
    case 'mtcn':
    case 'moneygram': {
      const digits = value.replace(/[\s\-.]/g, '');
      return /^\d{6,16}$/.test(digits) ? keyOf(kind, digits) : null;
    }
    case 'transfer-reference': {
      // "<service>/<code>": the service is kept so that two networks' codes never collide.
      const slash = value.lastIndexOf('/');
      const service = slash < 0 ? 'unknown' : value.slice(0, slash).trim().toLowerCase();
      const code = value
        .slice(slash + 1)
        .replace(/[\s\-.]/g, '')
        .toUpperCase();
      return /^[a-z-]+$/.test(service) && /^[A-Z0-9]{4,24}$/.test(code)
        ? keyOf(kind, `${service}/${code}`)
        : null;
    }
    case 'receiver': {
      const at = value.lastIndexOf('@');
      return at < 0
        ? null
        : keyOf(kind, canonicalReceiver(value.slice(0, at), value.slice(at + 1)));
    }
  }
  // A kind from outside (a request) that this version does not know.
  return null;
}

/**
 * The account key of a platform handle.
 *
 * @example
 * accountKey('instagram', 'sara.love')?.key; // 'account:instagram/sara.love'
 */
export function accountKey(platform: AccountPlatform, name: string | null): LinkKey | null {
  return name === null ? null : keyOf('account', `${platform}/${name}`);
}

/**
 * Parses a key back (`phone:+212…` → its kind and value), for keys stored or typed by a person.
 *
 * @example
 * parseLinkKey('iban:MA64…'); // { kind: 'iban', value: 'MA64…', key: 'iban:MA64…' }
 */
export function parseLinkKey(key: string): LinkKey | null {
  const colon = key.indexOf(':');
  if (colon <= 0) return null;
  const kind = key.slice(0, colon);
  if (!isIdentifierKind(kind)) return null;
  return makeLinkKey(kind, key.slice(colon + 1));
}

/**
 * @example
 * isIdentifierKind('iban'); // true
 */
export function isIdentifierKind(text: string): text is IdentifierKind {
  return (IDENTIFIER_KINDS as readonly string[]).includes(text);
}

/**
 * @example
 * isAccountPlatform('snapchat'); // true
 */
export function isAccountPlatform(text: string): text is AccountPlatform {
  return (ACCOUNT_PLATFORMS as readonly string[]).includes(text);
}

/**
 * The link key of one triage indicator, or null for indicators that link nothing (amounts,
 * deadlines) or whose value cannot be made canonical.
 *
 * This is the adapter to `@aman/triage`: it reads the indicator's `type` and its `normalized` value
 * (plus `platform`, `receiver` and `city` details where the type has them).
 *
 * @example
 * indicatorLinkKey({ type: 'phone', value: '06 12 34 56 78', normalized: '+212612345678', valid: true });
 * // { kind: 'phone', value: '+212612345678', key: 'phone:+212612345678' }
 */
export function indicatorLinkKey(indicator: IndicatorInput): LinkKey | null {
  const normalized = indicator.normalized;
  switch (indicator.type) {
    case 'phone':
      return makeLinkKey('phone', normalized);
    case 'email':
      return makeLinkKey('email', normalized);
    case 'iban':
      return makeLinkKey('iban', normalized);
    case 'bitcoin':
    case 'litecoin':
    case 'ethereum':
    case 'tron':
    case 'monero':
      return makeLinkKey(indicator.type, normalized);
    case 'url':
      return fromLink(normalized);
    case 'social':
      return socialKey(normalized, indicator.service);
    case 'mtcn':
    case 'moneygram':
      return makeLinkKey(indicator.type, normalized);
    case 'transfer-ref': {
      // Codes of different services may collide: the service is part of the key.
      const service = typeof indicator.service === 'string' ? indicator.service : 'unknown';
      return makeLinkKey('transfer-reference', `${service}/${normalized}`);
    }
    case 'receiver':
      return makeLinkKey('receiver', normalized);
    default:
      return null;
  }
}

/**
 * A triage `social` indicator (`service:handle`, or a bare handle with a `service` detail): an
 * account of that platform, or a phone number for WhatsApp. A profile link lands here too.
 */
function socialKey(normalized: string, service: unknown): LinkKey | null {
  const colon = normalized.indexOf(':');
  const prefix = colon > 0 ? normalized.slice(0, colon) : '';
  const platform = typeof service === 'string' ? service : prefix;
  const handle = prefix === platform && colon > 0 ? normalized.slice(colon + 1) : normalized;
  if (platform === 'whatsapp') return makeLinkKey('phone', handle);
  if (!isAccountPlatform(platform)) return null;
  if (looksLikeUrl(handle)) return fromLink(handle);
  // Facebook profile.php?id=… links come back as a bare number: usernames are never all digits.
  const name = platform === 'facebook' && /^\d+$/.test(handle) ? `id:${handle}` : handle;
  return accountKey(platform, canonicalAccount(platform, name));
}

function fromLink(text: string): LinkKey | null {
  const target = linkTarget(text);
  if (target === null) return null;
  switch (target.kind) {
    case 'account':
      return accountKey(target.platform, target.name);
    case 'phone':
      return keyOf('phone', target.number);
    case 'url':
      return keyOf('url', target.url);
  }
}

/** A link rather than a bare handle: a scheme, "www." or a host followed by a path. */
function looksLikeUrl(text: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:\/\/|hxxps?:\/\/|www\.|[a-z0-9-]+(?:\.[a-z0-9-]+)+\/)/i.test(
    text.trim(),
  );
}

function keyOf(kind: IdentifierKind, value: string | null): LinkKey | null {
  return value === null ? null : { kind, value, key: `${kind}:${value}` };
}
