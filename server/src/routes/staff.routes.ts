import type { FastifyInstance } from 'fastify';
import { routes } from '@aman/api';
import { defineRoute, type RouteDeps } from '../http/define-route.ts';
import { checkSameOrigin, clearSessionCookie, setSessionCookie } from '../http/staff-auth.ts';
import type { StaffAccounts } from '../services/staff-accounts.service.ts';
import type { StaffSessions } from '../services/staff-sessions.service.ts';
import { sessionResponse } from '../services/staff-view.ts';
import { idParam } from './params.ts';

/** Staff: sign-in, setup links, sign-out, their own account, and the admins' account management. */
export function staffRoutes(
  app: FastifyInstance,
  deps: RouteDeps & { accounts: StaffAccounts; sessions: StaffSessions },
): void {
  const { accounts, sessions } = deps;
  defineRoute(app, routes.staffLogin, deps, async ({ body, request, reply }) => {
    checkSameOrigin(request);
    deps.rateLimiter.take(request.ip);
    const opened = await sessions.login(body);
    setSessionCookie(request, reply, opened.token);
    return opened.response;
  });
  defineRoute(app, routes.staffSetup, deps, async ({ body, request, reply }) => {
    checkSameOrigin(request);
    deps.rateLimiter.take(request.ip);
    const record = await accounts.completeSetup(body);
    const opened = await sessions.open(record);
    setSessionCookie(request, reply, opened.token);
    return opened.response;
  });
  defineRoute(app, routes.staffLogout, deps, async ({ staff, request, reply }) => {
    await sessions.logout(staff);
    clearSessionCookie(request, reply);
    return { ok: true };
  });
  defineRoute(app, routes.staffMe, deps, async ({ staff }) => {
    const session = await sessions.describe(staff);
    return sessionResponse(staff.record, session);
  });
  defineRoute(app, routes.changePassword, deps, ({ staff, body }) =>
    accounts.changePassword(staff, body),
  );
  defineRoute(app, routes.beginTotp, deps, ({ staff }) => accounts.beginTotp(staff));
  defineRoute(app, routes.confirmTotp, deps, ({ staff, body }) =>
    accounts.confirmTotp(staff, body.code),
  );
  defineRoute(app, routes.disableTotp, deps, ({ staff, body }) =>
    accounts.disableTotp(staff, body.code),
  );
  defineRoute(app, routes.listStaff, deps, () => accounts.list());
  defineRoute(app, routes.createStaff, deps, ({ staff, body }) => accounts.create(staff, body));
  defineRoute(app, routes.resetStaff, deps, ({ staff, params }) =>
    accounts.reset(staff, idParam(params['staffId'])),
  );
  defineRoute(app, routes.disableStaff, deps, ({ staff, params }) =>
    accounts.disable(staff, idParam(params['staffId'])),
  );
}
