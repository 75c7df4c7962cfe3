/**
 * Staff accounts: creation by an admin or `aman staff add` (a one-time setup link, never a
 * password in the clear), setup (password, and for helpline members the key pair their browser
 * made), password changes, one-time codes (TOTP), reset and disabling, and the first admin.
 */
import {
  MIN_PASSWORD_LENGTH,
  type ChangePasswordRequest,
  type CreateStaffRequest,
  type OkResponse,
  type SetupLinkResponse,
  type StaffListResponse,
  type StaffView,
  type TotpEnrolment,
  type TotpStatus,
} from '@aman/api';
import { DomainError } from '../errors.ts';
import type { Clock } from '../repositories/clock.ts';
import type { ConsoleStore, StaffRecord } from '../repositories/console-store.ts';
import type { StaffSecrets } from '../repositories/staff-secrets.ts';
import type { Store } from '../repositories/store.ts';
import type { AuditTrail } from '../security/audit-trail.ts';
import type { FieldCipher } from '../security/field-cipher.ts';
import { staffActor, toStaffView, type SignedInStaff } from './staff-view.ts';
import { fromBase32, newTotpSecret, totpUri, verifyTotp } from './totp.ts';

/** How long a setup link works. */
export const SETUP_LINK_HOURS = 72;

export interface StaffAccountsDeps {
  readonly consoleStore: ConsoleStore;
  readonly store: Pick<Store, 'listPlatforms'>;
  readonly secrets: StaffSecrets;
  readonly cipher: FieldCipher;
  readonly audit: AuditTrail;
  readonly clock: Clock;
}

/** Who asks: a signed-in admin, or the command line (which holds the database already). */
export type AccountActor = SignedInStaff | 'cli';

export class StaffAccounts {
  constructor(private readonly deps: StaffAccountsDeps) {}

  /**
   * Creates an account and its one-time setup link.
   *
   * @example
   * const { setupPath } = await accounts.create('cli', { name: 'amina', role: 'helpline', helpline: '3018' });
   */
  async create(actor: AccountActor, request: CreateStaffRequest): Promise<SetupLinkResponse> {
    const { consoleStore, clock } = this.deps;
    const name = request.name.trim();
    const at = clock.now();
    let helplineId: number | null = null;
    let platformId: number | null = null;
    if (request.role === 'helpline') {
      const helpline = await consoleStore.ensureHelpline(
        (request.helpline ?? 'Aman helpline').trim(),
        at,
      );
      helplineId = helpline.id;
    } else if (request.helpline !== undefined) {
      throw new DomainError('invalid_request', 'only helpline members belong to a helpline');
    }
    if (request.role === 'platform') {
      if (request.platform === undefined) {
        throw new DomainError('not_linked', 'a platform account names its platform (platform)');
      }
      const platform = (await this.deps.store.listPlatforms()).find(
        (candidate) => candidate.name === request.platform?.trim(),
      );
      if (platform === undefined) {
        throw new DomainError(
          'not_linked',
          `no platform is named "${request.platform}"; create it first (aman platform add)`,
        );
      }
      platformId = platform.id;
    } else if (request.platform !== undefined) {
      throw new DomainError('invalid_request', 'only platform accounts belong to a platform');
    }
    const code = this.deps.secrets.newToken();
    const expiresAt = new Date(at.getTime() + SETUP_LINK_HOURS * 3_600_000);
    const record = await consoleStore.createStaff({
      name,
      role: request.role,
      helplineId,
      platformId,
      setupCodeHash: this.deps.secrets.sha256(code),
      setupExpiresAt: expiresAt,
      at,
    });
    if (record === undefined) {
      throw new DomainError('staff_exists', `a staff member named "${name}" already exists`);
    }
    await this.deps.audit.record({
      actor: actor === 'cli' ? { kind: 'system', id: 'cli' } : staffActor(actor.record),
      action: 'staff.create',
      target: `staff:${record.id}`,
      details: { role: record.role },
    });
    return setupLink(record, code, expiresAt);
  }

  /** A new setup link for an account; its password, codes, key pair and sessions go. */
  async reset(actor: AccountActor, staffId: number): Promise<SetupLinkResponse> {
    const code = this.deps.secrets.newToken();
    const expiresAt = new Date(this.deps.clock.now().getTime() + SETUP_LINK_HOURS * 3_600_000);
    const done = await this.deps.consoleStore.resetStaff({
      staffId,
      setupCodeHash: this.deps.secrets.sha256(code),
      setupExpiresAt: expiresAt,
    });
    const record = done ? await this.deps.consoleStore.findStaff(staffId) : undefined;
    if (record === undefined) throw staffNotFound(staffId);
    await this.deps.audit.record({
      actor: actor === 'cli' ? { kind: 'system', id: 'cli' } : staffActor(actor.record),
      action: 'staff.reset',
      target: `staff:${staffId}`,
    });
    return setupLink(record, code, expiresAt);
  }

