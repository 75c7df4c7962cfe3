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
  | {
      readonly kind: 'withdrawn';
      readonly ids: readonly number[];
      /** Whole-case withdrawals: the evidence items deleted with the case. */
      readonly evidenceDeleted?: number;
      /** Whole-case withdrawals: the messages (reports) deleted with the case. */
      readonly reportsDeleted?: number;
    }
  | { readonly kind: 'unknown_signal'; readonly id: number };

export type ReviewResult =
  | { readonly kind: 'reviewed'; readonly status: SignalStatus }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'not_quarantined' };

/** A data key this database has data under: its id and check value, never the key itself. */
export interface RegisteredKey {
  readonly id: string;
  readonly checkValue: string;
  readonly createdAt: Date;
}

export type AuditActorKind = 'staff' | 'platform' | 'victim' | 'system';

/** One row of the audit log, as stored (see security/audit-trail.ts for the MAC chain). */
export interface AuditRecord {
  readonly seq: number;
  readonly at: Date;
  readonly actorKind: AuditActorKind;
  readonly actorId: string;
  readonly action: string;
  readonly target: string | null;
  /** JSON text, stored exactly as sealed. */
  readonly details: string;
  readonly keyId: string;
  readonly mac: string;
}

/** The newest seq and a MAC over it (seq 0 and empty strings: nothing appended yet). */
export interface AuditHead {
  readonly seq: number;
  readonly keyId: string;
  readonly mac: string;
}

/** Makes the next audit row (and the new head) from the previous row, inside the append. */
export type AuditSealer = (previous: AuditRecord | undefined) => {
  record: AuditRecord;
  head: AuditHead;
};

/**
 * A column that holds FieldCipher output. Every such column is listed in ENCRYPTED_COLUMNS so that
 * `aman keys rotate` re-wraps every value under the new key and `aman keys retire` can prove no value
 * still needs the old one. The table must have an integer `id` primary key.
 */
export interface EncryptedColumn {
  readonly table: string;
  readonly column: string;
  /** text: FieldCipher.encrypt output; bytes: BytesCipher.encryptBytes output (BLOB / bytea). */
  readonly kind: 'text' | 'bytes';
}

/** Add a line here with every new encrypted column (and the encryption-at-rest test finds it). */
export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  { table: 'evidence', column: 'sealed', kind: 'bytes' },
  // The console (issue 6): victims' messages, helpline notes, staff one-time-code secrets.
  { table: 'reports', column: 'body', kind: 'text' },
  { table: 'share_notes', column: 'body', kind: 'text' },
  { table: 'staff', column: 'totp_secret', kind: 'text' },
  { table: 'staff', column: 'totp_pending', kind: 'text' },
];

export interface EvidenceRecord {
  readonly id: number;
  /** The opaque id the victim's browser knows the item by. */
  readonly publicId: string;
  readonly caseId: number;
  /** Bytes of the item as the browser sealed it. */
  readonly size: number;
  readonly createdAt: Date;
}

export type AddEvidenceResult =
  | { readonly kind: 'added'; readonly record: EvidenceRecord }
  | { readonly kind: 'case_withdrawn' }
  | { readonly kind: 'case_full' };

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
  // --- security: data keys, audit log, encrypted columns (security/) ---------------------------

  /** Records that `key` encrypts data here (no-op if already recorded). */
  registerDataKey(key: { id: string; checkValue: string; at: Date }): Promise<void>;
  listDataKeys(): Promise<RegisteredKey[]>;
  /** Forgets a retired key; false if it was not recorded. */
  removeDataKey(id: string): Promise<boolean>;

  /**
   * Appends one audit row: under a lock (appends are serialized), reads the newest row, calls
   * `seal` with it and stores what it returns, row and head together.
   */
  appendAudit(seal: AuditSealer): Promise<AuditRecord>;
  /** Rows with seq > `afterSeq`, in seq order. */
  readAudit(afterSeq: number, limit: number): Promise<AuditRecord[]>;
  readAuditHead(): Promise<AuditHead>;
  /**
   * Key rotation: replaces every row's key id and MAC, in seq order, and the head, in one
   * transaction under the append lock. Returns the number of rows resealed.
   */
  resealAudit(
    reseal: (record: AuditRecord, previousMac: string) => { keyId: string; mac: string },
    sealHead: (last: AuditRecord | undefined) => AuditHead,
  ): Promise<number>;

  /** Values (not NULL) of an encrypted column with id > `afterId`, in id order. */
  readCiphertexts(
    column: EncryptedColumn,
    afterId: number,
    limit: number,
  ): Promise<{ id: number; value: string | Buffer }[]>;
  /** Replaces one value if it is still `expected` (a concurrent write wins); false otherwise. */
  replaceCiphertext(
    column: EncryptedColumn,
    id: number,
    expected: string | Buffer,
    next: string | Buffer,
  ): Promise<boolean>;

  // --- evidence --------------------------------------------------------------------------------

  /** Stores one evidence item unless the case is withdrawn or would exceed the limits. */
  addEvidence(input: {
    caseId: number;
    publicId: string;
    size: number;
    sealed: Buffer;
    at: Date;
    maxItems: number;
    maxBytes: number;
  }): Promise<AddEvidenceResult>;
  /** The case's items, oldest first, without their bytes. */
  listEvidence(caseId: number): Promise<EvidenceRecord[]>;
  getEvidence(
    caseId: number,
    publicId: string,
  ): Promise<{ record: EvidenceRecord; sealed: Buffer } | undefined>;
  /** false when the case has no such item. */
  deleteEvidence(caseId: number, publicId: string): Promise<boolean>;
}

/** The case number drawn is already taken (the caller draws another). */
export class CaseNumberTakenError extends Error {
  constructor() {
    super('case number already taken');
    this.name = 'CaseNumberTakenError';
  }
}
