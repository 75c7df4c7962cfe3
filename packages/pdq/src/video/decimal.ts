/**
 * Exact decimal formatting of binary floating-point numbers, the way C's printf and Python's
 * format() do it: from the exact value of the double, ties rounded to even. JavaScript's own
 * `toFixed` rounds ties away from zero (`(0.0625).toFixed(3)` is "0.063", printf gives "0.062"),
 * which would make our vPDQ text differ from the reference's on a few timestamps.
 */

/** `value` (finite) as an exact fraction numerator / 2^shift. */
function exactBinary(value: number): { numerator: bigint; shift: bigint } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const negative = high >>> 31 === 1;
  const biasedExponent = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  let exponent: number;
  if (biasedExponent === 0) {
    exponent = -1074; // subnormal
  } else {
    mantissa |= 1n << 52n;
    exponent = biasedExponent - 1075;
  }
  const signed = negative ? -mantissa : mantissa;
  return exponent >= 0
    ? { numerator: signed << BigInt(exponent), shift: 0n }
    : { numerator: signed, shift: BigInt(-exponent) };
}

/** round_half_even(|value| · 10^power), exactly. */
function scaledInteger(value: number, power: number): bigint {
  const { numerator, shift } = exactBinary(Math.abs(value));
  let top = numerator;
  let bottom = 1n << shift;
  if (power >= 0) top *= 10n ** BigInt(power);
  else bottom *= 10n ** BigInt(-power);
  const quotient = top / bottom;
  const twiceRemainder = (top % bottom) * 2n;
  if (twiceRemainder > bottom || (twiceRemainder === bottom && quotient % 2n === 1n)) {
    return quotient + 1n;
  }
  return quotient;
}

function assertFinite(value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`expected a finite number, got ${value}`);
}

/**
 * `value` with exactly `digits` decimals, as C's `printf("%.*f")` writes it.
 *
 * @example
 * formatFixed(0.0625, 3); // "0.062" (printf), where (0.0625).toFixed(3) gives "0.063"
 */
export function formatFixed(value: number, digits: number): string {
  assertFinite(value);
  const scaled = scaledInteger(value, digits)
    .toString()
    .padStart(digits + 1, '0');
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  if (digits === 0) return sign + scaled;
  return `${sign}${scaled.slice(0, -digits)}.${scaled.slice(-digits)}`;
}

/**
 * `value` rounded to `precision` significant digits, as Python's `format(value, '.N')` writes it
 * (python-threatexchange writes vPDQ timestamps with `{t:.3}`): fixed notation keeps at least one
 * decimal ("1.0"), and scientific notation takes over from 10^(N-1) ("1e+02", "1.23e+02") and
 * below 10^-4 ("1.23e-05").
 *
 * @example
 * formatSignificant(12.345, 3); // "12.3"
 * formatSignificant(100, 3); // "1e+02"
 */
export function formatSignificant(value: number, precision: number): string {
  assertFinite(value);
  if (!Number.isInteger(precision) || precision < 1) {
    throw new RangeError(`precision must be a positive integer, got ${precision}`);
  }
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  if (value === 0) return `${sign}0.0`;
  // The decimal exponent estimate from log10 can be one off either way; correct it exactly.
  let exponent = Math.floor(Math.log10(Math.abs(value)));
  let digits = scaledInteger(value, precision - 1 - exponent);
  const low = 10n ** BigInt(precision - 1);
  const high = 10n ** BigInt(precision);
  for (let tries = 0; tries < 3 && (digits < low || digits >= high); tries++) {
    exponent += digits >= high ? 1 : -1;
    digits = scaledInteger(value, precision - 1 - exponent);
  }
  const text = digits.toString();
  if (exponent < -4 || exponent >= precision - 1) {
    const fraction = text.slice(1).replace(/0+$/, '');
    const mantissa = fraction === '' ? text.slice(0, 1) : `${text.slice(0, 1)}.${fraction}`;
    const exponentText = String(Math.abs(exponent)).padStart(2, '0');
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${exponentText}`;
  }
  // Fixed notation: exponent in [-4, precision - 2], so at least one digit follows the point.
  let fixed: string;
  if (exponent >= 0) {
    fixed = `${text.slice(0, exponent + 1)}.${text.slice(exponent + 1)}`;
  } else {
    fixed = `0.${'0'.repeat(-exponent - 1)}${text}`;
  }
  fixed = fixed.replace(/0+$/, '');
  if (fixed.endsWith('.')) fixed += '0';
  return sign + fixed;
}
