/**
 * The result of `analyze`, described with plain types and `as const` lists so that other layers
 * (the server's zod schemas, the web portal) can enumerate every value without importing logic.
 */

/** How sure Aman is that the message is a sextortion attempt. */
export const VERDICTS = ['sextortion', 'suspicious', 'not-detected'] as const;
export type Verdict = (typeof VERDICTS)[number];

/**
 * The kind of scam, which changes what it means for the victim:
 * - `webcam-blackmail`: a targeted blackmail after a video call or an exchange of photos; a
 *   recording very likely exists.
 * - `mass-email-bluff`: the mass-mailed "I hacked your webcam" e-mail; there is no video.
 * - `minor-targeted`: the person targeted is a minor (images they sent are used against them).
 * - `other-extortion`: extortion without intimate material (a fake hitman, "I know you cheated",
 *   a fake police fine).
 * - `lure`: the approach before any threat (a stranger moving the chat to a video app).
 */
export const FAMILIES = [
  'webcam-blackmail',
  'mass-email-bluff',
  'minor-targeted',
  'other-extortion',
  'lure',
] as const;
export type Family = (typeof FAMILIES)[number];

/**
 * Languages told apart: French, English, Modern Standard Arabic, Moroccan Darija in Arabic script
 * (`ary`) and in Latin letters with digits, "Arabizi" (`ary-Latn`); `und` when there is too little
 * text to tell.
 */
