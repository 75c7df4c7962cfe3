/**
 * The security headers of every answer, and the cross-site check of every request that carries a
 * cookie.
 *
 * - Content-Security-Policy: the portal's own policy (the one its built index.html carries in a
 *   <meta> tag, so there is one source of truth) plus `frame-ancestors 'none'`, which a meta tag
 *   cannot set, on the portal's files (its pages, and its scripts: a Web Worker runs under the
 *   policy its own script was served with); pages that set their own (the API docs) keep theirs;
 *   API answers (JSON, bytes) get `default-src 'none'`, so one opened as a page can run nothing.
 * - Strict-Transport-Security when the request came over TLS (directly, or through a trusted
 *   proxy's X-Forwarded-Proto): browsers then refuse plain HTTP for two years.
 * - X-Frame-Options DENY (older browsers), Cross-Origin-Opener-Policy and -Resource-Policy
 *   same-origin (no other site holds a handle on the portal's window or embeds its answers),
 *   Permissions-Policy (no camera, microphone, location, payment or USB: the portal needs none),
 *   X-Content-Type-Options nosniff, Referrer-Policy no-referrer (portal URLs can hold a case
 *   number).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { checkSameOrigin } from './staff-auth.ts';

/** When the portal's build is missing or has no policy: its own files only. */
const FALLBACK_PAGE_POLICY =
  "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";
const NON_PAGE_POLICY =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
export const PERMISSIONS_POLICY =
  'camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()';
const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * The Content-Security-Policy of the portal's `index.html` (its `<meta http-equiv>` tag), or
 * undefined when there is none.
 *
 * @example
 * pagePolicyOf('<meta http-equiv="Content-Security-Policy" content="default-src \'self\'">');
 * // "default-src 'self'"
 */
export function pagePolicyOf(html: string): string | undefined {
  const tag = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
  return tag?.[1]
    ?.replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/**
 * Adds the headers above to every answer, and refuses (403 `csrf_failed`) any request that
 * changes something, carries a cookie, and was sent by a page of another site: cookies are the
 * only ambient credential here (the staff session), and this holds for every route, present or
 * future, whatever its own checks.
 *
 * @example
 * installSecurityHeaders(app, { webRoot: 'web/dist' });
 */
export function installSecurityHeaders(
  app: FastifyInstance,
  options: { readonly webRoot?: string },
): void {
  const index = options.webRoot === undefined ? undefined : join(options.webRoot, 'index.html');
  const portal =
    (index !== undefined && existsSync(index)
      ? pagePolicyOf(readFileSync(index, 'utf8'))
      : undefined) ?? FALLBACK_PAGE_POLICY;
  const pagePolicy = `${portal.replace(/;\s*$/, '')}; frame-ancestors 'none'`;

  app.addHook('onRequest', (request, _reply, done) => {
    const changes = request.method !== 'GET' && request.method !== 'HEAD';
    try {
      if (changes && request.headers.cookie !== undefined) checkSameOrigin(request);
      done();
    } catch (error) {
      done(error as Error);
    }
  });

  app.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('referrer-policy', 'no-referrer');
    void reply.header('x-frame-options', 'DENY');
    void reply.header('cross-origin-opener-policy', 'same-origin');
    void reply.header('cross-origin-resource-policy', 'same-origin');
    void reply.header('permissions-policy', PERMISSIONS_POLICY);
    if (request.protocol === 'https') void reply.header('strict-transport-security', HSTS);
    if (!reply.hasHeader('content-security-policy')) {
      const api = request.url === '/api' || request.url.startsWith('/api/');
      void reply.header('content-security-policy', api ? NON_PAGE_POLICY : pagePolicy);
    }
    done(null, payload);
  });
}
