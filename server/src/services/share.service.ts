/**
 * Consent shares: a victim shares their case with a helpline, and only then does the helpline see
 * it: the messages and identifiers (stored encrypted at rest, opened by the server for this
 * helpline only), the hashes and platforms' decisions, and the envelope the victim's browser
 * encrypted for the helpline's members (evidence, the victim's own words), which the server relays
 * without being able to open it. The victim can revoke a share at any time: the envelope, its keys
 * and the helpline's notes on the case are deleted. Design: docs/CONSENT.md.
 */
import {
  validate,
  WrappedShareKey,
  type AddNoteRequest,
  type CaseNote,
  type CreateShareRequest,
  type HelplineCaseDetail,
  type HelplineCasesResponse,
  type HelplineCaseSummary,
  type HelplineDirectory,
  type HelplineMembersResponse,
  type PublicKeyJwk,
  type SharesResponse,
  type ShareView,
  type UpdateHelplineCaseRequest,
  type WrappedShareKey as WrappedShareKeyType,
} from '@aman/api';
import { DomainError } from '../errors.ts';
import type { Clock } from '../repositories/clock.ts';
import type {
  ConsoleStore,
  NoteRecord,
  ShareRecord,
  StaffRecord,
} from '../repositories/console-store.ts';
import type { CaseRecord, Store } from '../repositories/store.ts';
import type { AuditTrail } from '../security/audit-trail.ts';
import type { FieldCipher } from '../security/field-cipher.ts';
import type { CorrelationService } from './correlation.service.ts';
import type { ReportService } from './report.service.ts';
import { toApiValue } from './signal-values.ts';
import { staffActor, type SignedInStaff } from './staff-view.ts';

export interface ShareServiceDeps {
  readonly store: Pick<Store, 'listCaseSignals' | 'listCaseFeedback' | 'findCase'>;
  readonly consoleStore: ConsoleStore;
  readonly cases: { unlock(caseNumber: string, pin: string | undefined): Promise<CaseRecord> };
  readonly reports: Pick<ReportService, 'ofCase'>;
  readonly correlation: Pick<CorrelationService, 'networksOfReports' | 'networkOfReport'>;
  readonly cipher: FieldCipher;
  readonly audit: AuditTrail;
  readonly clock: Clock;
}

/** The encryption context of a note. */
const noteContext = (id: number): string => `note:${id}:body`;

export class ShareService {
  constructor(private readonly deps: ShareServiceDeps) {}

  // --- the victim's side ------------------------------------------------------------------------

  /** Helplines and the public keys of their members who can read a share. */
  async directory(): Promise<HelplineDirectory> {
    const [helplines, staff] = await Promise.all([
      this.deps.consoleStore.listHelplines(),
      this.deps.consoleStore.listStaff(),
    ]);
    return {
      helplines: helplines.map((helpline) => ({
        id: helpline.id,
        name: helpline.name,
        recipients: recipientsOf(staff, helpline.id).map((member) => ({
          staffId: member.id,
          publicKey: JSON.parse(member.publicKey!) as PublicKeyJwk,
        })),
      })),
    };
  }

  async share(
    caseNumber: string,
    pin: string | undefined,
    request: CreateShareRequest,
  ): Promise<ShareView> {
    const record = await this.deps.cases.unlock(caseNumber, pin);
    if (record.status !== 'active') {
      throw new DomainError('case_withdrawn', 'this case was withdrawn; it cannot be shared');
    }
    const helpline = (await this.deps.consoleStore.listHelplines()).find(
      (candidate) => candidate.id === request.helplineId,
    );
    if (helpline === undefined) {
      throw new DomainError('helpline_not_found', `no helpline has id ${request.helplineId}`);
    }
    const members = new Set(
      recipientsOf(await this.deps.consoleStore.listStaff(), helpline.id).map(
        (member) => member.id,
      ),
    );
    if (members.size === 0) {
      throw new DomainError(
        'no_helpline_keys',
        `nobody at ${helpline.name} can receive shared cases yet`,
      );
    }
    const stranger = request.envelope.keys.find((key) => !members.has(key.staffId));
    if (stranger !== undefined) {
      throw new DomainError(
        'invalid_envelope',
        `envelope.keys: staff ${stranger.staffId} is not a member of ${helpline.name} with a key`,
      );
    }
    const { v, iv, ciphertext } = request.envelope;
    const created = await this.deps.consoleStore.createShare({
      caseId: record.id,
      helplineId: helpline.id,
      envelope: JSON.stringify({ v, iv, ciphertext }),
      keys: request.envelope.keys.map((key) => ({
        staffId: key.staffId,
        wrappedKey: JSON.stringify(key),
      })),
      at: this.deps.clock.now(),
    });
    if (created === 'exists') {
      throw new DomainError(
        'share_exists',
        `this case is already shared with ${helpline.name}; take that share back first to share again`,
      );
    }
    await this.deps.audit.record({
      actor: { kind: 'victim', id: `case:${record.id}` },
      action: 'share.create',
      target: `share:${created.id}`,
      details: { helpline: helpline.id, recipients: request.envelope.keys.length },
    });
    return toShareView(created);
  }

