/**
 * Reports: a blackmailer's message a victim adds to their case from the portal. The server runs
 * triage itself (it never trusts identifiers a client claims), keeps the text and the identifiers
 * encrypted at rest, and hands the identifiers to correlation.
 */
import { reportFromTriage } from '@aman/correlation';
import type { AddReportRequest, ReportsResponse, ReportView, TriageResponse } from '@aman/api';
import { DomainError } from '../errors.ts';
import type { Clock } from '../repositories/clock.ts';
import type { ConsoleStore, ReportRecord } from '../repositories/console-store.ts';
import type { CaseRecord } from '../repositories/store.ts';
import type { AuditTrail } from '../security/audit-trail.ts';
import type { FieldCipher } from '../security/field-cipher.ts';
import {
  openBody,
  reportContext,
  type CorrelationService,
  type ReportBody,
} from './correlation.service.ts';

/** The most messages one case holds. */
export const MAX_REPORTS_PER_CASE = 200;

export interface ReportServiceDeps {
  readonly consoleStore: ConsoleStore;
  readonly cases: { unlock(caseNumber: string, pin: string | undefined): Promise<CaseRecord> };
  readonly triage: (text: string) => TriageResponse;
  readonly correlation: Pick<CorrelationService, 'sync' | 'syncAfterWrite' | 'networkOfReport'>;
  readonly cipher: FieldCipher;
  readonly audit: AuditTrail;
  readonly clock: Clock;
}

export class ReportService {
  constructor(private readonly deps: ReportServiceDeps) {}

  /**
   * @example
   * await reports.add(caseNumber, pin, { text: 'Envoie 300 € par Western Union…' });
   */
  async add(
    caseNumber: string,
    pin: string | undefined,
    request: AddReportRequest,
  ): Promise<ReportView> {
    const record = await this.deps.cases.unlock(caseNumber, pin);
    if (record.status !== 'active') {
      throw new DomainError(
        'case_withdrawn',
        'this case was withdrawn; open a new case to add messages',
      );
    }
    const existing = await this.deps.consoleStore.listCaseReports(record.id);
    if (existing.length >= MAX_REPORTS_PER_CASE) {
      throw new DomainError('case_full', `a case holds at most ${MAX_REPORTS_PER_CASE} messages`);
    }
    const report = await this.store(record.id, request.text, {
      receivedAt: this.deps.clock.now(),
      lureHashes: request.lureHashes ?? [],
      synthetic: false,
    });
    await this.deps.audit.record({
      actor: { kind: 'victim', id: `case:${record.id}` },
      action: 'report.add',
      target: `report:${report.id}`,
    });
    return report;
  }

  /** Triages and stores a message (also used by the demo seeding, for synthetic messages). */
  async store(
    caseId: number,
    text: string,
    options: { receivedAt: Date; lureHashes: readonly string[]; synthetic: boolean },
  ): Promise<ReportView> {
    const analysis = this.deps.triage(text);
    const triaged = reportFromTriage(
      { id: 'new', caseId: String(caseId), receivedAt: options.receivedAt.getTime() },
      text,
      analysis,
    );
    const body: ReportBody = {
      text,
      indicators: triaged.indicators,
      lureHashes: options.lureHashes.map((hash) => hash.toLowerCase()),
    };
    const stored = await this.deps.consoleStore.addReport({
      caseId,
      receivedAt: options.receivedAt,
      verdict: analysis.verdict,
      family: analysis.family,
      body: (id) => this.deps.cipher.encrypt(JSON.stringify(body), reportContext(id)),
      synthetic: options.synthetic,
    });
    if (!options.synthetic) await this.deps.correlation.sync();
    return toReportView(stored, body);
  }

  /**
   * Deletes one message of the case (the victim takes it back). Correlation drops it before this
   * answers, other processes at their next poll. The audit entry names the report, never its text.
   */
  async remove(caseNumber: string, pin: string | undefined, reportId: number): Promise<undefined> {
    const record = await this.deps.cases.unlock(caseNumber, pin);
    if (!(await this.deps.consoleStore.deleteReport(record.id, reportId))) {
      throw new DomainError('report_not_found', 'this case has no message with this id');
    }
    await this.deps.correlation.syncAfterWrite();
    await this.deps.audit.record({
      actor: { kind: 'victim', id: `case:${record.id}` },
      action: 'report.delete',
      target: `report:${reportId}`,
    });
    return undefined;
  }

  async list(caseNumber: string, pin: string | undefined): Promise<ReportsResponse> {
    const record = await this.deps.cases.unlock(caseNumber, pin);
    return { reports: await this.ofCase(record.id) };
  }

  /** A case's reports, opened (for the case holder, and the helpline it is shared with). */
  async ofCase(caseId: number): Promise<ReportView[]> {
    const records = await this.deps.consoleStore.listCaseReports(caseId);
    return records.map((record) => toReportView(record, openBody(this.deps.cipher, record)));
  }
}

function toReportView(record: ReportRecord, body: ReportBody): ReportView {
  return {
    id: record.id,
    receivedAt: record.receivedAt.toISOString(),
    verdict: record.verdict,
    family: record.family,
    text: body.text,
    identifiers: body.indicators
      .filter((indicator) => indicator.type !== 'amount' && indicator.type !== 'deadline')
      .map((indicator) => ({
        type: indicator.type,
        value: indicator.value,
        normalized: indicator.normalized,
        valid: indicator.valid,
      })),
  };
}
