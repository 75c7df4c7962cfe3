/**
 * Platforms and their API keys: creation (the key is shown once), and authentication of requests.
 */
import { DEFAULT_SCOPES, SCOPES, type Scope } from '@aman/api';
import { DomainError } from '../errors.ts';
import type { Clock } from '../repositories/clock.ts';
import { API_KEY_PATTERN, type Secrets } from '../repositories/secrets.ts';
import type { PlatformRecord, Store } from '../repositories/store.ts';

/** How long a verified key is trusted without asking the store again. */
const KEY_CACHE_MS = 10_000;
const KEY_CACHE_MAX = 10_000;
export const MAX_PLATFORM_NAME = 100;

export interface CreatedPlatform {
  readonly platform: PlatformRecord;
  /** The only time the key exists in clear outside the platform's hands. */
  readonly apiKey: string;
}

export class PlatformService {
  readonly #cache = new Map<string, { platform: PlatformRecord; until: number }>();

  constructor(
    private readonly deps: {
      readonly store: Store;
      readonly secrets: Secrets;
      readonly clock: Clock;
    },
  ) {}

  /**
   * Creates a platform and its API key.
   *
   * @example
   * const { apiKey } = await platforms.create('ExampleChat', ['match', 'changes', 'feedback']);
   */
  async create(name: string, scopes: readonly Scope[] = DEFAULT_SCOPES): Promise<CreatedPlatform> {
    const trimmed = name.trim();
    if (trimmed === '' || trimmed.length > MAX_PLATFORM_NAME || /\p{Cc}/u.test(trimmed)) {
      throw new DomainError(
        'invalid_request',
        `a platform name is 1 to ${MAX_PLATFORM_NAME} printable characters, got ${JSON.stringify(name.slice(0, 120))}`,
      );
    }
    const unknown = scopes.find((scope) => !SCOPES.includes(scope));
    if (unknown !== undefined) {
      throw new DomainError(
        'invalid_request',
        `unknown scope "${unknown}"; scopes are ${SCOPES.join(', ')}`,
      );
    }
    const apiKey = this.deps.secrets.newApiKey();
    const platform = await this.deps.store.createPlatform({
      name: trimmed,
      apiKeyHash: this.deps.secrets.hashApiKey(apiKey),
      scopes: [...new Set(scopes)],
      at: this.deps.clock.now(),
    });
    if (platform === undefined) {
      throw new DomainError('platform_exists', `a platform named "${trimmed}" already exists`);
    }
    return { platform, apiKey };
  }

  /** Gives the platform `name` a new key (creating it if needed); the old key stops working. */
  async issueKey(name: string, scopes: readonly Scope[]): Promise<string> {
    const apiKey = this.deps.secrets.newApiKey();
    if (await this.deps.store.replacePlatformKey(name, this.deps.secrets.hashApiKey(apiKey))) {
      this.#cache.clear();
      return apiKey;
    }
    return (await this.create(name, scopes)).apiKey;
  }

  /** Forgets verified keys at once (after a key is revoked or rotated in this process). */
  forgetKeys(): void {
    this.#cache.clear();
  }

  list(): Promise<PlatformRecord[]> {
    return this.deps.store.listPlatforms();
  }

  /**
   * The platform an `Authorization: Bearer <key>` header belongs to, if its key has `scope`.
   *
   * @example
   * const platform = await platforms.authenticate(request.headers.authorization, 'match');
   */
  async authenticate(authorization: string | undefined, scope: Scope): Promise<PlatformRecord> {
    const key = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    if (key === undefined) {
      throw new DomainError(
        'missing_api_key',
        'send your API key as "Authorization: Bearer <apiKey>"',
        {
          'www-authenticate': 'Bearer',
        },
      );
    }
    const platform = API_KEY_PATTERN.test(key) ? await this.#lookup(key) : undefined;
    if (platform === undefined) {
      throw new DomainError('invalid_api_key', 'this API key is not valid', {
        'www-authenticate': 'Bearer error="invalid_token"',
      });
    }
    if (!platform.scopes.includes(scope)) {
      throw new DomainError(
        'insufficient_scope',
        `this API key does not have the "${scope}" scope (it has: ${platform.scopes.join(', ') || 'none'})`,
      );
    }
    return platform;
  }

  async #lookup(key: string): Promise<PlatformRecord | undefined> {
    const hash = this.deps.secrets.hashApiKey(key);
    const now = this.deps.clock.now().getTime();
    const cached = this.#cache.get(hash);
    if (cached !== undefined && cached.until > now) return cached.platform;
    const platform = await this.deps.store.findPlatformByKeyHash(hash);
    if (platform !== undefined) {
      if (this.#cache.size >= KEY_CACHE_MAX) this.#cache.clear();
      this.#cache.set(hash, { platform, until: now + KEY_CACHE_MS });
    }
    return platform;
  }
}
