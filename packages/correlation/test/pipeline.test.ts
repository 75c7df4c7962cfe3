/**
 * The real pipeline on synthetic rings: message text → @aman/triage's `analyze` → indicators (plus
 * the receiver adapter) → the correlator → networks, scored against the ground truth.
 */
import { analyze } from '@aman/triage';
import { describe, expect, it } from 'vitest';
import { Correlator } from '../src/correlator.ts';
import { pairwiseScores, type PairwiseScores } from '../src/evaluation.ts';
import { indicatorLinkKey } from '../src/identifiers/link-key.ts';
import { reportFromTriage } from '../src/pipeline.ts';
import { Safelist } from '../src/safelist/safelist.ts';
import {
  generateSyntheticDataset,
  triageDataset,
  truthGroup,
  type SyntheticDataset,
} from '../src/synthetic/index.ts';
import type { ReportInput } from '../src/types.ts';

const SEEDS = [1, 2, 3];
const datasets = SEEDS.map((seed) => generateSyntheticDataset({ seed }));
const triaged = datasets.map((dataset) => triageDataset(dataset, analyze));

function score(
  dataset: SyntheticDataset,
  reports: readonly ReportInput[],
  correlator: Correlator,
): PairwiseScores {
  correlator.addAll(reports);
  const byId = new Map(dataset.reports.map((report) => [report.id, report]));
  return pairwiseScores(correlator.clusters(), (id) => truthGroup(byId.get(id)!));
}

/** Printed on purpose: the figures are the point of this test (the console guard watches `console`). */
function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

describe('the whole pipeline on synthetic rings', () => {
  it('finds the rings: pairwise precision and recall of at least 0.95', async ({ annotate }) => {
    for (const [i, dataset] of datasets.entries()) {
      const scores = score(dataset, triaged[i]!, new Correlator());
      const line = `correlation, seed ${dataset.seed}: ${dataset.reports.length} reports, ${dataset.rings.length} rings + unrelated victims: pairwise precision ${scores.precision.toFixed(4)}, recall ${scores.recall.toFixed(4)} (${scores.correctPairs}/${scores.predictedPairs} predicted pairs right, ${scores.correctPairs}/${scores.truePairs} true pairs found)`;
      print(line);
      await annotate(line);
      expect(scores.precision).toBeGreaterThanOrEqual(0.95);
      expect(scores.recall).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('owes its precision to the safelist: without it, quoted helplines merge the rings', () => {
    const dataset = datasets[0]!;
    const scores = score(dataset, triaged[0]!, new Correlator({ safelist: new Safelist() }));
    print(
      `correlation without safelist, seed ${dataset.seed}: precision ${scores.precision.toFixed(4)}`,
    );
    expect(scores.precision).toBeLessThan(0.9);
  });

  it('reads the identifiers the messages hold, and none of them as valid when it is not', () => {
    let expected = 0;
    let found = 0;
    for (const [i, dataset] of datasets.entries()) {
      for (const [r, report] of dataset.reports.entries()) {
        const keys = new Set(triaged[i]![r]!.indicators.map((x) => indicatorLinkKey(x)?.key));
        for (const truth of report.truth.identifiers) {
          expected++;
          const key = indicatorLinkKey({ ...truth, value: truth.normalized, valid: true })?.key;
          if (keys.has(key)) found++;
        }
        // Made-up identifiers pass their checksums: triage must not call them invalid.
        for (const indicator of triaged[i]![r]!.indicators) {
          if (['bitcoin', 'ethereum', 'tron', 'iban'].includes(indicator.type)) {
            expect(indicator.valid, indicator.value).toBe(true);
          }
        }
      }
    }
    print(
      `identifier recall of triage on synthetic messages: ${found}/${expected} (${((100 * found) / expected).toFixed(1)}%)`,
    );
    expect(found / expected).toBeGreaterThanOrEqual(0.95);
  });

  it('links +212 6.., 06.. and 00212 6.. as one number, through triage', () => {
    const messages = [
      'Si tu ne réponds pas sur WhatsApp +212 6 61 23 45 67 je publie la vidéo.',
      'ila ma jawbtinich f whatsapp 0661234567 ghadi nsift lvideo l s7abk',
      'Envoie le reçu sur WhatsApp 00212 661 234 567 avant ce soir.',
    ];
    const correlator = new Correlator();
    for (const [i, text] of messages.entries()) {
      const added = correlator.add(
        reportFromTriage(
          { id: `m${i}`, caseId: `c${i}`, receivedAt: `2025-03-0${i + 1}T10:00:00Z` },
          text,
          analyze(text),
        ),
      );
      expect(added.ok).toBe(true);
    }
    expect(correlator.clusters()).toEqual([['m0', 'm1', 'm2']]);
    expect(correlator.lookup('phone', '+212661234567')).toMatchObject({
      ok: true,
      value: { reports: 3, clusterSize: 3 },
    });
  });
});
