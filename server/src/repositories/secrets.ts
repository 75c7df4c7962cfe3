/**
 * Random numbers and hashing of secrets: case numbers, PINs and platform API keys.
 *
 * - PINs are 10 digits (33 bits): too few to survive an offline search on a fast hash, so they are
 *   hashed with argon2id (OWASP's parameters: 19 MiB, 2 passes), and online guessing is stopped by
 *   the lockout (services/pin-lock.ts).
 * - API keys are 32 random bytes (256 bits). Nobody can search that space, slow hash or not, so a
 *   plain SHA-256 is the right choice: it lets the server find the platform by the hash of the
 *   presented key with one indexed lookup, and costs microseconds on every platform request, where
 *   argon2 would cost tens of milliseconds.
 */
import { hash as digest, randomBytes, randomInt } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { CASE_NUMBER_BYTES, formatCaseNumber, type CaseNumber } from '@aman/api';

export interface Secrets {
  newCaseNumber(): CaseNumber;
  /** 10 random digits. */
  newPin(): string;
  hashPin(pin: string): Promise<string>;
  verifyPin(pinHash: string, pin: string): Promise<boolean>;
  /** `aman_` and 43 base64url characters. */
  newApiKey(): string;
  hashApiKey(apiKey: string): string;
}

export const PIN_DIGITS = 10;
export const API_KEY_PATTERN = /^aman_[A-Za-z0-9_-]{43}$/;

// Algorithm.Argon2id: a const enum, which isolated modules cannot read by name.
const ARGON2ID = 2 as Algorithm;
/** The argon2id parameters of every secret a person chooses or reads (PINs, staff passwords). */
export const argon2Options = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export const nodeSecrets: Secrets = {
  newCaseNumber: () => formatCaseNumber(randomBytes(CASE_NUMBER_BYTES)),
  newPin: () => {
    let pin = '';
    for (let i = 0; i < PIN_DIGITS; i++) pin += String(randomInt(10));
    return pin;
  },
  hashPin: (pin) => hash(pin, argon2Options),
  verifyPin: async (pinHash, pin) => {
    try {
      return await verify(pinHash, pin);
    } catch {
      return false;
    }
  },
  newApiKey: () => `aman_${randomBytes(32).toString('base64url')}`,
  // The one-shot digest: a third of the cost of createHash().update().digest() on this hot path.
  hashApiKey: (apiKey) => digest('sha256', apiKey, 'hex'),
};
