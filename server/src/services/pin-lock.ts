/**
 * The PIN lockout: why guessing a PIN online is hopeless.
 *
 * A PIN is 10 random digits: 10^10 possibilities. Every attempt is counted before the PIN is
 * checked (concurrent guesses cannot slip through together), and a correct PIN resets the count.
 * The first 5 attempts are free (typos happen); from the 5th failure on, the case locks for 1 minute,
 * then 2, 4, 8… minutes, at most 24 hours. Even an attacker who knows the case number (itself an
 * 80-bit secret) gets 5 + ~11 attempts in the first day and one a day after that: about 380 a year,
 * a chance of 380 / 10^10 ≈ 4·10^-8 per year of finding the PIN. Meanwhile every locked attempt is
 * refused before argon2 runs, so guessing cannot be used to burn the server's CPU either.
 */
import type { LockPolicy } from '../repositories/store.ts';

export const FREE_PIN_ATTEMPTS = 5;
const FIRST_LOCK_MS = 60_000;
const MAX_LOCK_MS = 24 * 60 * 60 * 1000;

/**
 * How long the case locks after its `attempt`-th consecutive wrong PIN, or null for no lock.
 *
 * @example
 * pinLockPolicy(4); // null
 * pinLockPolicy(5); // 60000
 * pinLockPolicy(7); // 240000
 */
export const pinLockPolicy: LockPolicy = (attempt) =>
  attempt < FREE_PIN_ATTEMPTS
    ? null
    : Math.min(FIRST_LOCK_MS * 2 ** (attempt - FREE_PIN_ATTEMPTS), MAX_LOCK_MS);