  async disable(actor: SignedInStaff, staffId: number): Promise<StaffView> {
    if (!(await this.deps.consoleStore.disableStaff(staffId, this.deps.clock.now()))) {
      throw staffNotFound(staffId);
    }
    await this.deps.audit.record({
      actor: staffActor(actor.record),
      action: 'staff.disable',
      target: `staff:${staffId}`,
    });
    return toStaffView((await this.deps.consoleStore.findStaff(staffId))!);
  }

  async list(): Promise<StaffListResponse> {
    return { staff: (await this.deps.consoleStore.listStaff()).map(toStaffView) };
  }

  /**
   * Uses a setup link: checks the password policy and, for helpline members, that the browser
   * sent the key pair it made. Returns the account (the caller opens a session).
   */
  async completeSetup(request: {
    code: string;
    password: string;
    keyPair?: { publicKey: object; wrappedPrivateKey: object } | undefined;
  }): Promise<StaffRecord> {
    const { consoleStore, secrets } = this.deps;
    const codeHash = secrets.sha256(request.code);
    const record = await consoleStore.findStaffBySetupCode(codeHash, this.deps.clock.now());
    if (record === undefined) {
      throw new DomainError(
        'invalid_setup_code',
        'this setup link is not valid any more (used, replaced or older than 72 hours); ask an admin for a new one',
      );
    }
    checkPassword(request.password, record.name);
    if (record.role === 'helpline' && request.keyPair === undefined) {
      throw new DomainError(
        'invalid_request',
        'a helpline member needs a key pair (made by the setup page) to read shared cases',
      );
    }
    const done = await consoleStore.completeSetup({
      staffId: record.id,
      codeHash,
      passwordHash: await secrets.hashPassword(request.password),
      publicKey: request.keyPair === undefined ? null : JSON.stringify(request.keyPair.publicKey),
      wrappedPrivateKey:
        request.keyPair === undefined ? null : JSON.stringify(request.keyPair.wrappedPrivateKey),
    });
    if (!done) throw new DomainError('invalid_setup_code', 'this setup link was just used');
    await this.deps.audit.record({
      actor: staffActor(record),
      action: 'staff.setup',
      target: `staff:${record.id}`,
    });
    return (await consoleStore.findStaff(record.id))!;
  }

  async changePassword(staff: SignedInStaff, request: ChangePasswordRequest): Promise<OkResponse> {
    const { consoleStore, secrets } = this.deps;
    const record = staff.record;
    if (
      record.passwordHash === null ||
      !(await secrets.verifyPassword(record.passwordHash, request.currentPassword))
    ) {
      throw new DomainError('invalid_credentials', 'the current password is wrong');
    }
    checkPassword(request.newPassword, record.name);
    if (record.publicKey !== null && request.wrappedPrivateKey === undefined) {
      throw new DomainError(
        'invalid_request',
        'send the private key sealed with the new password (wrappedPrivateKey), or the shared cases become unreadable',
      );
    }
    await consoleStore.setPassword(
      record.id,
      await secrets.hashPassword(request.newPassword),
      request.wrappedPrivateKey === undefined ? null : JSON.stringify(request.wrappedPrivateKey),
    );
    // Anyone else signed in with the old password is signed out.
    await consoleStore.deleteStaffSessions(record.id, staff.sessionHash);
    await this.deps.audit.record({
      actor: staffActor(record),
      action: 'staff.change_password',
      target: `staff:${record.id}`,
    });
    return { ok: true };
  }

  /** A new TOTP secret, pending until confirmed with a code from the app. */
  async beginTotp(staff: SignedInStaff): Promise<TotpEnrolment> {
    const secret = newTotpSecret();
    const record = staff.record;
    await this.deps.consoleStore.updateTotp(record.id, {
      secret: record.totpSecret,
      pending: this.deps.cipher.encrypt(secret, totpContext(record.id, 'pending')),
      enabled: record.totpEnabled,
    });
    return { secret, uri: totpUri(secret, record.name) };
  }

