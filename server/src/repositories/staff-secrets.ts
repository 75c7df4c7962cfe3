/**
 * Secrets of staff accounts: passwords (argon2id with the same parameters as case PINs, see
 * secrets.ts), session tokens, CSRF tokens and setup codes (32 random bytes each, kept as SHA-256:
 * nobody can search a 256-bit space, and a hash lets the server find the row with one lookup).
 */
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { argon2Options } from './secrets.ts';

export interface StaffSecrets {
  hashPassword(password: string): Promise<string>;
  verifyPassword(passwordHash: string, password: string): Promise<boolean>;
  /** 32 random bytes, base64url (session tokens, CSRF tokens, setup codes, API keys' bodies). */
  newToken(): string;
  sha256(text: string): string;
}

// Verified when an account does not exist, so that a wrong name costs as long as a wrong password.
let decoyHash: Promise<string> | undefined;

export const nodeStaffSecrets: StaffSecrets = {
  hashPassword: (password) => hash(password, argon2Options),
  verifyPassword: async (passwordHash, password) => {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  },
  newToken: () => randomBytes(32).toString('base64url'),
  sha256: (text) => createHash('sha256').update(text).digest('hex'),
};

/** Spends the time of one password check, for a name that has no account. */
export async function verifyDecoy(secrets: StaffSecrets, password: string): Promise<void> {
  decoyHash ??= secrets.hashPassword(randomBytes(16).toString('hex'));
  await secrets.verifyPassword(await decoyHash, password);
}
