/**
 * The console's store: staff accounts and sessions, helplines, victims' reports, consent shares
 * and their notes, the staff's safelist entries and platforms' API keys. One interface, an SQLite
 * and a PostgreSQL implementation (sqlite/console-sqlite-store.ts, postgres/console-postgres-store.ts),
 * one contract suite (test/console-store.suite.ts). The tables come with the main store's
 * migrations; each method is one transaction.
 *
 * Texts victims and staff write (report bodies, notes) and TOTP secrets arrive here already
 * encrypted by the services (FieldCipher): the store never sees them in clear.
 */
import type { FeedbackDecision, ShareStatus, StaffRole } from '@aman/api';
import type { LockPolicy, StoreKind } from './store.ts';

export interface HelplineRecord {
  readonly id: number;
  readonly name: string;
}

export interface StaffRecord {
  readonly id: number;
  readonly name: string;
  readonly role: StaffRole;
  readonly helpline: HelplineRecord | null;
  readonly platform: { readonly id: number; readonly name: string } | null;
  readonly passwordHash: string | null;
  /** Encrypted (FieldCipher) base32 secrets. */
  readonly totpSecret: string | null;
  readonly totpPending: string | null;
  readonly totpEnabled: boolean;
  /** JSON of the public key (JWK) and of the wrapped private key. */
  readonly publicKey: string | null;
  readonly wrappedPrivateKey: string | null;
  readonly setupExpiresAt: Date | null;
  readonly createdAt: Date;
  readonly disabledAt: Date | null;
}

export interface NewStaff {
  readonly name: string;
  readonly role: StaffRole;
  readonly helplineId: number | null;
  readonly platformId: number | null;
  readonly setupCodeHash: string;
  readonly setupExpiresAt: Date;
  readonly at: Date;
}

export type LoginAttempt =
  | { readonly kind: 'not_found' }
  | { readonly kind: 'locked'; readonly until: Date }
  | { readonly kind: 'reserved'; readonly staff: StaffRecord; readonly attempt: number };

export interface SessionRecord {
  readonly staffId: number;
  readonly csrfToken: string;
  /** When this token was issued (at sign-in, or at its last rotation). */
  readonly issuedAt: Date;
  readonly lastSeenAt: Date;
  readonly expiresAt: Date;
}

export interface ReportRecord {
  readonly id: number;
  readonly caseId: number;
  readonly receivedAt: Date;
  readonly verdict: string;
  readonly family: string | null;
  /** Encrypted JSON: the text, the identifiers, the lure hashes. */
  readonly body: string;
  readonly synthetic: boolean;
}

/** One entry of the deletion feed: report `reportId` was deleted. */
export interface ReportDeletion {
  readonly seq: number;
  readonly reportId: number;
}

export interface ShareKeyRecord {
  readonly staffId: number;
  /** JSON of the wrapped share key (WrappedShareKey). */
  readonly wrappedKey: string;
}

export interface ShareRecord {
  readonly id: number;
  readonly caseId: number;
  readonly caseNumber: string;
  readonly helpline: HelplineRecord;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
  readonly status: ShareStatus;
  readonly assignee: { readonly id: number; readonly name: string } | null;
  /** JSON {v, iv, ciphertext}; null once revoked. */
  readonly envelope: string | null;
  readonly reports: number;
  readonly signals: number;
  readonly synthetic: boolean;
}

export interface NoteRecord {
  readonly id: number;
  readonly author: { readonly id: number; readonly name: string };
  /** Encrypted. */
  readonly body: string;
  readonly createdAt: Date;
}

export interface SafelistRecord {
  readonly ruleKey: string;
  /** JSON of the entry as @aman/correlation's Safelist.add takes it. */
  readonly entry: string;
  readonly addedBy: string | null;
  readonly createdAt: Date;
}

export interface ApiKeyRecord {
  readonly id: number;
  readonly platformId: number;
  readonly label: string;
  readonly prefix: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

export interface PlatformStatsRecord {
  readonly signalsMatched: number;
  readonly signalsMatchedSince: number;
  readonly feedback: Readonly<Record<FeedbackDecision, number>>;
  readonly awaitingFeedback: number;
}

export type RevokeKeyResult =
  | { readonly kind: 'revoked'; readonly key: ApiKeyRecord }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'already_revoked' };

export interface ConsoleStore {
  readonly kind: StoreKind;
  close(): Promise<void>;

  // --- helplines and staff -------------------------------------------------------------------
  /** The helpline with this name, created when new. */
  ensureHelpline(name: string, at: Date): Promise<HelplineRecord>;
  listHelplines(): Promise<HelplineRecord[]>;
  /** undefined when the name is taken (names compare case-insensitively). */
  createStaff(input: NewStaff): Promise<StaffRecord | undefined>;
  findStaff(id: number): Promise<StaffRecord | undefined>;
  listStaff(): Promise<StaffRecord[]>;
  countStaff(): Promise<number>;
  /** The account waiting for this setup code (unexpired, not disabled). */
  findStaffBySetupCode(codeHash: string, now: Date): Promise<StaffRecord | undefined>;
  /** Sets the password (and key pair) and consumes the setup code; false if it was used meanwhile. */
  completeSetup(input: {
    staffId: number;
    codeHash: string;
    passwordHash: string;
    publicKey: string | null;
    wrappedPrivateKey: string | null;
  }): Promise<boolean>;
  /** A new setup code; the password, TOTP, key pair, sessions and share keys of the account go. */
  resetStaff(input: {
    staffId: number;
    setupCodeHash: string;
    setupExpiresAt: Date;
  }): Promise<boolean>;
  disableStaff(staffId: number, at: Date): Promise<boolean>;
  setPassword(
    staffId: number,
    passwordHash: string,
    wrappedPrivateKey: string | null,
  ): Promise<void>;
  updateTotp(
    staffId: number,
    totp: { secret: string | null; pending: string | null; enabled: boolean },
  ): Promise<void>;
  /** Records that a TOTP time step was used; false if it (or a later one) already was (replay). */
  useTotpStep(staffId: number, step: number): Promise<boolean>;
  /** Counts a sign-in attempt unless the account is locked (by name, case-insensitive). */
  reserveLoginAttempt(name: string, now: Date, lockFor: LockPolicy): Promise<LoginAttempt>;
  clearLoginAttempts(staffId: number): Promise<void>;

