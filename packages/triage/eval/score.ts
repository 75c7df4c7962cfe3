/**
 * Scores `analyze` against a labelled evaluation set: detection precision/recall/F1 overall, per
 * language and per family, verdict accuracy, and indicator recall/precision per type.
 */
import { analyze } from '../src/index.ts';
import type { Family, IndicatorType, TriageResult, Verdict } from '../src/index.ts';

/** One labelled message (one line of a `*.jsonl` file in this folder). */
export interface LabelledMessage {
  readonly id: string;
  readonly lang: string;
  readonly kind: 'positive' | 'negative';
  readonly verdict: Verdict;
  readonly family: Family | null;
  readonly text: string;
  readonly indicators: ReadonlyArray<{ type: IndicatorType; normalized: string; valid: boolean }>;
  readonly note?: string;
}

/** Counts of a binary decision and the figures derived from them. */
export interface BinaryScore {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface IndicatorScore {
  expected: number;
  predicted: number;
  matched: number;
  recall: number;
  precision: number;
  /** Values labelled invalid (bad checksum) that `analyze` reported as valid. Must be 0. */
  invalidReportedValid: number;
}

export interface EvaluationReport {
  readonly messages: number;
  readonly negatives: number;
  readonly detection: BinaryScore;
  readonly detectionByLanguage: Record<string, BinaryScore>;
  readonly familyScores: Record<string, BinaryScore>;
  readonly verdictAccuracy: number;
  readonly familyAccuracy: number;
  readonly indicators: Record<string, IndicatorScore>;
  readonly indicatorsOverall: IndicatorScore;
  readonly errors: ReadonlyArray<{ id: string; expected: string; got: string; text: string }>;
  readonly indicatorErrors: ReadonlyArray<{ id: string; missing: string[]; extra: string[] }>;
}

/** Parses a JSONL evaluation file's text. */
export function parseEvaluationSet(jsonl: string): LabelledMessage[] {
  return jsonl
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledMessage);
}

function binary(): BinaryScore {
  return { tp: 0, fp: 0, fn: 0, tn: 0, precision: 0, recall: 0, f1: 0 };
}

function finish(score: BinaryScore): BinaryScore {
  score.precision = score.tp + score.fp === 0 ? 1 : score.tp / (score.tp + score.fp);
  score.recall = score.tp + score.fn === 0 ? 1 : score.tp / (score.tp + score.fn);
  score.f1 =
    score.precision + score.recall === 0
      ? 0
      : (2 * score.precision * score.recall) / (score.precision + score.recall);
  return score;
}

function count(score: BinaryScore, expected: boolean, predicted: boolean): void {
  if (expected && predicted) score.tp++;
  else if (!expected && predicted) score.fp++;
  else if (expected && !predicted) score.fn++;
  else score.tn++;
}

const FAMILY_KEYS = [
  'webcam-blackmail',
  'mass-email-bluff',
  'minor-targeted',
  'other-extortion',
  'lure',
];

/**
 * Runs `analyze` on every message and scores it.
 *
 * @example
 * const report = evaluate(parseEvaluationSet(readFileSync('eval/dev.jsonl', 'utf8')));
 * report.detection.f1; // 0.97
 */
export function evaluate(messages: readonly LabelledMessage[]): EvaluationReport {
  const detection = binary();
  const detectionByLanguage: Record<string, BinaryScore> = {};
  const familyScores: Record<string, BinaryScore> = Object.fromEntries(
    FAMILY_KEYS.map((f) => [f, binary()]),
  );
  const indicators: Record<string, IndicatorScore> = {};
  const errors: Array<{ id: string; expected: string; got: string; text: string }> = [];
  const indicatorErrors: Array<{ id: string; missing: string[]; extra: string[] }> = [];
  let verdictsRight = 0;
  let familiesRight = 0;
  const typeScore = (type: string): IndicatorScore =>
    (indicators[type] ??= {
      expected: 0,
      predicted: 0,
      matched: 0,
      recall: 0,
      precision: 0,
      invalidReportedValid: 0,
    });

  for (const message of messages) {
    const result: TriageResult = analyze(message.text);
    const expectedPositive = message.verdict !== 'not-detected';
    const predictedPositive = result.verdict !== 'not-detected';
    count(detection, expectedPositive, predictedPositive);
    count((detectionByLanguage[message.lang] ??= binary()), expectedPositive, predictedPositive);
    for (const family of FAMILY_KEYS) {
      count(
        familyScores[family] as BinaryScore,
        message.family === family,
        result.family === family,
      );
    }
    if (result.verdict === message.verdict) verdictsRight++;
    if (result.family === message.family) familiesRight++;
    if (result.verdict !== message.verdict || result.family !== message.family) {
      errors.push({
        id: message.id,
        expected: `${message.verdict}/${message.family ?? '-'}`,
        got: `${result.verdict}/${result.family ?? '-'} [${result.reasons.map((r) => r.cue).join(', ')}]`,
        text: message.text,
      });
    }
    // Indicators: matched by type and normalised value, each expected one at most once.
    const remaining = [...result.indicators];
    const missing: string[] = [];
    for (const expected of message.indicators) {
      const score = typeScore(expected.type);
      score.expected++;
      const at = remaining.findIndex(
        (i) => i.type === expected.type && i.normalized === expected.normalized,
      );
      if (at === -1) {
        missing.push(`${expected.type}:${expected.normalized}`);
        continue;
      }
      const found = remaining.splice(at, 1)[0];
      score.matched++;
      if (!expected.valid && found?.valid === true) score.invalidReportedValid++;
    }
    for (const indicator of result.indicators) typeScore(indicator.type).predicted++;
    const extra = remaining.map((i) => `${i.type}:${i.normalized}`);
    if (missing.length > 0 || extra.length > 0)
      indicatorErrors.push({ id: message.id, missing, extra });
  }

  const overall: IndicatorScore = {
    expected: 0,
    predicted: 0,
    matched: 0,
    recall: 0,
    precision: 0,
    invalidReportedValid: 0,
  };
  for (const score of Object.values(indicators)) {
    score.recall = score.expected === 0 ? 1 : score.matched / score.expected;
    score.precision = score.predicted === 0 ? 1 : score.matched / score.predicted;
    overall.expected += score.expected;
    overall.predicted += score.predicted;
    overall.matched += score.matched;
    overall.invalidReportedValid += score.invalidReportedValid;
  }
  overall.recall = overall.expected === 0 ? 1 : overall.matched / overall.expected;
  overall.precision = overall.predicted === 0 ? 1 : overall.matched / overall.predicted;

  finish(detection);
  for (const score of Object.values(detectionByLanguage)) finish(score);
  for (const score of Object.values(familyScores)) finish(score);
  return {
    messages: messages.length,
    negatives: messages.filter((m) => m.kind === 'negative').length,
    detection,
    detectionByLanguage,
    familyScores,
    verdictAccuracy: verdictsRight / messages.length,
    familyAccuracy: familiesRight / messages.length,
    indicators,
    indicatorsOverall: overall,
    errors,
    indicatorErrors,
  };
}
