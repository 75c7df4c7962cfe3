/**
 * Staff sessions: sign-in (password, then the one-time code when the account has TOTP on), the
 * check every staff route runs (role, idle and absolute expiry, CSRF token on changes), token
 * rotation, sign-out.
 *
 * - The session token is 256 random bits in an HttpOnly cookie; the database keeps its SHA-256,
 *   so a stolen copy of the database opens no session.
 * - Idle limit 30 minutes, absolute limit 12 hours (a working day), whatever happens.
 * - The token is replaced every 10 minutes of use (and at every sign-in): a token that leaked
 *   stops working soon. The old one keeps working for 30 seconds, for requests already on the way.
 * - Sign-in failures lock the account after 5 tries for 30 s, doubling up to 15 minutes: enough to
 *   stop guessing, short enough that an attacker cannot keep a helpline out of its cases for long.
 */
import type { LoginRequest, SessionResponse, StaffRole } from '@aman/api';
import { DomainError } from '../errors.ts';
import type { Clock } from '../repositories/clock.ts';
import type { ConsoleStore, SessionRecord, StaffRecord } from '../repositories/console-store.ts';
import { verifyDecoy, type StaffSecrets } from '../repositories/staff-secrets.ts';
import type { LockPolicy } from '../repositories/store.ts';
import type { AuditTrail } from '../security/audit-trail.ts';
import type { StaffAccounts } from './staff-accounts.service.ts';
import { sessionResponse, staffActor, type SignedInStaff } from './staff-view.ts';

export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 3_600_000;
export const SESSION_ROTATE_MS = 10 * 60_000;
export const SESSION_GRACE_MS = 30_000;
/** last_seen_at is written at most this often (every request would be a write otherwise). */
const TOUCH_MS = 30_000;

export const FREE_LOGIN_ATTEMPTS = 5;
export const loginLockPolicy: LockPolicy = (attempt) =>
  attempt <= FREE_LOGIN_ATTEMPTS
    ? null
    : Math.min(15 * 60_000, 30_000 * 2 ** (attempt - FREE_LOGIN_ATTEMPTS - 1));

export interface StaffSessionsDeps {
  readonly consoleStore: ConsoleStore;
  readonly secrets: StaffSecrets;
  readonly accounts: StaffAccounts;
  readonly audit: AuditTrail;
  readonly clock: Clock;
}

/** A session that was just opened: the token goes in the cookie, the rest in the answer. */
export interface OpenedSession {
  readonly token: string;
  readonly response: SessionResponse;
}

/** What the session check found: the staff member, and a new token when it was rotated. */
export interface CheckedSession {
  readonly staff: SignedInStaff;
  readonly session: SessionRecord;
  readonly rotatedToken?: string;
}

export class StaffSessions {
  constructor(private readonly deps: StaffSessionsDeps) {}

  /** Signs in; a wrong name and a wrong password get the same answer, after the same work. */
  async login(request: LoginRequest): Promise<OpenedSession> {
    const { consoleStore, secrets, clock } = this.deps;
    const now = clock.now();
    const attempt = await consoleStore.reserveLoginAttempt(request.name, now, loginLockPolicy);
    const wrong = new DomainError('invalid_credentials', 'the name or the password is wrong');
    if (attempt.kind === 'not_found') {
      await verifyDecoy(secrets, request.password);
      throw wrong;
    }
    if (attempt.kind === 'locked') {
      const seconds = Math.max(1, Math.ceil((attempt.until.getTime() - now.getTime()) / 1000));
      throw new DomainError(
        'account_locked',
        `too many failed sign-ins: try again in ${seconds} seconds`,
        { 'retry-after': String(seconds) },
      );
    }
    const record = attempt.staff;
    const passwordOk =
      record.passwordHash !== null &&
      (await secrets.verifyPassword(record.passwordHash, request.password));
    if (!passwordOk || record.disabledAt !== null) throw wrong;
    if (record.totpEnabled) {
      if (request.totp === undefined) {
        throw new DomainError('totp_required', 'enter the 6-digit code of your authenticator app');
      }
      await this.deps.accounts.checkTotp(record, request.totp);
    }
    await consoleStore.clearLoginAttempts(record.id);
    const opened = await this.open(record);
    await this.deps.audit.record({
      actor: staffActor(record),
      action: 'staff.login',
      target: `staff:${record.id}`,
    });
    return opened;
  }

