/**
 * The staff session cookie and the CSRF defences of cookie routes, in one place:
 *
 * - the cookie `aman_staff`: HttpOnly (no script reads it), SameSite=Strict (no other site's page
 *   makes the browser send it), Path=/api, Secure when the request came over TLS (directly, or
 *   through a trusted proxy's X-Forwarded-Proto), no Max-Age (it dies with the browser session;
 *   the server enforces the idle and absolute limits);
 * - on every state-changing staff request: the session's CSRF token in X-CSRF-Token (a page of
 *   another origin cannot read it), and a browser-sent Origin or Sec-Fetch-Site that says the
 *   request came from this origin. Sign-in and setup (no session yet) get the origin check.
 *
 * The hardening work can reuse `checkSameOrigin` for any other cookie route.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StaffRole } from '@aman/api';
import { DomainError } from '../errors.ts';
import type { CheckedSession, StaffSessions } from '../services/staff-sessions.service.ts';
import type { SignedInStaff } from '../services/staff-view.ts';

export const SESSION_COOKIE = 'aman_staff';

/** The session token the request carries, if any. */
export function sessionToken(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === SESSION_COOKIE) return part.slice(at + 1).trim();
  }
  return undefined;
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
): void {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  void reply.header(
    'set-cookie',
    `${SESSION_COOKIE}=${token}; Path=/api; HttpOnly; SameSite=Strict${secure}`,
  );
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  void reply.header(
    'set-cookie',
    `${SESSION_COOKIE}=; Path=/api; HttpOnly; SameSite=Strict; Max-Age=0${secure}`,
  );
}

/**
 * Refuses a state-changing request that a browser says came from another site. Requests without
 * Origin and Sec-Fetch-Site (command-line clients) pass: they carry no ambient cookie of a victim
 * of CSRF, and the CSRF token still applies to session routes.
 */
export function checkSameOrigin(request: FastifyRequest): void {
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  const ownOrigin = `${request.protocol}://${request.host}`;
  const crossSite = site !== undefined && site !== 'same-origin' && site !== 'none';
  if (
    crossSite ||
    (origin !== undefined && origin !== 'null' && origin !== ownOrigin) ||
    origin === 'null'
  ) {
    throw new DomainError(
      'csrf_failed',
      'this request came from another site; the console only takes changes from its own pages',
    );
  }
}

/**
 * Checks the session of a staff route (roles, expiry, CSRF on changes) and renews the cookie when
 * the token was rotated.
 */
export async function authenticateStaff(
  request: FastifyRequest,
  reply: FastifyReply,
  roles: readonly StaffRole[],
  sessions: Pick<StaffSessions, 'check'>,
): Promise<SignedInStaff> {
  const changes = request.method !== 'GET' && request.method !== 'HEAD';
  if (changes) checkSameOrigin(request);
  const csrf = request.headers['x-csrf-token'];
  const checked: CheckedSession = await sessions.check(
    sessionToken(request),
    roles,
    changes ? { csrfToken: typeof csrf === 'string' ? csrf : undefined } : undefined,
  );
  if (checked.rotatedToken !== undefined) setSessionCookie(request, reply, checked.rotatedToken);
  return checked.staff;
}
