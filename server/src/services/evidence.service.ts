/**
 * The evidence locker's storage: items sealed in the victim's browser (argon2id of the PIN, then
 * AES-256-GCM; web/src/flows/locker/crypto.ts), kept with the case.
 *
 * The server cannot read an item and does not try: it checks the 5-byte header ("AMEV", version 1),
 * then encrypts the item again under its own data key (security/field-cipher.ts), bound to the
 * case and the item's id. So a stolen database holds nothing that opens without the server's key
 * file, even for someone who would spend the years needed to search the PINs offline.
 */
import { randomBytes } from 'node:crypto';
import {
  EVIDENCE_MAGIC,
  EVIDENCE_VERSION,
  MAX_EVIDENCE_BYTES_PER_CASE,
  MAX_EVIDENCE_ITEMS_PER_CASE,
  type EvidenceList,
  type StoredEvidence,
} from '@aman/api';
import { DomainError } from '../errors.ts';
import type { Clock } from '../repositories/clock.ts';
import type { CaseRecord, EvidenceRecord, Store } from '../repositories/store.ts';
import type { AuditTrail } from '../security/audit-trail.ts';
import type { BytesCipher } from '../security/field-cipher.ts';
import type { CaseService } from './case.service.ts';

const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export class EvidenceService {
  constructor(
    private readonly deps: {
      readonly store: Store;
      readonly cipher: BytesCipher;
      readonly cases: Pick<CaseService, 'unlock'>;
      readonly audit: AuditTrail;
      readonly clock: Clock;
      readonly limits?: { readonly items: number; readonly bytes: number };
    },
  ) {}

  /**
   * Stores one sealed item. `body` is what the request carried: bytes, or anything else when the
   * client sent another content type.
   */
  async add(caseNumber: string, pin: string | undefined, body: unknown): Promise<StoredEvidence> {
    const record = await this.deps.cases.unlock(caseNumber, pin);
    const sealed = checkSealedItem(body);
    const publicId = randomBytes(16).toString('base64url');
    const limits = this.deps.limits ?? {
      items: MAX_EVIDENCE_ITEMS_PER_CASE,
      bytes: MAX_EVIDENCE_BYTES_PER_CASE,
    };
    const result = await this.deps.store.addEvidence({
      caseId: record.id,
      publicId,
      size: sealed.length,
      sealed: this.deps.cipher.encryptBytes(sealed, evidenceContext(record.id, publicId)),
      at: this.deps.clock.now(),
      maxItems: limits.items,
      maxBytes: limits.bytes,
    });
    switch (result.kind) {
      case 'case_withdrawn':
        throw new DomainError('case_withdrawn', 'this case was withdrawn and keeps no evidence');
      case 'case_full':
        throw new DomainError(
          'case_full',
          `a case keeps at most ${limits.items} items and ${Math.round(limits.bytes / 2 ** 20)} MiB of evidence; delete some, or keep this one on your device`,
        );
      case 'added':
        await this.audit(record, 'evidence.add', { bytes: sealed.length });
        return toStoredEvidence(result.record);
    }
  }

  async list(caseNumber: string, pin: string | undefined): Promise<EvidenceList> {
    const record = await this.deps.cases.unlock(caseNumber, pin);
    return { items: (await this.deps.store.listEvidence(record.id)).map(toStoredEvidence) };
  }

  /** The item's bytes exactly as the browser sealed them. */
  async read(caseNumber: string, pin: string | undefined, id: string): Promise<Buffer> {
    const record = await this.deps.cases.unlock(caseNumber, pin);
    const found = ID_PATTERN.test(id)
      ? await this.deps.store.getEvidence(record.id, id)
      : undefined;
    if (found === undefined) throw notFound();
    return this.deps.cipher.decryptBytes(found.sealed, evidenceContext(record.id, id));
  }

  async remove(caseNumber: string, pin: string | undefined, id: string): Promise<undefined> {
    const record = await this.deps.cases.unlock(caseNumber, pin);
    if (!ID_PATTERN.test(id) || !(await this.deps.store.deleteEvidence(record.id, id))) {
      throw notFound();
    }
    await this.audit(record, 'evidence.delete', {});
    return undefined;
  }

  private audit(
    record: CaseRecord,
    action: string,
    details: Record<string, number>,
  ): Promise<void> {
    return this.deps.audit.record({
      actor: { kind: 'victim', id: `case:${record.id}` },
      action,
      target: `case:${record.id}`,
      details,
    });
  }
}

/** Where an item's server-side ciphertext belongs: moved to another case or id, it fails. */
export function evidenceContext(caseId: number, publicId: string): string {
  return `evidence:${caseId}:${publicId}:sealed`;
}

function checkSealedItem(body: unknown): Buffer {
  if (!Buffer.isBuffer(body)) {
    throw new DomainError(
      'unsupported_media_type',
      'send the sealed item as the body, with Content-Type: application/octet-stream',
    );
  }
  const header = [...EVIDENCE_MAGIC, EVIDENCE_VERSION];
  // Header, then at least an IV and a GCM tag: anything shorter is not an item the portal sealed.
  if (body.length < header.length + 28 || header.some((byte, i) => body[i] !== byte)) {
    throw new DomainError(
      'invalid_evidence',
      'this is not an evidence item sealed by the Aman portal (it starts with "AMEV" and version 1)',
    );
  }
  return body;
}

function notFound(): DomainError {
  return new DomainError('evidence_not_found', 'this case has no evidence item with this id');
}

function toStoredEvidence(record: EvidenceRecord): StoredEvidence {
  return { id: record.publicId, size: record.size, createdAt: record.createdAt.toISOString() };
}