  /** Opens a session for an account (sign-in, or right after its setup). */
  async open(record: StaffRecord): Promise<OpenedSession> {
    const { consoleStore, secrets, clock } = this.deps;
    const now = clock.now();
    const token = secrets.newToken();
    const csrfToken = secrets.newToken();
    const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
    await consoleStore.createSession({
      tokenHash: secrets.sha256(token),
      staffId: record.id,
      csrfToken,
      at: now,
      expiresAt,
    });
    return { token, response: sessionResponse(record, { csrfToken, expiresAt }) };
  }

  /**
   * The check of every staff route: a live session, an account that is not disabled, a role that
   * the route allows, and for changes the session's CSRF token.
   */
  async check(
    token: string | undefined,
    roles: readonly StaffRole[],
    change: { readonly csrfToken: string | undefined } | undefined,
  ): Promise<CheckedSession> {
    const { consoleStore, secrets, clock } = this.deps;
    const signIn = (why: string) =>
      new DomainError('not_signed_in', `${why}; sign in again at /console`);
    if (token === undefined || token === '') throw signIn('not signed in');
    const tokenHash = secrets.sha256(token);
    const session = await consoleStore.findSession(tokenHash);
    if (session === undefined) throw signIn('this session ended');
    const now = clock.now();
    if (
      now.getTime() >= session.expiresAt.getTime() ||
      now.getTime() - session.lastSeenAt.getTime() > SESSION_IDLE_MS
    ) {
      await consoleStore.deleteSession(tokenHash);
      throw signIn('this session expired');
    }
    const record = await consoleStore.findStaff(session.staffId);
    if (record === undefined || record.disabledAt !== null || record.passwordHash === null) {
      await consoleStore.deleteSession(tokenHash);
      throw signIn('this account cannot sign in any more');
    }
    if (change !== undefined && !sameToken(change.csrfToken, session.csrfToken)) {
      throw new DomainError(
        'csrf_failed',
        'this change did not come with the session’s X-CSRF-Token header; reload the console',
      );
    }
    if (!roles.includes(record.role)) {
      throw new DomainError(
        'forbidden_role',
        `this is for ${roles.join(' or ')} accounts; yours is ${record.role}`,
      );
    }
    let rotatedToken: string | undefined;
    let current = tokenHash;
    const remaining = session.expiresAt.getTime() - now.getTime();
    if (
      now.getTime() - session.issuedAt.getTime() > SESSION_ROTATE_MS &&
      remaining > SESSION_GRACE_MS
    ) {
      const fresh = secrets.newToken();
      const freshHash = secrets.sha256(fresh);
      if (
        await consoleStore.rotateSession(
          tokenHash,
          freshHash,
          now,
          new Date(now.getTime() + SESSION_GRACE_MS),
        )
      ) {
        rotatedToken = fresh;
        current = freshHash;
      }
    } else if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_MS) {
      await consoleStore.touchSession(tokenHash, now);
    }
    return {
      staff: { record, role: record.role, sessionHash: current },
      session,
      ...(rotatedToken === undefined ? {} : { rotatedToken }),
    };
  }

  /** The current session's CSRF token and absolute end (for GET /api/v1/staff/me). */
  async describe(staff: SignedInStaff): Promise<{ csrfToken: string; expiresAt: Date }> {
    const session = await this.deps.consoleStore.findSession(staff.sessionHash);
    if (session === undefined) {
      throw new DomainError('not_signed_in', 'this session ended; sign in again at /console');
    }
    return { csrfToken: session.csrfToken, expiresAt: session.expiresAt };
  }

  async logout(staff: SignedInStaff): Promise<void> {
    await this.deps.consoleStore.deleteSession(staff.sessionHash);
    await this.deps.audit.record({
      actor: staffActor(staff.record),
      action: 'staff.logout',
      target: `staff:${staff.record.id}`,
    });
  }
}

function sameToken(sent: string | undefined, expected: string): boolean {
  if (sent === undefined || sent.length !== expected.length) return false;
  let difference = 0;
  for (let i = 0; i < sent.length; i++) difference |= sent.charCodeAt(i) ^ expected.charCodeAt(i);
  return difference === 0;
}
