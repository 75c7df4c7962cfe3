/**
 * Code-unit order for sorting identifiers, ids and ISO times: the same on every machine and locale,
 * and far cheaper than `localeCompare`, which matters when a summary sorts thousands of identifiers.
 *
 * @example
 * ['b', 'a'].sort(compareCodeUnits); // ['a', 'b']
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
