/**
 * Identifiers that must never link two cases: helpline numbers and official sites that victims and
 * awareness pages quote, exchange wallets that many unrelated people pay through, the example
 * addresses of documentation and awareness campaigns, reserved example domains and numbers.
 *
 * A safelisted identifier still shows on its report (a helpline number a victim quoted is part of
 * the message), but it creates no link and never makes two victims one network.
 */
import { parsePhoneNumberFromString, type NumberType } from 'libphonenumber-js/max';
import { makeLinkKey, type IdentifierKind, type LinkKey } from '../identifiers/link-key.ts';
import type { Result } from '../types.ts';

/** Why an identifier is safelisted. */
export type SafelistReason =
  | 'helpline'
  | 'official-service'
  | 'exchange-wallet'
  | 'awareness-example'
  | 'reserved-example'
  | 'other';

export const SAFELIST_REASONS: readonly SafelistReason[] = [
  'helpline',
  'official-service',
  'exchange-wallet',
  'awareness-example',
  'reserved-example',
  'other',
];

/** Kinds of phone numbers (libphonenumber's types) that a rule can cover. */
export const PHONE_NUMBER_TYPES = [
  'TOLL_FREE',
  'SHARED_COST',
  'UAN',
  'PREMIUM_RATE',
  'VOICEMAIL',
  'PAGER',
] as const;
export type PhoneNumberType = (typeof PHONE_NUMBER_TYPES)[number];

/**
 * What an entry matches: one identifier, every e-mail address and URL under a domain, a range of
 * phone numbers, or every phone number of a kind (toll-free numbers are services, never a
 * blackmailer's WhatsApp).
 */
export type SafelistRule =
  | { readonly type: 'identifier'; readonly key: string }
  | { readonly type: 'domain'; readonly domain: string }
  | { readonly type: 'phone-prefix'; readonly prefix: string }
  | { readonly type: 'phone-type'; readonly phoneType: PhoneNumberType };

export interface SafelistEntry {
  readonly rule: SafelistRule;
  readonly reason: SafelistReason;
  /** Who or what this is, for the person reading the report ("NCMEC CyberTipline"). */
  readonly label: string;
  /** Where the fact comes from (a public page), so that the entry can be checked again. */
  readonly source?: string;
}

/** An entry to add, in the words a person would use: an identifier, a domain or a phone prefix. */
export type SafelistEntryInput = {
  readonly reason: SafelistReason;
  readonly label: string;
  readonly source?: string;
} & (
  | { readonly kind: IdentifierKind; readonly value: string }
  | { readonly domain: string }
  | { readonly phonePrefix: string }
  | { readonly phoneType: PhoneNumberType }
);

/**
 * A mutable set of safelist entries with fast matching. `version` changes on every edit, so that a
 * correlator that already linked reports knows it must relink them.
 *
 * @example
 * const safelist = new Safelist(DEFAULT_SAFELIST);
 * safelist.add({ kind: 'phone', value: '+212 5 22 00 00 00', reason: 'helpline', label: 'Local helpline' });
 * safelist.match(makeLinkKey('email', 'someone@example.com')!)?.reason; // 'reserved-example'
 */
export class Safelist {
  private readonly byKey = new Map<string, SafelistEntry>();
  private readonly byDomain = new Map<string, SafelistEntry>();
  private readonly byPhonePrefix = new Map<string, SafelistEntry>();
  private readonly byPhoneType = new Map<NumberType, SafelistEntry>();
  private editCount = 0;

  constructor(entries: readonly SafelistEntry[] = []) {
    for (const entry of entries) this.put(entry);
  }

  /** Increases on every change. */
  get version(): number {
    return this.editCount;
  }

  get size(): number {
    return this.byKey.size + this.byDomain.size + this.byPhonePrefix.size + this.byPhoneType.size;
  }

  /** Every entry, identifiers first, then domains, phone ranges and phone kinds. */
  entries(): SafelistEntry[] {
    return [
      ...this.byKey.values(),
      ...this.byDomain.values(),
      ...this.byPhonePrefix.values(),
      ...this.byPhoneType.values(),
    ];
  }

  /**
   * Validates and adds an entry (replacing one with the same rule). Returns the stored entry, or an
   * error that says what was wrong with the input.
   */
  add(input: SafelistEntryInput): Result<SafelistEntry> {
    const rule = parseRule(input);
    if (!rule.ok) return rule;
    if (!(SAFELIST_REASONS as readonly string[]).includes(input.reason)) {
      return fail('safelist_bad_reason', `reason must be one of ${SAFELIST_REASONS.join(', ')}`);
    }
    if (typeof input.label !== 'string' || input.label.trim() === '') {
      return fail('safelist_missing_label', 'a safelist entry needs a label that says what it is');
    }
    const entry: SafelistEntry = {
      rule: rule.value,
      reason: input.reason,
      label: input.label.trim(),
      ...(input.source === undefined ? {} : { source: input.source }),
    };
    this.put(entry);
    return { ok: true, value: entry };
  }

