/**
 * The demo console of `aman serve` (demo mode): Aman's synthetic data set (@aman/correlation's
 * generator: a few rings and one-off blackmailers, every message made up and marked synthetic)
 * stored as real cases and reports on first start, so that a new user sees living networks; demo
 * staff accounts whose passwords are printed at start (new ones at every start); and a few of the
 * synthetic cases shared with the demo helpline, encrypted for its member like a victim's browser
 * would.
 */
import { randomBytes } from 'node:crypto';
import { generateSyntheticDataset, SYNTHETIC_NOTICE } from '@aman/correlation/synthetic';
import {
  createStaffKeyPair,
  sealShare,
  shareAdditionalData,
  type PublicKeyJwk,
  type SharePayload,
  type StaffRole,
} from '@aman/api';
import type { Clock } from '../repositories/clock.ts';
import type { ConsoleStore } from '../repositories/console-store.ts';
import type { Secrets } from '../repositories/secrets.ts';
import type { Store } from '../repositories/store.ts';
import type { ReportService } from './report.service.ts';
import type { StaffAccounts } from './staff-accounts.service.ts';

export const DEMO_HELPLINE = 'Aman demo helpline';
/** How many synthetic cases the demo helpline receives. */
const DEMO_SHARES = 6;

export interface DemoStaff {
  readonly name: string;
  readonly role: StaffRole;
  readonly password: string;
}

export interface ConsoleDemoDeps {
  readonly store: Store;
  readonly consoleStore: ConsoleStore;
  readonly reports: Pick<ReportService, 'store'>;
  readonly accounts: Pick<StaffAccounts, 'create' | 'reset' | 'completeSetup'>;
  readonly secrets: Pick<Secrets, 'newCaseNumber' | 'newPin' | 'hashPin'>;
  readonly clock: Clock;
  /** The demo platform (seedDemo made it) that demo-platform works for. */
  readonly platformName: string;
}

/**
 * Seeds the synthetic reports once, and resets the demo staff and shares at every start.
 *
 * @example
 * const { staff } = await seedConsoleDemo(deps);
 * for (const member of staff) console.log(member.name, member.password);
 */
export async function seedConsoleDemo(
  deps: ConsoleDemoDeps,
): Promise<{ staff: DemoStaff[]; syntheticReports: number }> {
  const seeded = await seedSyntheticReports(deps);
  const staff = await resetDemoStaff(deps);
  await reshareDemoCases(deps);
  return { staff, syntheticReports: seeded };
}

async function seedSyntheticReports(deps: ConsoleDemoDeps): Promise<number> {
  const counts = await deps.consoleStore.countReports();
  if (counts.synthetic > 0) return counts.synthetic;
  const dataset = generateSyntheticDataset({ seed: 1 });
  const bank = (await deps.store.listBanks()).find((candidate) => candidate.name === 'protect');
  if (bank === undefined) throw new Error('the protect bank is missing: migrations did not run');
  // One PIN for every synthetic case, shown to nobody: nobody follows these cases.
  const pinHash = await deps.secrets.hashPin(deps.secrets.newPin());
  const caseIds = new Map<string, number>();
  for (const report of dataset.reports) {
    let caseId = caseIds.get(report.caseId);
    if (caseId === undefined) {
      const created = await deps.store.createCase({
        caseNumber: deps.secrets.newCaseNumber(),
        pinHash,
        bankId: bank.id,
        signals: [],
        at: new Date(report.receivedAt),
      });
      caseId = created.caseId;
      caseIds.set(report.caseId, caseId);
    }
    await deps.reports.store(caseId, report.text, {
      receivedAt: new Date(report.receivedAt),
      lureHashes: report.lureHashes ?? [],
      synthetic: true,
    });
  }
  return dataset.reports.length;
}

const DEMO_ACCOUNTS: readonly { name: string; role: StaffRole }[] = [
  { name: 'demo-admin', role: 'admin' },
  { name: 'demo-helpline', role: 'helpline' },
  { name: 'demo-investigator', role: 'investigator' },
  { name: 'demo-platform', role: 'platform' },
];

async function resetDemoStaff(deps: ConsoleDemoDeps): Promise<DemoStaff[]> {
  const existing = await deps.consoleStore.listStaff();
  const staff: DemoStaff[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const found = existing.find((member) => member.name === account.name);
    const link =
      found === undefined
        ? await deps.accounts.create('cli', {
            name: account.name,
            role: account.role,
            ...(account.role === 'helpline' ? { helpline: DEMO_HELPLINE } : {}),
            ...(account.role === 'platform' ? { platform: deps.platformName } : {}),
          })
        : await deps.accounts.reset('cli', found.id);
    const password = `demo-${randomBytes(9).toString('base64url')}`;
    const keyPair =
      account.role === 'helpline' ? (await createStaffKeyPair(password)).keyPair : undefined;
    await deps.accounts.completeSetup({ code: link.setupCode, password, keyPair });
    staff.push({ name: account.name, role: account.role, password });
  }
  return staff;
}

/** Shares a few synthetic cases with the demo helpline, for its member's current key. */
async function reshareDemoCases(deps: ConsoleDemoDeps): Promise<void> {
  const { consoleStore } = deps;
  const helpline = await consoleStore.ensureHelpline(DEMO_HELPLINE, deps.clock.now());
  const member = (await consoleStore.listStaff()).find((entry) => entry.name === 'demo-helpline');
  if (member?.publicKey == null) return;
  const previous = await consoleStore.listHelplineShares(helpline.id);
  const caseIds =
    previous.length > 0 ? previous.map((share) => share.caseId) : await pickCases(deps);
  for (const share of previous)
    await consoleStore.revokeShare(share.caseId, share.id, deps.clock.now());
  const cases = new Map(previous.map((share) => [share.caseId, share.caseNumber]));
  for (const caseId of caseIds.slice(0, DEMO_SHARES)) {
    const reports = await consoleStore.listCaseReports(caseId);
    const caseNumber = cases.get(caseId) ?? (await caseNumberOf(deps, caseId));
    if (caseNumber === undefined) continue;
    const payload: SharePayload = {
      v: 1,
      sharedAt: deps.clock.now().toISOString(),
      note: `${SYNTHETIC_NOTICE} This demo case holds ${reports.length} made-up message(s).`,
      messages: [],
      evidence: [],
    };
    const envelope = await sealShare(
      payload,
      [{ staffId: member.id, publicKey: JSON.parse(member.publicKey) as PublicKeyJwk }],
      shareAdditionalData(caseNumber, helpline.id),
    );
    const { v, iv, ciphertext } = envelope;
    await consoleStore.createShare({
      caseId,
      helplineId: helpline.id,
      envelope: JSON.stringify({ v, iv, ciphertext }),
      keys: envelope.keys.map((key) => ({ staffId: key.staffId, wrappedKey: JSON.stringify(key) })),
      at: deps.clock.now(),
    });
  }
}

/** The cases with the most synthetic reports: the ones a helpline would follow closely. */
async function pickCases(deps: ConsoleDemoDeps): Promise<number[]> {
  const counts = new Map<number, number>();
  for (let after = 0; ;) {
    const page = await deps.consoleStore.readReports(after, 5000);
    for (const report of page) {
      if (report.synthetic) counts.set(report.caseId, (counts.get(report.caseId) ?? 0) + 1);
      after = report.id;
    }
    if (page.length < 5000) break;
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, DEMO_SHARES)
    .map(([caseId]) => caseId);
}

async function caseNumberOf(deps: ConsoleDemoDeps, caseId: number): Promise<string | undefined> {
  return deps.consoleStore.caseNumberOf(caseId);
}
