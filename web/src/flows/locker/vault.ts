import type { CaseCredentials } from '../../app/session.ts';
import { deriveEvidenceKey, open, seal, sealedParams, type EvidenceKey } from './crypto.ts';
import {
  deleteEvidence,
  fetchEvidence,
  listEvidence,
  storeEvidence,
  type EvidenceApiError,
} from './evidence-api.ts';
import { deserializeEvidence, serializeEvidence, type EvidenceItem } from './evidence.ts';

export type VaultError = EvidenceApiError | 'wrong-key';
type VaultResult<T> = { ok: true; value: T } | { ok: false; error: VaultError };

/**
 * A case's evidence on the server, seen through its key: items are sealed before they are sent
 * and opened after they come back, so the server holds ciphertext only.
 */
export class LockerVault {
  private constructor(
    private readonly credentials: CaseCredentials,
    private readonly key: EvidenceKey,
  ) {}

  /** Derives the key (slow on purpose); keep the vault for the rest of the visit. */
  static async open(credentials: CaseCredentials): Promise<LockerVault> {
    return new LockerVault(
      credentials,
      await deriveEvidenceKey(credentials.caseNumber, credentials.pin),
    );
  }

  opens(credentials: CaseCredentials): boolean {
    return (
      credentials.caseNumber === this.credentials.caseNumber &&
      credentials.pin === this.credentials.pin
    );
  }

  async store(item: EvidenceItem): Promise<VaultResult<EvidenceItem>> {
    const sealed = await seal(this.key, serializeEvidence(item));
    const result = await storeEvidence(this.credentials.caseNumber, this.credentials.pin, sealed);
    if (!result.ok) return result;
    return { ok: true, value: { ...item, storedId: result.value.id } };
  }

  /** Every stored item, opened; `failed` counts those this key could not open. */
  async loadAll(): Promise<VaultResult<{ items: EvidenceItem[]; failed: number }>> {
    const { caseNumber, pin } = this.credentials;
    const listed = await listEvidence(caseNumber, pin);
    if (!listed.ok) return listed;
    const items: EvidenceItem[] = [];
    let failed = 0;
    for (const stored of listed.value) {
      const fetched = await fetchEvidence(caseNumber, pin, stored.id);
      if (!fetched.ok) return fetched;
      const item = await this.#open(fetched.value, stored.id);
      if (item === null) failed++;
      else items.push(item);
    }
    return { ok: true, value: { items, failed } };
  }

  async remove(item: EvidenceItem): Promise<VaultResult<null>> {
    if (item.storedId === undefined) return { ok: true, value: null };
    return deleteEvidence(this.credentials.caseNumber, this.credentials.pin, item.storedId);
  }

  async #open(sealed: Uint8Array, storedId: string): Promise<EvidenceItem | null> {
    const params = sealedParams(sealed);
    if (params === null) return null;
    // Items sealed with other KDF parameters (raised since) need their own key.
    const same =
      params.memorySize === this.key.params.memorySize &&
      params.iterations === this.key.params.iterations &&
      params.parallelism === this.key.params.parallelism;
    const key = same
      ? this.key
      : await deriveEvidenceKey(this.credentials.caseNumber, this.credentials.pin, params);
    const opened = await open(key, sealed);
    return opened.ok ? deserializeEvidence(opened.value, storedId) : null;
  }
}
