import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { LabelledMessage } from '../eval/score.ts';
import { evaluate, parseEvaluationSet } from '../eval/score.ts';

const SETS = ['dev', 'heldout', 'heldout2', 'heldout3', 'heldout4'] as const;
const load = (name: string): LabelledMessage[] =>
  parseEvaluationSet(
    readFileSync(fileURLToPath(new URL(`../eval/${name}.jsonl`, import.meta.url)), 'utf8'),
  );
const all = SETS.flatMap(load);

describe('the evaluation set', () => {
  it('has at least 200 messages in every language asked for, 40% or more of them hard negatives', () => {
    expect(all.length).toBeGreaterThanOrEqual(200);
    expect(all.filter((m) => m.kind === 'negative').length / all.length).toBeGreaterThanOrEqual(
      0.4,
    );
    const languages = new Set(all.map((m) => m.lang));
    expect([...languages].sort()).toEqual(['ar', 'ary', 'ary-Latn', 'en', 'fr']);
    const ids = all.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('labels every negative as not detected and every positive with a family', () => {
    for (const m of all) {
      expect(m.kind === 'negative', m.id).toBe(m.verdict === 'not-detected');
      expect(m.family === null, m.id).toBe(m.verdict === 'not-detected');
    }
  });
});

describe('the goals of issue 4 on the evaluation set', () => {
  const report = evaluate(all);

  it('detection F1 is at least 0.95 overall and 0.9 in every language', () => {
    expect(report.detection.f1).toBeGreaterThanOrEqual(0.95);
    for (const [language, score] of Object.entries(report.detectionByLanguage)) {
      expect(score.f1, language).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('indicator recall is at least 0.95, and no invalid value is reported as valid', () => {
    expect(report.indicatorsOverall.recall).toBeGreaterThanOrEqual(0.95);
    expect(report.indicatorsOverall.invalidReportedValid).toBe(0);
  });

  it('every set on its own also meets the overall goals', () => {
    for (const set of SETS) {
      const own = evaluate(load(set));
      expect(own.detection.f1, set).toBeGreaterThanOrEqual(0.95);
      expect(own.indicatorsOverall.recall, set).toBeGreaterThanOrEqual(0.95);
    }
  });
});
