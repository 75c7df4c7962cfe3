/**
 * The store: every read and write of the hash bank, behind one interface with two implementations
 * (SQLite, the embedded default, and PostgreSQL, for production). Both run the same test suite
 * (test/store.suite.ts). Each method is one transaction: a caller never sees half a change.
 *
 * Values are stored as text: hex for pdq/md5/sha256, and for vPDQ the JSON array of canonical
 * compact frames (see @aman/api signals.ts).
 */
import type {
  BankPurpose,
  BankThresholds,
  CaseStatus,
  FeedbackDecision,
  Scope,
  SignalStatus,
  SignalType,
} from '@aman/api';

export type StoreKind = 'sqlite' | 'postgres';

export interface BankRecord {
  readonly id: number;
  readonly name: string;
  readonly purpose: BankPurpose;
  readonly thresholds: BankThresholds;
}

/** A signal about to be stored: canonical value text. */
export interface NewSignal {
  readonly type: SignalType;
  readonly value: string;
  readonly quality: number | null;
}

export interface SignalRecord extends NewSignal {
  readonly id: number;
  readonly bankId: number;
  readonly caseId: number | null;
  readonly status: SignalStatus;
  readonly createdAt: Date;
}

export interface CaseRecord {
  readonly id: number;
  readonly caseNumber: string;
  readonly pinHash: string;
  readonly status: CaseStatus;
  readonly createdAt: Date;
}

/** One entry of the change feed, with what a reader needs to apply it. */
export interface ChangeRecord {
  readonly seq: number;
  readonly op: 'add' | 'withdraw';
  readonly signalId: number;
  readonly type: SignalType;
  readonly value: string;
  readonly bankId: number;
  readonly bankName: string;
  readonly at: Date;
}

/** A signal that platforms match, as the matcher loads it. */
export interface ActiveSignal {
  readonly id: number;
  readonly bankId: number;
  readonly type: SignalType;
  readonly value: string;
}

export interface PlatformRecord {
  readonly id: number;
  readonly name: string;
  readonly scopes: readonly Scope[];
  readonly createdAt: Date;
}

export interface FeedbackRecord {
  readonly platformName: string;
  readonly signalId: number;
  readonly decision: FeedbackDecision;
  readonly at: Date;
}

export interface QuarantineRecord {
  readonly signal: SignalRecord;
  readonly bankName: string;
  readonly quarantinedAt: Date;
  /** Distinct platforms that matched the signal since the start of the flood window. */
  readonly platforms: number;
}

/** The outcome of asking to try a PIN on a case. */
export type PinAttempt =
  | { readonly kind: 'not_found' }
  | { readonly kind: 'locked'; readonly until: Date }
  /** The attempt is counted as failed until `clearPinAttempts` says it succeeded. */
  | { readonly kind: 'reserved'; readonly record: CaseRecord; readonly attempt: number };

/** How long a case locks after its n-th consecutive failed attempt (ms), or null: no lock. */
export type LockPolicy = (attempt: number) => number | null;

export type AddCaseSignalsResult =
  | { readonly kind: 'added'; readonly signals: readonly SignalRecord[] }
  | { readonly kind: 'case_withdrawn' }
  | { readonly kind: 'case_full' };

export type WithdrawResult =
  | { readonly kind: 'withdrawn'; readonly ids: readonly number[] }
  | { readonly kind: 'unknown_signal'; readonly id: number };

export type ReviewResult =
  | { readonly kind: 'reviewed'; readonly status: SignalStatus }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'not_quarantined' };

