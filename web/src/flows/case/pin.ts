/**
 * A PIN as the server issues it (`12345-67890`), however it was typed: spaces, no dash.
 *
 * @example
 * parsePin('1234567890'); // '12345-67890'
 * parsePin('1234'); // undefined
 */
export function parsePin(text: string): string | undefined {
  const digits = text.replace(/[\s-]/g, '');
  return /^\d{10}$/.test(digits) ? `${digits.slice(0, 5)}-${digits.slice(5)}` : undefined;
}