export const LANGUAGES = ['fr', 'en', 'ar', 'ary', 'ary-Latn', 'und'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The languages explanations are written in. */
export const LOCALES = ['fr', 'ar', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** One text in each locale, so a portal can switch language without analysing again. */
export type LocalizedText = Readonly<Record<Locale, string>>;

/** A [start, end) range of UTF-16 code units of the analysed text (`text.slice(start, end)`). */
export type Span = readonly [start: number, end: number];

/**
 * What a reason points at. Stages of a webcam blackmail first, then the signs of the mass e-mail,
 * then what pushes the victim to pay, then the context that makes a text not a threat.
 */
export const CUES = [
  // the lure
  'move-to-private-app',
  'video-call-request',
  'camera-excuse',
  'undress-request',
  'profile-check',
  // the reveal
  'recording-claim',
  'intimate-material',
  'contacts-harvested',
  // the mass e-mail's claims
  'device-hacked-claim',
  'adult-site-claim',
  'password-quoted',
  // the threat
  'threat-to-share',
  'threat-to-publish',
  'reputation-threat',
  // the demand
  'payment-demand',
  'crypto-payment',
  'money-transfer',
  'gift-card-payment',
  // the pressure
  'deadline',
  'no-police',
  'escalation',
  'fake-authority',
  // who is targeted, and extortion of other kinds
  'minor-target',
  'other-extortion-threat',
  // context that lowers the verdict
  'awareness-context',
  'news-context',
  'joke-context',
] as const;
export type Cue = (typeof CUES)[number];

/** Why the verdict is what it is: a cue, where it is in the text, and what it means. */
export interface Reason {
  readonly cue: Cue;
  readonly span: Span;
  readonly explanation: LocalizedText;
}

/** The identifiers a blackmailer leaves, which victims keep for the police and platforms. */
export const INDICATOR_TYPES = [
  'bitcoin',
  'ethereum',
  'tron',
  'litecoin',
  'monero',
  'iban',
  'phone',
  'email',
  'url',
  'social',
  'mtcn',
  'moneygram',
  'transfer-ref',
  'amount',
  'deadline',
  'receiver',
] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

/** Social networks and messengers whose handles and profile links are recognised. */
export const SOCIAL_SERVICES = [
  'skype',
  'facebook',
  'instagram',
  'snapchat',
  'whatsapp',
  'telegram',
  'tiktok',
  'twitter',
  'discord',
] as const;
export type SocialService = (typeof SOCIAL_SERVICES)[number];

/** Money-transfer services whose references are recognised. */
export const TRANSFER_SERVICES = [
  'western-union',
  'moneygram',
  'wafacash',
  'cash-plus',
  'damane-cash',
  'barid-cash',
  'ria',
  'worldremit',
] as const;
export type TransferService = (typeof TRANSFER_SERVICES)[number];

/**
 * An identifier found in the text.
 * - `value`: exactly as written (`text.slice(...span)`), obfuscation included.
 * - `normalized`: the canonical form to compare across messages: E.164 for phones (`+212612345678`),
 *   upper case without spaces for IBANs, lower case for Bech32 and Ethereum addresses, refanged
 *   URLs and e-mails, `service:handle` for social accounts, `"<amount> <ISO 4217 or ticker>"` for
 *   amounts (`"500 EUR"`), an ISO 8601 duration (`PT48H`), a named time (`tonight`) or a
 *   `--MM-DD` date for deadlines, `"<names>@<city>"` for a money-transfer receiver (names
 *   lower-cased, unaccented and sorted, city reduced to its letters: `amrani el youssef@ouedzem`).
 * - `valid`: false when the value fails its checksum or its format (an IBAN whose mod-97 fails, a
 *   Bitcoin address with a bad checksum, a phone number that cannot exist). Such values are
 *   reported, never dropped: awareness pages quote malformed wallets, and a typo is still a lead.
 */
export interface Indicator {
  readonly type: IndicatorType;
  readonly value: string;
  readonly normalized: string;
  readonly valid: boolean;
  readonly span: Span;
  /** ISO 3166-1 alpha-2 country of a phone number or IBAN. */
  readonly country?: string;
  /** The network or messenger of a `social` indicator. */
  readonly service?: SocialService | TransferService;
  /** The currency of an `amount`: ISO 4217 (EUR, MAD, USD) or a crypto ticker (BTC). */
  readonly currency?: string;
  /** The numeric value of an `amount`. */
  readonly amount?: number;
  /** Why `valid` is false, in words: "checksum", "length", "country", "format". */
  readonly invalidReason?: string;
  /** The city of a money-transfer `receiver`, as written. */
  readonly city?: string;
}

/** Things a victim can do, as keys that the portal renders into a plan in the user's language. */
export const ADVICE_KEYS = [
  'stop-replying',
  'do-not-pay',
  'block-sender',
  'lock-accounts',
  'keep-evidence',
  'report-to-police',
  'report-to-platform',
  'hash-your-media',
  'delete-and-ignore',
  'change-password',
  'talk-to-trusted-adult',
  'minor-helpline',
  'take-it-down',
  'not-your-fault',
] as const;
export type AdviceKey = (typeof ADVICE_KEYS)[number];

/** What the family of scam means for the victim, as data a portal can render as a plan. */
export interface Guidance {
  /**
   * Whether a recording or images of the victim probably exist: true for webcam blackmail and for
   * minors who sent images, false for the mass e-mail bluff, null when the text does not say.
   */
  readonly videoLikelyExists: boolean | null;
  /** Whether the text suggests the person targeted is under 18 (route to the services for minors). */
  readonly minorLikely: boolean;
  /** The steps to take, most urgent first. */
  readonly advice: readonly AdviceKey[];
  /** One or two sentences that say what this means, in each locale. */
  readonly summary: LocalizedText;
}

/** Everything `analyze` says about one message. */
export interface TriageResult {
  readonly verdict: Verdict;
  readonly family: Family | null;
  /** How confident the verdict is, from 0 to 1. */
  readonly confidence: number;
  readonly language: Language;
  readonly reasons: readonly Reason[];
  readonly indicators: readonly Indicator[];
  readonly guidance: Guidance;
}

/** Options of `analyze`. */
export interface AnalyzeOptions {
  /**
   * The country used to read phone numbers written without a country code ("06 12 34 56 78").
   * When omitted it is inferred from the text: Moroccan context or Darija → MA, French → FR.
   */
  readonly defaultCountry?: string;
}