  /** Removes the entry with this rule. Returns true when there was one. */
  remove(rule: SafelistRule): boolean {
    const removed = this.mapOf(rule).delete(ruleKey(rule));
    if (removed) this.editCount++;
    return removed;
  }

  /** The entry that covers this identifier, or undefined when it may link reports. */
  match(key: LinkKey): SafelistEntry | undefined {
    const exact = this.byKey.get(key.key);
    if (exact !== undefined) return exact;
    if (this.byDomain.size > 0 && (key.kind === 'email' || key.kind === 'url')) {
      // "a.b.example.com" is covered by entries for itself, "b.example.com", "example.com" and "com".
      let host = hostOf(key);
      while (host !== '') {
        const entry = this.byDomain.get(host);
        if (entry !== undefined) return entry;
        const dot = host.indexOf('.');
        host = dot < 0 ? '' : host.slice(dot + 1);
      }
    }
    if (key.kind === 'phone') {
      for (const [prefix, entry] of this.byPhonePrefix) {
        if (key.value.startsWith(prefix)) return entry;
      }
      if (this.byPhoneType.size > 0) {
        const type = parsePhoneNumberFromString(key.value)?.getType();
        const entry = type === undefined ? undefined : this.byPhoneType.get(type);
        if (entry !== undefined) return entry;
      }
    }
    return undefined;
  }

  private put(entry: SafelistEntry): void {
    this.mapOf(entry.rule).set(ruleKey(entry.rule), entry);
    this.editCount++;
  }

  private mapOf(rule: SafelistRule): Map<string, SafelistEntry> {
    switch (rule.type) {
      case 'identifier':
        return this.byKey;
      case 'domain':
        return this.byDomain;
      case 'phone-prefix':
        return this.byPhonePrefix;
      case 'phone-type':
        return this.byPhoneType as Map<string, SafelistEntry>;
    }
  }
}

function ruleKey(rule: SafelistRule): string {
  switch (rule.type) {
    case 'identifier':
      return rule.key;
    case 'domain':
      return rule.domain;
    case 'phone-prefix':
      return rule.prefix;
    case 'phone-type':
      return rule.phoneType;
  }
}

function parseRule(input: SafelistEntryInput): Result<SafelistRule> {
  if ('phoneType' in input) {
    if (!(PHONE_NUMBER_TYPES as readonly string[]).includes(input.phoneType)) {
      return fail(
        'safelist_bad_phone_type',
        `phoneType must be one of ${PHONE_NUMBER_TYPES.join(', ')}, got "${String(input.phoneType)}"`,
      );
    }
    return { ok: true, value: { type: 'phone-type', phoneType: input.phoneType } };
  }
  if ('domain' in input) {
    const domain = input.domain
      .trim()
      .toLowerCase()
      .replace(/^\*?\./, '');
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(domain)) {
      return fail('safelist_bad_domain', `"${input.domain}" is not a domain name`);
    }
    return { ok: true, value: { type: 'domain', domain } };
  }
  if ('phonePrefix' in input) {
    const prefix = input.phonePrefix.replace(/[\s().-]/g, '').replace(/^00/, '+');
    if (!/^\+[1-9]\d{1,14}$/.test(prefix)) {
      return fail(
        'safelist_bad_phone_prefix',
        `a phone prefix starts with "+" and a country code, got "${input.phonePrefix}"`,
      );
    }
    return { ok: true, value: { type: 'phone-prefix', prefix } };
  }
  const key = makeLinkKey(input.kind, input.value);
  if (key === null) {
    return fail(
      'safelist_bad_identifier',
      `"${input.value}" is not a valid ${input.kind} identifier`,
    );
  }
  return { ok: true, value: { type: 'identifier', key: key.key } };
}

function hostOf(key: LinkKey): string {
  if (key.kind === 'email') return key.value.slice(key.value.lastIndexOf('@') + 1);
  const afterScheme = key.value.indexOf('://');
  const rest = afterScheme < 0 ? key.value : key.value.slice(afterScheme + 3);
  return rest.split(/[/:?]/, 1)[0] ?? '';
}

function fail<T>(code: string, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}