  async shares(caseNumber: string, pin: string | undefined): Promise<SharesResponse> {
    const record = await this.deps.cases.unlock(caseNumber, pin);
    return { shares: (await this.deps.consoleStore.listCaseShares(record.id)).map(toShareView) };
  }

  async revoke(caseNumber: string, pin: string | undefined, shareId: number): Promise<ShareView> {
    const record = await this.deps.cases.unlock(caseNumber, pin);
    const revoked = await this.deps.consoleStore.revokeShare(
      record.id,
      shareId,
      this.deps.clock.now(),
    );
    if (revoked === undefined) {
      throw new DomainError('share_not_found', `this case has no share ${shareId}`);
    }
    await this.deps.audit.record({
      actor: { kind: 'victim', id: `case:${record.id}` },
      action: 'share.revoke',
      target: `share:${shareId}`,
    });
    return toShareView(revoked);
  }

  // --- the helpline's side ----------------------------------------------------------------------

  async cases(staff: SignedInStaff): Promise<HelplineCasesResponse> {
    const helplineId = helplineOf(staff);
    const shares = await this.deps.consoleStore.listHelplineShares(helplineId);
    const keys = await this.deps.consoleStore.shareKeysOf(
      staff.record.id,
      shares.map((share) => share.id),
    );
    const cases = await Promise.all(shares.map((share) => this.summary(share, keys.has(share.id))));
    return { cases };
  }

  async detail(staff: SignedInStaff, shareId: number): Promise<HelplineCaseDetail> {
    const share = await this.liveShare(staff, shareId);
    const key = (await this.deps.consoleStore.shareKeysOf(staff.record.id, [share.id])).get(
      share.id,
    );
    const [caseRecord, signals, feedback, reports, notes] = await Promise.all([
      this.deps.store.findCase(share.caseNumber),
      this.deps.store.listCaseSignals(share.caseId),
      this.deps.store.listCaseFeedback(share.caseId),
      this.deps.reports.ofCase(share.caseId),
      this.deps.consoleStore.listNotes(share.id),
    ]);
    await this.deps.audit.record({
      actor: staffActor(staff.record),
      action: 'share.view',
      target: `share:${share.id}`,
    });
    const envelope = JSON.parse(share.envelope ?? '{}') as { v: 1; iv: string; ciphertext: string };
    return {
      summary: await this.summary(share, key !== undefined),
      case: {
        status: caseRecord?.status ?? 'withdrawn',
        createdAt: (caseRecord?.createdAt ?? share.createdAt).toISOString(),
        signals: signals.map((signal) => ({
          id: signal.id,
          type: signal.type,
          value: toApiValue(signal.type, signal.value),
          status: signal.status,
          createdAt: signal.createdAt.toISOString(),
        })),
        feedback: feedback.map((entry) => ({
          platform: entry.platformName,
          signalId: entry.signalId,
          decision: entry.decision,
          at: entry.at.toISOString(),
        })),
      },
      reports: reports.map((report) => ({
        ...report,
        network: this.deps.correlation.networkOfReport(report.id),
      })),
      envelope: {
        v: 1,
        iv: envelope.iv,
        ciphertext: envelope.ciphertext,
        key: key === undefined ? null : (JSON.parse(key.wrappedKey) as WrappedShareKeyType),
      },
      notes: notes.map((note) => this.openNote(note)),
    };
  }

