/**
 * A small URL splitter for identifiers. The library runs without DOM or Node types, so it cannot use
 * `URL`; it only needs the host, path and query of links a blackmailer sends, defanged ones included.
 */

export interface UrlParts {
  /** Lower-case scheme without "://" ("https"), or "" when the text had none. */
  readonly scheme: string;
  /** Lower-case host without "www." or "m." style prefixes handled by callers. */
  readonly host: string;
  readonly port: string;
  /** Path without trailing slash ("" for the root). Case is kept: paths are case-sensitive. */
  readonly path: string;
  /** Query without "?", or "". */
  readonly query: string;
}

const URL_SHAPE =
  /^(?:([a-z][a-z0-9+.-]*):\/\/)?([^/?#:@\s]+(?:@[^/?#:\s]+)?)(?::(\d+))?([^?#\s]*)(?:\?([^#\s]*))?/i;

/**
 * Splits a link into its parts after undoing the usual defanging (`hxxp`, `[.]`, `(.)`, `[:]`).
 * Returns null when the text does not start with a host.
 *
 * @example
 * splitUrl('hxxps://www.Facebook[.]com/john.doe/?ref=x');
 * // { scheme: 'https', host: 'www.facebook.com', port: '', path: '/john.doe', query: 'ref=x' }
 */
export function splitUrl(text: string): UrlParts | null {
  const refanged = text
    .trim()
    .replace(/^hxxp/i, 'http')
    .replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]/gi, '.')
    .replace(/\[:\]/g, ':');
  const match = URL_SHAPE.exec(refanged);
  if (match === null) return null;
  let host = match[2]!.toLowerCase();
  const at = host.lastIndexOf('@');
  if (at >= 0) host = host.slice(at + 1);
  host = host.replace(/\.$/, '');
  if (!host.includes('.') && host !== 'localhost') return null;
  return {
    scheme: (match[1] ?? '').toLowerCase(),
    host,
    port: match[3] ?? '',
    path: (match[4] ?? '').replace(/\/+$/, ''),
    query: match[5] ?? '',
  };
}

/** The value of one query parameter, or undefined. */
export function queryParam(query: string, name: string): string | undefined {
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (key === name) return eq < 0 ? '' : pair.slice(eq + 1);
  }
  return undefined;
}
