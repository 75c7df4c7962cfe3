/**
 * Vitest's asymmetric matchers, typed `unknown` instead of `any` so that type-aware lint can tell a
 * deliberate "anything here" from an accident.
 */
import { expect } from 'vitest';

export const matching = (pattern: RegExp | string): unknown => expect.stringMatching(pattern);
export const anyNumber = (): unknown => expect.any(Number);
export const anyString = (): unknown => expect.any(String);
export const containing = (object: Record<string, unknown>): unknown =>
  expect.objectContaining(object);
