// Synthetic sextortion reports with ground truth, for tests, benchmarks and the demo console.
// Everything here is made up and marked `synthetic: true`.
import { reportFromTriage, type TriageOutcome } from '../pipeline.ts';
import type { ReportInput } from '../types.ts';
import type { SyntheticDataset, SyntheticReport } from './generator.ts';

export {
  generateSyntheticDataset,
  SYNTHETIC_NOTICE,
  type SyntheticDataset,
  type SyntheticOptions,
  type SyntheticReport,
  type SyntheticRing,
} from './generator.ts';
export type { SyntheticLanguage, Stage, TruthIndicator } from './messages.ts';
export { Random } from './random.ts';

/**
 * Runs every synthetic message through triage and returns the reports the correlator reads, in
 * the order they were received.
 *
 * @example
 * import { analyze } from '@aman/triage';
 * const reports = triageDataset(generateSyntheticDataset({ seed: 1 }), analyze);
 * correlator.addAll(reports);
 */
export function triageDataset(
  dataset: SyntheticDataset,
  analyze: (text: string) => TriageOutcome,
): ReportInput[] {
  return dataset.reports.map((report) => triageReport(report, analyze));
}

/**
 * One synthetic report through triage.
 *
 * @example
 * triageReport(dataset.reports[0], analyze).indicators;
 */
export function triageReport(
  report: SyntheticReport,
  analyze: (text: string) => TriageOutcome,
): ReportInput {
  return reportFromTriage(
    {
      id: report.id,
      caseId: report.caseId,
      receivedAt: report.receivedAt,
      ...(report.lureHashes === undefined ? {} : { lureHashes: report.lureHashes }),
    },
    report.text,
    analyze(report.text),
  );
}

/**
 * The reports a perfect triage would produce: the ground-truth identifiers and family of each
 * message. Tests and benchmarks of the correlation itself use these; `triageDataset` measures the
 * whole pipeline.
 *
 * @example
 * correlator.addAll(truthReports(generateSyntheticDataset({ seed: 1 })));
 */
export function truthReports(dataset: SyntheticDataset): ReportInput[] {
  return dataset.reports.map((report) => ({
    id: report.id,
    caseId: report.caseId,
    receivedAt: report.receivedAt,
    family: report.truth.family,
    indicators: report.truth.identifiers.map((identifier) => ({
      ...identifier,
      value: identifier.normalized,
      valid: true,
    })),
    ...(report.lureHashes === undefined ? {} : { lureHashes: report.lureHashes }),
  }));
}

/**
 * The ground-truth group of a report: its ring, or its own case for a one-off blackmailer.
 *
 * @example
 * pairwiseScores(correlator.clusters(), (id) => truthGroup(byId.get(id)!));
 */
export function truthGroup(report: SyntheticReport): string {
  return report.truth.ring ?? `case:${report.caseId}`;
}