  async confirmTotp(staff: SignedInStaff, code: string): Promise<TotpStatus> {
    const record = staff.record;
    if (record.totpPending === null) {
      throw new DomainError('invalid_totp', 'start again: no one-time code setup is pending');
    }
    const secret = this.deps.cipher.decrypt(record.totpPending, totpContext(record.id, 'pending'));
    await this.checkCode(record.id, secret, code);
    await this.deps.consoleStore.updateTotp(record.id, {
      secret: this.deps.cipher.encrypt(secret, totpContext(record.id, 'secret')),
      pending: null,
      enabled: true,
    });
    await this.deps.audit.record({
      actor: staffActor(record),
      action: 'staff.totp_enable',
      target: `staff:${record.id}`,
    });
    return { totp: true };
  }

  async disableTotp(staff: SignedInStaff, code: string): Promise<TotpStatus> {
    const record = staff.record;
    if (!record.totpEnabled || record.totpSecret === null) return { totp: false };
    await this.checkCode(record.id, this.totpSecretOf(record), code);
    await this.deps.consoleStore.updateTotp(record.id, {
      secret: null,
      pending: null,
      enabled: false,
    });
    await this.deps.audit.record({
      actor: staffActor(record),
      action: 'staff.totp_disable',
      target: `staff:${record.id}`,
    });
    return { totp: false };
  }

  /** Checks a one-time code of an account with TOTP on (used by sign-in). */
  async checkTotp(record: StaffRecord, code: string): Promise<void> {
    await this.checkCode(record.id, this.totpSecretOf(record), code);
  }

  /**
   * The first admin of a new installation, for `aman serve` to print: a new `admin` account and
   * its setup link when there is no admin at all, or a new link when the only admins' links have
   * expired. An admin whose link is still valid (made by `aman staff add`) is left alone: its
   * link stays the one that works. Undefined when an admin can sign in.
   */
  async bootstrapAdmin(): Promise<
    | { readonly kind: 'link'; readonly link: SetupLinkResponse }
    | { readonly kind: 'waiting'; readonly name: string }
    | undefined
  > {
    const staff = await this.deps.consoleStore.listStaff();
    const usable = staff.filter((entry) => entry.role === 'admin' && entry.disabledAt === null);
    if (usable.some((entry) => entry.passwordHash !== null)) return undefined;
    const now = this.deps.clock.now().getTime();
    const waiting = usable.find((entry) => (entry.setupExpiresAt?.getTime() ?? 0) > now);
    if (waiting !== undefined) return { kind: 'waiting', name: waiting.name };
    const expired = usable[0];
    const link =
      expired === undefined
        ? await this.create('cli', { name: 'admin', role: 'admin' })
        : await this.reset('cli', expired.id);
    return { kind: 'link', link };
  }

  private totpSecretOf(record: StaffRecord): string {
    if (record.totpSecret === null) throw new Error(`staff ${record.id} has no TOTP secret`);
    return this.deps.cipher.decrypt(record.totpSecret, totpContext(record.id, 'secret'));
  }

  private async checkCode(staffId: number, secret: string, code: string): Promise<void> {
    const bytes = fromBase32(secret);
    const step = bytes === undefined ? undefined : verifyTotp(bytes, code, this.deps.clock.now());
    // A code works once: replaying one seen on a shoulder or in a log fails.
    if (step === undefined || !(await this.deps.consoleStore.useTotpStep(staffId, step))) {
      throw new DomainError('invalid_totp', 'this one-time code is wrong or was already used');
    }
  }
}

/** The encryption context of an account's TOTP secrets. */
function totpContext(staffId: number, which: 'secret' | 'pending'): string {
  return `staff:${staffId}:totp-${which}`;
}

/** Passphrases, not rules: long enough, and not one character repeated. */
export function checkPassword(password: string, name: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new DomainError(
      'weak_password',
      `a password has at least ${MIN_PASSWORD_LENGTH} characters; a few words make a good one`,
    );
  }
  if (new Set(password).size < 5 || password.toLowerCase().includes(name.toLowerCase())) {
    throw new DomainError(
      'weak_password',
      'this password is too easy to guess (repeated characters, or the account name)',
    );
  }
}

function setupLink(record: StaffRecord, code: string, expiresAt: Date): SetupLinkResponse {
  return {
    staff: toStaffView(record),
    setupCode: code,
    setupPath: `/console/setup#${code}`,
    expiresAt: expiresAt.toISOString(),
  };
}

function staffNotFound(staffId: number): DomainError {
  return new DomainError('staff_not_found', `no staff member has id ${staffId}`);
}
