/** Builds the failure half of a `ParseResult` (internal to the video modules). */
export function failure(
  code: string,
  message: string,
): { readonly ok: false; readonly error: { code: string; message: string } } {
  return { ok: false, error: { code, message } };
}
