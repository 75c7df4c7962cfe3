/**
 * The console's part of the composition: its services over the console store, and its routes.
 * main.ts calls `createConsoleServices` next to `createServices`, app.ts `consoleRoutes`.
 */
import type { FastifyInstance } from 'fastify';
import type { TriageResponse } from '@aman/api';
import type { RouteDeps } from './http/define-route.ts';
import type { Clock } from './repositories/clock.ts';
import type { ConsoleStore } from './repositories/console-store.ts';
import { openConsoleStore } from './repositories/open-console-store.ts';
import type { Secrets } from './repositories/secrets.ts';
import type { StaffSecrets } from './repositories/staff-secrets.ts';
import type { Store } from './repositories/store.ts';
import { caseSharingRoutes } from './routes/case-sharing.routes.ts';
import { correlationRoutes } from './routes/correlation.routes.ts';
import { helplineRoutes } from './routes/helpline.routes.ts';
import { platformConsoleRoutes } from './routes/platform-console.routes.ts';
import { staffRoutes } from './routes/staff.routes.ts';
import type { AuditTrail } from './security/audit-trail.ts';
import type { FieldCipher } from './security/field-cipher.ts';
import type { BankService } from './services/bank.service.ts';
import type { CaseService } from './services/case.service.ts';
import { seedConsoleDemo, type DemoStaff } from './services/console-demo.service.ts';
import { CorrelationService } from './services/correlation.service.ts';
import { PlatformConsoleService } from './services/platform-console.service.ts';
import type { PlatformService } from './services/platform.service.ts';
import { ReportService } from './services/report.service.ts';
import { ShareService } from './services/share.service.ts';
import { StaffAccounts } from './services/staff-accounts.service.ts';
import { StaffSessions } from './services/staff-sessions.service.ts';

export interface ConsoleServices {
  readonly accounts: StaffAccounts;
  readonly sessions: StaffSessions;
  readonly reports: ReportService;
  readonly correlation: CorrelationService;
  readonly shares: ShareService;
  readonly platformConsole: PlatformConsoleService;
}

export interface ConsoleDeps {
  readonly store: Store;
  readonly consoleStore: ConsoleStore;
  /** `afterReportsDeleted`, when given, lets a withdrawal drop the case's messages from correlation at once. */
  readonly cases: Pick<CaseService, 'unlock'> & Partial<Pick<CaseService, 'afterReportsDeleted'>>;
  readonly platforms: Pick<PlatformService, 'create' | 'forgetKeys'>;
  readonly banks: Pick<BankService, 'list' | 'updateThresholds'>;
  readonly triage: (text: string) => TriageResponse;
  readonly cipher: FieldCipher;
  readonly audit: AuditTrail;
  readonly clock: Clock;
  readonly secrets: Secrets;
  readonly staffSecrets: StaffSecrets;
  /** How often correlation reads other processes' reports (0: never; tests). */
  readonly pollIntervalMs: number;
  readonly onError?: (error: unknown) => void;
}

/**
 * Wires the console's services. Call `correlation.start()` before serving.
 *
 * @example
 * const consoleServices = createConsoleServices({ store, consoleStore, ...services, cipher, audit, clock, … });
 * await consoleServices.correlation.start();
 */
export function createConsoleServices(deps: ConsoleDeps): ConsoleServices {
  const { consoleStore, cipher, audit, clock } = deps;
  const accounts = new StaffAccounts({
    consoleStore,
    store: deps.store,
    secrets: deps.staffSecrets,
    cipher,
    audit,
    clock,
  });
  const sessions = new StaffSessions({
    consoleStore,
    secrets: deps.staffSecrets,
    accounts,
    audit,
    clock,
  });
  const correlation = new CorrelationService({
    consoleStore,
    cipher,
    audit,
    clock,
    pollIntervalMs: deps.pollIntervalMs,
    ...(deps.onError === undefined ? {} : { onError: deps.onError }),
  });
  deps.cases.afterReportsDeleted?.(() => correlation.syncAfterWrite());
  const reports = new ReportService({
    consoleStore,
    cases: deps.cases,
    triage: deps.triage,
    correlation,
    cipher,
    audit,
    clock,
  });
  const shares = new ShareService({
    store: deps.store,
    consoleStore,
    cases: deps.cases,
    reports,
    correlation,
    cipher,
    audit,
    clock,
  });
  const platformConsole = new PlatformConsoleService({
    store: deps.store,
    consoleStore,
    platforms: deps.platforms,
    banks: deps.banks,
    secrets: deps.secrets,
    audit,
    clock,
  });
  return { accounts, sessions, reports, correlation, shares, platformConsole };
}

export interface StartedConsole {
  readonly services: ConsoleServices;
  /** Demo mode: the demo staff accounts and their passwords (new at every start). */
  readonly demoStaff: readonly DemoStaff[] | undefined;
  /** No admin can sign in yet (a new installation): the first admin's one-time setup path. */
  readonly adminSetupPath: string | undefined;
  /** No admin can sign in yet, but one has a valid setup link already (`aman staff add`). */
  readonly adminWaiting: string | undefined;
  close(): Promise<void>;
}

/**
 * Opens the console store on the main store's database, loads correlation, seeds the demo console
 * (demo mode) or makes the first admin's setup link (no admin yet).
 *
 * @example
 * const started = await startConsole({ ...deps, location, demo: true, demoPlatform: DEMO_PLATFORM });
 */
export async function startConsole(
  options: Omit<ConsoleDeps, 'consoleStore'> & {
    readonly location: string;
    readonly demo: boolean;
    readonly demoPlatform: string;
  },
): Promise<StartedConsole> {
  const consoleStore = openConsoleStore(options.location);
  try {
    const services = createConsoleServices({ ...options, consoleStore });
    await services.correlation.start();
    const demo = options.demo
      ? await seedConsoleDemo({
          store: options.store,
          consoleStore,
          reports: services.reports,
          accounts: services.accounts,
          secrets: options.secrets,
          clock: options.clock,
          platformName: options.demoPlatform,
        })
      : undefined;
    if (demo !== undefined) await services.correlation.sync();
    const bootstrap = demo === undefined ? await services.accounts.bootstrapAdmin() : undefined;
    return {
      services,
      demoStaff: demo?.staff,
      adminSetupPath: bootstrap?.kind === 'link' ? bootstrap.link.setupPath : undefined,
      adminWaiting: bootstrap?.kind === 'waiting' ? bootstrap.name : undefined,
      close: async () => {
        services.correlation.stop();
        await consoleStore.close();
      },
    };
  } catch (error) {
    await consoleStore.close();
    throw error;
  }
}

/** Registers every console route (the route table's staff, sharing and correlation routes). */
export function consoleRoutes(
  app: FastifyInstance,
  deps: Omit<RouteDeps, 'staffSessions'> & ConsoleServices,
): void {
  const routeDeps = { ...deps, staffSessions: deps.sessions };
  staffRoutes(app, routeDeps);
  caseSharingRoutes(app, routeDeps);
  helplineRoutes(app, routeDeps);
  correlationRoutes(app, routeDeps);
  platformConsoleRoutes(app, routeDeps);
}
