import type { FastifyInstance } from 'fastify';
import { routes } from '@aman/api';
import { defineRoute, type RouteDeps } from '../http/define-route.ts';
import type { BankService } from '../services/bank.service.ts';
import type { FeedService } from '../services/feed.service.ts';
import type { FeedbackService } from '../services/feedback.service.ts';
import type { MatchService } from '../services/match.service.ts';

/** Platforms: match, sync the change feed, report back, see the banks. */
export function platformRoutes(
  app: FastifyInstance,
  deps: RouteDeps & {
    matching: MatchService;
    feed: FeedService;
    feedback: FeedbackService;
    banks: BankService;
  },
): void {
  defineRoute(app, routes.match, deps, ({ platform, body }) => deps.matching.match(platform, body));
  defineRoute(app, routes.changes, deps, ({ query }) => deps.feed.changes(query));
  defineRoute(app, routes.feedback, deps, ({ platform, body }) =>
    deps.feedback.record(platform, body),
  );
  defineRoute(app, routes.listBanks, deps, () => deps.banks.list());
}
