/**
 * Demo data for `aman serve` without arguments: a few hashes in the lure and allow banks, so that
 * matching can be tried at once, and a demo platform with every scope whose key is printed at start.
 * The hashes are those of public test photos from facebook/ThreatExchange (testdata/pdq-reference):
 * a bridge (lure: "a profile photo a ring uses") and a pen on a coaster (allow).
 */
import { SCOPES } from '@aman/api';
import type { AuditTrail } from '../security/audit-trail.ts';
import type { BankService } from './bank.service.ts';
import type { PlatformService } from './platform.service.ts';

export const DEMO_PLATFORM = 'Demo platform';

const demoLure = [
  {
    type: 'pdq',
    value: 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22',
    quality: 100,
  },
] as const;
const demoAllow = [
  {
    type: 'pdq',
    value: '1f811b9d267fbc6693c0c7f30e041f9df49b836303e10f067fcdfc12c02d01f9',
    quality: 100,
  },
] as const;

/** Fills empty demo banks and issues a fresh demo platform key (the previous one stops working). */
export async function seedDemo(deps: {
  banks: BankService;
  platforms: PlatformService;
  audit: AuditTrail;
}): Promise<{ apiKey: string }> {
  const { banks } = await deps.banks.list();
  const size = (name: string) => banks.find((bank) => bank.name === name)?.signals ?? 0;
  const demo = { kind: 'system', id: 'demo' } as const;
  if (size('lure') === 0) await deps.banks.addSignals('lure', { signals: [...demoLure] }, demo);
  if (size('allow') === 0) await deps.banks.addSignals('allow', { signals: [...demoAllow] }, demo);
  const apiKey = await deps.platforms.issueKey(DEMO_PLATFORM, SCOPES);
  await deps.audit.record({ actor: demo, action: 'platform.issue_key', target: 'platform:demo' });
  return { apiKey };
}
