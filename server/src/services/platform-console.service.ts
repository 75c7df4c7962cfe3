/**
 * The platform area of the console: a platform's API keys (several at once, so that a key is
 * rotated without downtime: create the new one, deploy it, revoke the old; or rotate in one step),
 * its match and feedback statistics, the banks and their thresholds; and for admins, every
 * platform.
 */
import {
  DEFAULT_SCOPES,
  type ApiKeyView,
  type Bank,
  type ConsoleBanksResponse,
  type CreatePlatformRequest,
  type IssuedApiKey,
  type PlatformOverview,
  type PlatformsResponse,
  type UpdateThresholdsRequest,
} from '@aman/api';
import { DomainError } from '../errors.ts';
import type { Clock } from '../repositories/clock.ts';
import type { ApiKeyRecord, ConsoleStore } from '../repositories/console-store.ts';
import type { Secrets } from '../repositories/secrets.ts';
import type { PlatformRecord, Store } from '../repositories/store.ts';
import type { AuditTrail } from '../security/audit-trail.ts';
import type { BankService } from './bank.service.ts';
import type { PlatformService } from './platform.service.ts';
import { staffActor, type SignedInStaff } from './staff-view.ts';

const DAY_MS = 86_400_000;
/** What identifies a key to a person without giving it away: `aman_` and 7 characters. */
const PREFIX_LENGTH = 12;

export interface PlatformConsoleDeps {
  readonly store: Pick<Store, 'listPlatforms'>;
  readonly consoleStore: ConsoleStore;
  readonly platforms: Pick<PlatformService, 'create' | 'forgetKeys'>;
  readonly banks: Pick<BankService, 'list' | 'updateThresholds'>;
  readonly secrets: Pick<Secrets, 'newApiKey' | 'hashApiKey'>;
  readonly audit: AuditTrail;
  readonly clock: Clock;
}

export class PlatformConsoleService {
  constructor(private readonly deps: PlatformConsoleDeps) {}

  async overview(staff: SignedInStaff): Promise<PlatformOverview> {
    const platform = await this.platformOf(staff);
    const [summary, banks] = await Promise.all([this.summarize(platform), this.deps.banks.list()]);
    return { ...summary, banks: banks.banks };
  }

  async createKey(staff: SignedInStaff, label: string): Promise<IssuedApiKey> {
    const platform = await this.platformOf(staff);
    const apiKey = this.deps.secrets.newApiKey();
    const key = await this.deps.consoleStore.createApiKey({
      platformId: platform.id,
      keyHash: this.deps.secrets.hashApiKey(apiKey),
      prefix: apiKey.slice(0, PREFIX_LENGTH),
      label: label.trim(),
      at: this.deps.clock.now(),
    });
    await this.audit(staff, 'api_key.create', key.id);
    return { key: toKeyView(key), apiKey };
  }

  async rotateKey(staff: SignedInStaff, keyId: number): Promise<IssuedApiKey> {
    const platform = await this.platformOf(staff);
    const apiKey = this.deps.secrets.newApiKey();
    const result = await this.deps.consoleStore.rotateApiKey({
      platformId: platform.id,
      keyId,
      keyHash: this.deps.secrets.hashApiKey(apiKey),
      prefix: apiKey.slice(0, PREFIX_LENGTH),
      at: this.deps.clock.now(),
    });
    if (result.kind !== 'rotated') throw keyError(result.kind, keyId);
    this.deps.platforms.forgetKeys();
    await this.audit(staff, 'api_key.rotate', keyId);
    return { key: toKeyView(result.key), apiKey };
  }

  async revokeKey(staff: SignedInStaff, keyId: number): Promise<ApiKeyView> {
    const platform = await this.platformOf(staff);
    const result = await this.deps.consoleStore.revokeApiKey(
      platform.id,
      keyId,
      this.deps.clock.now(),
    );
    if (result.kind !== 'revoked') throw keyError(result.kind, keyId);
    this.deps.platforms.forgetKeys();
    await this.audit(staff, 'api_key.revoke', keyId);
    return toKeyView(result.key);
  }

  async banks(): Promise<ConsoleBanksResponse> {
    return this.deps.banks.list();
  }

  async updateThresholds(
    staff: SignedInStaff,
    bank: string,
    request: UpdateThresholdsRequest,
  ): Promise<Bank> {
    const updated = await this.deps.banks.updateThresholds(bank, request);
    await this.deps.audit.record({
      actor: staffActor(staff.record),
      action: 'bank.update_thresholds',
      target: `bank:${updated.name}`,
      details: { pdq: updated.thresholds.pdq, vpdq: updated.thresholds.vpdq },
    });
    return updated;
  }

  async all(): Promise<PlatformsResponse> {
    const platforms = await this.deps.store.listPlatforms();
    return { platforms: await Promise.all(platforms.map((platform) => this.summarize(platform))) };
  }

  async create(staff: SignedInStaff, request: CreatePlatformRequest): Promise<IssuedApiKey> {
    const { platform, apiKey } = await this.deps.platforms.create(
      request.name,
      request.scopes ?? DEFAULT_SCOPES,
    );
    const key = (await this.deps.consoleStore.listApiKeys(platform.id))[0]!;
    await this.deps.audit.record({
      actor: staffActor(staff.record),
      action: 'platform.create',
      target: `platform:${platform.id}`,
    });
    return { key: toKeyView(key), apiKey };
  }

  private async summarize(platform: PlatformRecord): Promise<Omit<PlatformOverview, 'banks'>> {
    const since = new Date(this.deps.clock.now().getTime() - 30 * DAY_MS);
    const [keys, stats] = await Promise.all([
      this.deps.consoleStore.listApiKeys(platform.id),
      this.deps.consoleStore.platformStats(platform.id, since),
    ]);
    return {
      name: platform.name,
      scopes: [...platform.scopes],
      createdAt: platform.createdAt.toISOString(),
      keys: keys.map(toKeyView),
      stats: {
        signalsMatched: stats.signalsMatched,
        signalsMatched30d: stats.signalsMatchedSince,
        feedback: { ...stats.feedback },
        awaitingFeedback: stats.awaitingFeedback,
      },
    };
  }

  private async platformOf(staff: SignedInStaff): Promise<PlatformRecord> {
    const linked = staff.record.platform;
    const platform =
      linked === null
        ? undefined
        : (await this.deps.store.listPlatforms()).find((candidate) => candidate.id === linked.id);
    if (platform === undefined) {
      throw new DomainError('not_linked', 'this account is linked to no platform; ask an admin');
    }
    return platform;
  }

  private async audit(staff: SignedInStaff, action: string, keyId: number): Promise<void> {
    await this.deps.audit.record({
      actor: staffActor(staff.record),
      action,
      target: `api_key:${keyId}`,
    });
  }
}

function toKeyView(key: ApiKeyRecord): ApiKeyView {
  return {
    id: key.id,
    label: key.label,
    prefix: key.prefix,
    createdAt: key.createdAt.toISOString(),
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

function keyError(kind: 'not_found' | 'already_revoked', keyId: number): DomainError {
  return kind === 'not_found'
    ? new DomainError('api_key_not_found', `your platform has no API key ${keyId}`)
    : new DomainError('api_key_revoked', `API key ${keyId} was already revoked`);
}