export interface Store {
  readonly kind: StoreKind;
  /** Brings the schema up to date; safe to call from several processes at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  listBanks(): Promise<BankRecord[]>;
  countActiveSignals(): Promise<Map<number, number>>;
  updateBankThresholds(bankId: number, thresholds: BankThresholds): Promise<BankRecord>;

  /**
   * Creates a case with its signals (in the bank `bankId`) and their `add` changes. Throws
   * `CaseNumberTakenError` if the number exists (80 random bits: the caller draws another).
   */
  createCase(input: {
    caseNumber: string;
    pinHash: string;
    bankId: number;
    signals: readonly NewSignal[];
    at: Date;
  }): Promise<{ caseId: number; signals: SignalRecord[] }>;
  findCase(caseNumber: string): Promise<CaseRecord | undefined>;
  /** Counts one PIN attempt unless the case is locked; locks it for `lockFor(attempt)` ms. */
  reservePinAttempt(caseNumber: string, now: Date, lockFor: LockPolicy): Promise<PinAttempt>;
  /** The PIN was right: forget the failed attempts and any lock. */
  clearPinAttempts(caseId: number): Promise<void>;
  listCaseSignals(caseId: number): Promise<SignalRecord[]>;
  listCaseFeedback(caseId: number): Promise<FeedbackRecord[]>;
  /** Adds signals to a case; one already active in the case is returned instead of duplicated. */
  addCaseSignals(input: {
    caseId: number;
    bankId: number;
    signals: readonly NewSignal[];
    maxSignals: number;
    at: Date;
  }): Promise<AddCaseSignalsResult>;
  /** Withdraws the listed signals of a case, or all of them and the case itself. */
  withdrawCaseSignals(input: {
    caseId: number;
    signalIds: readonly number[] | 'all';
    at: Date;
  }): Promise<WithdrawResult>;

  /** Adds signals to a bank outside any case (lure and allow banks). */
  addBankSignals(input: {
    bankId: number;
    signals: readonly NewSignal[];
    at: Date;
  }): Promise<SignalRecord[]>;
  withdrawBankSignals(input: {
    bankId: number;
    signalIds: readonly number[];
    at: Date;
  }): Promise<WithdrawResult>;

  /** The seq of the last change (0 when there is none). */
  latestSeq(): Promise<number>;
  /** Changes with seq > `afterSeq`, in order. Seq order is commit order: no change appears late. */
  readChanges(afterSeq: number, limit: number): Promise<ChangeRecord[]>;
  /**
   * Visits every active signal as of one consistent snapshot and returns the seq of the last change
   * in that snapshot: tail the feed from there and nothing is missed or applied twice.
   */
  snapshotActiveSignals(visit: (signal: ActiveSignal) => void): Promise<number>;

  /** Creates a platform; `undefined` when the name is taken. */
  createPlatform(input: {
    name: string;
    apiKeyHash: string;
    scopes: readonly Scope[];
    at: Date;
  }): Promise<PlatformRecord | undefined>;
  /** Replaces a platform's key; false when there is no such platform. */
  replacePlatformKey(name: string, apiKeyHash: string): Promise<boolean>;
  findPlatformByKeyHash(apiKeyHash: string): Promise<PlatformRecord | undefined>;
  listPlatforms(): Promise<PlatformRecord[]>;

  /** Records (or updates) a platform's decision on a signal; false when there is no such signal. */
  recordFeedback(input: {
    platformId: number;
    signalId: number;
    decision: FeedbackDecision;
    at: Date;
  }): Promise<boolean>;

  /** Notes that a platform matched a signal; returns the distinct platforms that did since `since`. */
  recordMatch(input: {
    signalId: number;
    platformId: number;
    at: Date;
    since: Date;
  }): Promise<number>;
  /** Sets an active signal aside (a `withdraw` change); false if not active or released by review. */
  quarantineSignal(signalId: number, at: Date): Promise<boolean>;
  listQuarantined(since: Date): Promise<QuarantineRecord[]>;
  /** release: active again (an `add` change) and exempt from flood control; reject: never again. */
  reviewSignal(signalId: number, decision: 'release' | 'reject', at: Date): Promise<ReviewResult>;
}

/** The case number drawn is already taken (the caller draws another). */
export class CaseNumberTakenError extends Error {
  constructor() {
    super('case number already taken');
    this.name = 'CaseNumberTakenError';
  }
}