  // --- sessions (by the SHA-256 of the token) ------------------------------------------------
  createSession(input: {
    tokenHash: string;
    staffId: number;
    csrfToken: string;
    at: Date;
    expiresAt: Date;
  }): Promise<void>;
  findSession(tokenHash: string): Promise<SessionRecord | undefined>;
  touchSession(tokenHash: string, at: Date): Promise<void>;
  /**
   * Issues a new token for the session (same staff, CSRF token and absolute expiry); the old token
   * keeps working until `graceUntil` (requests already in flight), then dies. False if it is gone.
   */
  rotateSession(oldHash: string, newHash: string, at: Date, graceUntil: Date): Promise<boolean>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Ends every session of an account, but `except`. */
  deleteStaffSessions(staffId: number, except?: string): Promise<void>;

  // --- reports ---------------------------------------------------------------------------------
  addReport(input: {
    caseId: number;
    receivedAt: Date;
    verdict: string;
    family: string | null;
    /** Seals the body for the new row's id (the id is the encryption context). */
    body: (id: number) => string;
    synthetic: boolean;
  }): Promise<ReportRecord>;
  /**
   * Deletes one report of the case (the victim took it back) and appends its id to the deletion
   * feed. False when the case has no such report.
   */
  deleteReport(caseId: number, reportId: number): Promise<boolean>;
  /** Deleted reports' ids with seq > `afterSeq`, in seq order (handed out in commit order). */
  readReportDeletions(afterSeq: number, limit: number): Promise<ReportDeletion[]>;
  /**
   * The seq of the newest deletion in the feed, 0 when it is empty. A reader that takes it before
   * reading every report need not read the feed up to it: those deletions committed before, so
   * their rows are not among the reports it reads.
   */
  lastReportDeletionSeq(): Promise<number>;
  /** Reports with id > `afterId`, in id order (ids are handed out in commit order). */
  readReports(afterId: number, limit: number): Promise<ReportRecord[]>;
  listCaseReports(caseId: number): Promise<ReportRecord[]>;
  /** The number of a case, by its id. */
  caseNumberOf(caseId: number): Promise<string | undefined>;
  countReports(): Promise<{ reports: number; synthetic: number }>;

  // --- consent shares --------------------------------------------------------------------------
  /** 'exists' when the case is already shared (unrevoked) with this helpline. */
  createShare(input: {
    caseId: number;
    helplineId: number;
    envelope: string;
    keys: readonly ShareKeyRecord[];
    at: Date;
  }): Promise<ShareRecord | 'exists'>;
  listCaseShares(caseId: number): Promise<ShareRecord[]>;
  /** Revokes: the envelope, its keys and the helpline's notes are deleted. */
  revokeShare(caseId: number, shareId: number, at: Date): Promise<ShareRecord | undefined>;
  /** A helpline's unrevoked shares, newest first. */
  listHelplineShares(helplineId: number): Promise<ShareRecord[]>;
  findHelplineShare(helplineId: number, shareId: number): Promise<ShareRecord | undefined>;
  /** The share keys held by these staff members, per share. */
  shareKeysOf(staffId: number, shareIds: readonly number[]): Promise<Map<number, ShareKeyRecord>>;
  updateShare(
    shareId: number,
    change: { status?: ShareStatus; assigneeId?: number | null; grant?: ShareKeyRecord },
    at: Date,
  ): Promise<void>;
  addNote(input: {
    shareId: number;
    authorId: number;
    body: (id: number) => string;
    at: Date;
  }): Promise<NoteRecord>;
  listNotes(shareId: number): Promise<NoteRecord[]>;

  // --- safelist entries added by staff ---------------------------------------------------------
  listSafelist(): Promise<SafelistRecord[]>;
  /** Adds or replaces the entry with this rule. */
  putSafelist(input: { ruleKey: string; entry: string; addedBy: string; at: Date }): Promise<void>;
  removeSafelist(ruleKey: string): Promise<boolean>;

  // --- platforms' API keys and statistics ------------------------------------------------------
  listApiKeys(platformId: number): Promise<ApiKeyRecord[]>;
  createApiKey(input: {
    platformId: number;
    keyHash: string;
    prefix: string;
    label: string;
    at: Date;
  }): Promise<ApiKeyRecord>;
  revokeApiKey(platformId: number, keyId: number, at: Date): Promise<RevokeKeyResult>;
  /** Revokes `keyId` and creates its replacement, in one transaction. */
  rotateApiKey(input: {
    platformId: number;
    keyId: number;
    keyHash: string;
    prefix: string;
    at: Date;
  }): Promise<{ kind: 'rotated'; key: ApiKeyRecord } | { kind: 'not_found' | 'already_revoked' }>;
  platformStats(platformId: number, since: Date): Promise<PlatformStatsRecord>;
}
