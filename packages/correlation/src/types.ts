/**
 * What the correlation engine reads: reports made of triage indicators. The shapes are structural so
 * that `@aman/triage`'s results, rows read back from a database and synthetic data all fit.
 */

/** The scam families of `@aman/triage` (see docs/DOMAIN.md). */
export type ScamFamily =
  'webcam-blackmail' | 'mass-email-bluff' | 'minor-targeted' | 'other-extortion' | 'lure';

export const SCAM_FAMILIES: readonly ScamFamily[] = [
  'webcam-blackmail',
  'mass-email-bluff',
  'minor-targeted',
  'other-extortion',
  'lure',
];

/**
 * One identifier found in a message, as `@aman/triage` reports it (its `Indicator` fits this
 * shape): `value` as written, `normalized` in the type's canonical form, `valid` false when a
 * checksum failed, and the details some types carry.
 */
export interface IndicatorInput {
  readonly type: string;
  readonly value: string;
  readonly normalized: string;
  readonly valid: boolean;
  /** [start, end) in the message. */
  readonly span?: readonly [number, number];
  /** The network of a `social` indicator, the service of a transfer reference or receiver. */
  readonly service?: string;
  /** ISO 3166-1 alpha-2 country of a phone number or IBAN. */
  readonly country?: string;
  /** The numeric value and currency of an `amount`. */
  readonly amount?: number;
  readonly currency?: string;
  /** The city of a `receiver`, as written. */
  readonly city?: string;
}

/**
 * One triaged message of one victim's case. A case (one victim) may file several reports.
 *
 * `caseId` is an opaque reference: the engine counts distinct cases (victims) and never exports it.
 */
export interface ReportInput {
  readonly id: string;
  readonly caseId: string;
  /** When the message was reported: an ISO 8601 timestamp or milliseconds since the epoch. */
  readonly receivedAt: string | number;
  readonly family?: ScamFamily | null;
  readonly indicators: readonly IndicatorInput[];
  /** PDQ hashes (64 hex digits) of lure images or video frames attached to the report. */
  readonly lureHashes?: readonly string[];
}

/** The outcome of validating untrusted input (the convention of every Aman library). */
export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: { readonly code: string; readonly message: string } };