  async update(
    staff: SignedInStaff,
    shareId: number,
    request: UpdateHelplineCaseRequest,
  ): Promise<HelplineCaseSummary> {
    const share = await this.liveShare(staff, shareId);
    const members = (await this.deps.consoleStore.listStaff()).filter(
      (member) =>
        member.role === 'helpline' &&
        member.helpline?.id === share.helpline.id &&
        member.disabledAt === null,
    );
    if (request.grant !== undefined) {
      const grant = validate(WrappedShareKey, request.grant);
      const member = members.find((candidate) => candidate.id === request.grant?.staffId);
      if (!grant.ok || member === undefined || member.publicKey === null) {
        throw new DomainError(
          'invalid_envelope',
          'grant: a share key is granted to a colleague of this helpline who has a key pair',
        );
      }
    }
    if (request.assigneeId !== undefined && request.assigneeId !== null) {
      const assignee = members.find((member) => member.id === request.assigneeId);
      if (assignee === undefined) {
        throw new DomainError(
          'staff_not_found',
          `staff ${request.assigneeId} is not a member of ${share.helpline.name}`,
        );
      }
      const holds = await this.deps.consoleStore.shareKeysOf(assignee.id, [share.id]);
      if (!holds.has(share.id) && request.grant?.staffId !== assignee.id) {
        throw new DomainError(
          'key_grant_required',
          `${assignee.name} cannot open this case yet: open it yourself first, so that your browser can pass the key on`,
        );
      }
    }
    await this.deps.consoleStore.updateShare(
      share.id,
      {
        ...(request.status === undefined ? {} : { status: request.status }),
        ...(request.assigneeId === undefined ? {} : { assigneeId: request.assigneeId }),
        ...(request.grant === undefined
          ? {}
          : {
              grant: { staffId: request.grant.staffId, wrappedKey: JSON.stringify(request.grant) },
            }),
      },
      this.deps.clock.now(),
    );
    await this.deps.audit.record({
      actor: staffActor(staff.record),
      action: 'share.update',
      target: `share:${share.id}`,
      details: {
        ...(request.status === undefined ? {} : { status: request.status }),
        ...(request.assigneeId === undefined ? {} : { assignee: request.assigneeId }),
        granted: request.grant !== undefined,
      },
    });
    const updated = (await this.deps.consoleStore.findHelplineShare(share.helpline.id, share.id))!;
    const key = await this.deps.consoleStore.shareKeysOf(staff.record.id, [share.id]);
    return this.summary(updated, key.has(share.id));
  }

  async addNote(staff: SignedInStaff, shareId: number, request: AddNoteRequest): Promise<CaseNote> {
    const share = await this.liveShare(staff, shareId);
    const note = await this.deps.consoleStore.addNote({
      shareId: share.id,
      authorId: staff.record.id,
      body: (id) => this.deps.cipher.encrypt(request.text, noteContext(id)),
      at: this.deps.clock.now(),
    });
    await this.deps.audit.record({
      actor: staffActor(staff.record),
      action: 'note.add',
      target: `share:${share.id}`,
    });
    return this.openNote(note);
  }

  async members(staff: SignedInStaff): Promise<HelplineMembersResponse> {
    const helplineId = helplineOf(staff);
    const staffList = await this.deps.consoleStore.listStaff();
    return {
      members: staffList
        .filter(
          (member) =>
            member.role === 'helpline' &&
            member.helpline?.id === helplineId &&
            member.disabledAt === null,
        )
        .map((member) => ({
          id: member.id,
          name: member.name,
          publicKey:
            member.publicKey === null ? null : (JSON.parse(member.publicKey) as PublicKeyJwk),
        })),
    };
  }

  private async liveShare(staff: SignedInStaff, shareId: number): Promise<ShareRecord> {
    const share = await this.deps.consoleStore.findHelplineShare(helplineOf(staff), shareId);
    if (share === undefined) {
      throw new DomainError('share_not_found', `your helpline has no shared case ${shareId}`);
    }
    if (share.revokedAt !== null) {
      throw new DomainError(
        'share_revoked',
        `the victim took this case back on ${share.revokedAt.toISOString().slice(0, 10)}`,
      );
    }
    return share;
  }

  private async summary(share: ShareRecord, canRead: boolean): Promise<HelplineCaseSummary> {
    const reportIds = (await this.deps.consoleStore.listCaseReports(share.caseId)).map(
      (report) => report.id,
    );
    return {
      shareId: share.id,
      caseNumber: share.caseNumber,
      sharedAt: share.createdAt.toISOString(),
      status: share.status,
      assignee: share.assignee,
      reports: share.reports,
      signals: share.signals,
      networks: this.deps.correlation.networksOfReports(reportIds),
      canRead,
      synthetic: share.synthetic,
    };
  }

  private openNote(note: NoteRecord): CaseNote {
    return {
      id: note.id,
      author: note.author,
      text: this.deps.cipher.decrypt(note.body, noteContext(note.id)),
      createdAt: note.createdAt.toISOString(),
    };
  }
}

/** Members of a helpline who can receive shares (active, with a key pair). */
function recipientsOf(staff: readonly StaffRecord[], helplineId: number): StaffRecord[] {
  return staff.filter(
    (member) =>
      member.role === 'helpline' &&
      member.helpline?.id === helplineId &&
      member.disabledAt === null &&
      member.publicKey !== null &&
      member.passwordHash !== null,
  );
}

function helplineOf(staff: SignedInStaff): number {
  const helpline = staff.record.helpline;
  if (helpline === null) {
    throw new DomainError('not_linked', 'this account belongs to no helpline; ask an admin');
  }
  return helpline.id;
}

function toShareView(share: ShareRecord): ShareView {
  return {
    id: share.id,
    helpline: share.helpline,
    createdAt: share.createdAt.toISOString(),
    revokedAt: share.revokedAt?.toISOString() ?? null,
  };
}
