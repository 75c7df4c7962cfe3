/**
 * `npm run eval:triage`: scores `analyze` on the evaluation sets in this folder and prints the
 * figures. `--verbose` also lists every misclassified message and indicator difference.
 *
 * dev.jsonl was written before and alongside the rules; heldout.jsonl was written after the rules
 * were frozen and is reported separately, to show how the rules generalise.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BinaryScore, EvaluationReport } from './score.ts';
import { evaluate, parseEvaluationSet } from './score.ts';

const SETS = ['dev', 'heldout', 'heldout2', 'heldout3', 'heldout4'] as const;
const verbose = process.argv.includes('--verbose');

const pct = (x: number): string => (x * 100).toFixed(1).padStart(5);
const row = (name: string, s: BinaryScore): string =>
  `  ${name.padEnd(18)} P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}   (tp ${s.tp}, fp ${s.fp}, fn ${s.fn}, tn ${s.tn})`;

function print(name: string, report: EvaluationReport): void {
  const lines = [
    `== ${name}: ${report.messages} messages, ${report.negatives} hard negatives (${pct(report.negatives / report.messages)} %)`,
    'Detection (sextortion or suspicious vs not detected):',
    row('overall', report.detection),
    ...Object.entries(report.detectionByLanguage).map(([lang, s]) => row(lang, s)),
    'Family (one-vs-rest):',
    ...Object.entries(report.familyScores).map(([family, s]) => row(family, s)),
    `Exact verdict: ${pct(report.verdictAccuracy)} %   exact family: ${pct(report.familyAccuracy)} %`,
    'Indicators (matched by type and normalised value):',
    ...Object.entries(report.indicators)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([type, s]) =>
          `  ${type.padEnd(18)} recall ${pct(s.recall)}  precision ${pct(s.precision)}   (expected ${s.expected}, found ${s.predicted}, matched ${s.matched}, invalid reported valid ${s.invalidReportedValid})`,
      ),
    `  ${'overall'.padEnd(18)} recall ${pct(report.indicatorsOverall.recall)}  precision ${pct(report.indicatorsOverall.precision)}   invalid reported valid: ${report.indicatorsOverall.invalidReportedValid}`,
  ];
  if (verbose) {
    lines.push('Misclassified:');
    for (const e of report.errors)
      lines.push(`  ${e.id}: expected ${e.expected}, got ${e.got}\n      ${e.text}`);
    lines.push('Indicator differences:');
    for (const e of report.indicatorErrors) {
      lines.push(`  ${e.id}: missing [${e.missing.join(', ')}] extra [${e.extra.join(', ')}]`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

for (const set of SETS) {
  const path = fileURLToPath(new URL(`./${set}.jsonl`, import.meta.url));
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    continue;
  }
  print(set, evaluate(parseEvaluationSet(text)));
}
