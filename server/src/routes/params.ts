import { DomainError } from '../errors.ts';

/** A positive integer id from the path, or 400 `invalid_id`. */
export function idParam(text: string | undefined): number {
  const id = text !== undefined && /^\d{1,15}$/.test(text) ? Number(text) : 0;
  if (id < 1) {
    throw new DomainError(
      'invalid_id',
      `an id is a positive integer, got "${(text ?? '').slice(0, 40)}"`,
    );
  }
  return id;
}
