/**
 * From a triaged message to a report the correlator reads: triage's family and indicators (money-
 * transfer receivers included: `@aman/triage` reads them, as `receiver` indicators).
 */
import type { IndicatorInput, ReportInput, ScamFamily } from './types.ts';

/** The part of `@aman/triage`'s `TriageResult` that correlation reads. */
export interface TriageOutcome {
  readonly family: ScamFamily | null;
  readonly indicators: readonly IndicatorInput[];
}

/**
 * The report of one triaged message. `_text` (the message) is no longer read: triage extracts
 * everything the correlator links on; the parameter stays so that callers need not change.
 *
 * @example
 * const text = 'Envoie 300 € par Western Union au nom de Youssef El Amrani, ville Oued Zem';
 * correlator.add(reportFromTriage({ id, caseId, receivedAt }, text, analyze(text)));
 */
export function reportFromTriage(
  meta: Pick<ReportInput, 'id' | 'caseId' | 'receivedAt'> & Pick<ReportInput, 'lureHashes'>,
  _text: string,
  triage: TriageOutcome,
): ReportInput {
  return {
    id: meta.id,
    caseId: meta.caseId,
    receivedAt: meta.receivedAt,
    family: triage.family,
    indicators: triage.indicators,
    ...(meta.lureHashes === undefined ? {} : { lureHashes: meta.lureHashes }),
  };
}
