import {
  validate,
  StaffKeyPair,
  type SessionResponse,
  type StaffKeyPair as StaffKeyPairType,
  type StaffRole,
  type StaffView,
} from '@aman/api';
import type { StaffRecord } from '../repositories/console-store.ts';

/** A staff account as the API shows it: never a secret. */
export function toStaffView(record: StaffRecord): StaffView {
  return {
    id: record.id,
    name: record.name,
    role: record.role,
    helpline: record.helpline,
    platform: record.platform?.name ?? null,
    totp: record.totpEnabled,
    active: record.passwordHash !== null,
    disabled: record.disabledAt !== null,
    createdAt: record.createdAt.toISOString(),
  };
}

/** The account's key pair as stored (two JSON columns), or null. */
export function keyPairOf(record: StaffRecord): StaffKeyPairType | null {
  if (record.publicKey === null || record.wrappedPrivateKey === null) return null;
  const parsed = validate(StaffKeyPair, {
    publicKey: JSON.parse(record.publicKey) as unknown,
    wrappedPrivateKey: JSON.parse(record.wrappedPrivateKey) as unknown,
  });
  return parsed.ok ? parsed.value : null;
}

export function sessionResponse(
  record: StaffRecord,
  session: { csrfToken: string; expiresAt: Date },
): SessionResponse {
  return {
    staff: toStaffView(record),
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt.toISOString(),
    keyPair: keyPairOf(record),
  };
}

/** Who did something, for the audit trail. */
export function staffActor(staff: { id: number }): { kind: 'staff'; id: string } {
  return { kind: 'staff', id: String(staff.id) };
}

/** The staff member a route runs for (set by the session check). */
export interface SignedInStaff {
  readonly record: StaffRecord;
  readonly role: StaffRole;
  /** SHA-256 of the session token. */
  readonly sessionHash: string;
}
