import {
  generateSyntheticDataset,
  truthReports,
  type SyntheticOptions,
} from '../../src/synthetic/index.ts';
import type { ReportInput } from '../../src/types.ts';

/** The synthetic data set as a perfect triage would see it (see `truthReports`). */
export function demoReports(options: SyntheticOptions = { seed: 1 }): ReportInput[] {
  return truthReports(generateSyntheticDataset(options));
}
