/**
 * From a triaged message to a report the correlator reads: triage's indicators, plus the
 * money-transfer receivers that triage does not extract yet (see identifiers/receivers.ts).
 */
import { findReceivers } from './identifiers/receivers.ts';
import type { IndicatorInput, ReportInput, ScamFamily } from './types.ts';

/** The part of `@aman/triage`'s `TriageResult` that correlation reads. */
export interface TriageOutcome {
  readonly family: ScamFamily | null;
  readonly indicators: readonly IndicatorInput[];
}

/**
 * @example
 * const text = 'Envoie 300 € par Western Union au nom de Youssef El Amrani, ville Oued Zem';
 * correlator.add(reportFromTriage({ id, caseId, receivedAt }, text, analyze(text)));
 */
export function reportFromTriage(
  meta: Pick<ReportInput, 'id' | 'caseId' | 'receivedAt'> & Pick<ReportInput, 'lureHashes'>,
  text: string,
  triage: TriageOutcome,
): ReportInput {
  return {
    id: meta.id,
    caseId: meta.caseId,
    receivedAt: meta.receivedAt,
    family: triage.family,
    indicators: [...triage.indicators, ...findReceivers(text)],
    ...(meta.lureHashes === undefined ? {} : { lureHashes: meta.lureHashes }),
  };
}
