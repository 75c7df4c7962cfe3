import { hammingDistance, parsePdqHash } from '@aman/pdq';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { Correlator } from '../src/correlator.ts';
import { pairwiseScores } from '../src/evaluation.ts';
import {
  generateSyntheticDataset,
  SYNTHETIC_NOTICE,
  truthGroup,
  truthReports,
} from '../src/synthetic/index.ts';

const dataset = generateSyntheticDataset({ seed: 42 });
const texts = dataset.reports.map((report) => report.text);

describe('synthetic data set', () => {
  it('is the same for the same seed and different for another', () => {
    expect(generateSyntheticDataset({ seed: 42 })).toEqual(dataset);
    expect(generateSyntheticDataset({ seed: 43 }).reports[0]).not.toEqual(dataset.reports[0]);
  });

  it('is marked synthetic everywhere', () => {
    expect(dataset.synthetic).toBe(true);
    expect(dataset.notice).toBe(SYNTHETIC_NOTICE);
    for (const report of dataset.reports) {
      expect(report.synthetic).toBe(true);
      expect(report.id).toMatch(/^SYN-R\d{6}$/);
      expect(report.caseId).toMatch(/^SYN-C\d{5}$/);
    }
  });

  it('has hundreds of reports from a few rings, unrelated victims, in five languages', () => {
    expect(dataset.reports.length).toBeGreaterThan(300);
    expect(dataset.rings).toHaveLength(5);
    const loners = dataset.reports.filter((report) => report.truth.ring === null);
    expect(loners.length).toBeGreaterThanOrEqual(60);
    expect(new Set(dataset.reports.map((report) => report.language))).toEqual(
      new Set(['fr', 'en', 'ar', 'ary', 'ary-Latn']),
    );
    expect(new Set(dataset.rings.map((ring) => ring.family))).toEqual(
      new Set(['webcam-blackmail', 'mass-email-bluff', 'minor-targeted']),
    );
    const times = dataset.reports.map((report) => report.receivedAt);
    expect(times).toEqual([...times].sort());
    const weeks = (Date.parse(times.at(-1)!) - Date.parse(times[0]!)) / (7 * 86_400_000);
    expect(weeks).toBeGreaterThan(10);
  });

  it('writes one identifier many ways', () => {
    const ring = dataset.rings.find((r) => r.country === 'MA')!;
    const phone = ring.identifiers.find((i) => i.startsWith('+212'))!;
    const local = phone.slice(4);
    const spellings = new Set<string>();
    for (const text of texts) {
      if (text.includes(`wa.me/212${local}`)) spellings.add('wa.me');
      if (text.includes(`00212 ${local}`)) spellings.add('00212');
      if (text.includes(`+212${local}`) || text.includes(`+212 ${local[0]}`)) spellings.add('+212');
      if (new RegExp(`(^|\\D)0${local[0]} ?${local.slice(1, 3)}`).test(text)) spellings.add('0…');
    }
    expect(spellings.size).toBeGreaterThanOrEqual(3);
    expect(texts.some((t) => /IBAN : [A-Z]{2}\d{2}\d{24} /.test(t))).toBe(true);
    expect(texts.some((t) => /IBAN : [a-z]{2}\d{2}( \d{4})+/.test(t))).toBe(true);
    expect(texts.some((t) => /facebook\.com\/[A-Z]/.test(t))).toBe(true);
    expect(texts.some((t) => /fb: [a-z]/.test(t))).toBe(true);
    expect(texts.some((t) => /BC1Q[0-9A-Z]{30,}/.test(t))).toBe(true);
  });

  it('makes identifiers that pass their checks, and near-duplicate lure hashes', () => {
    for (const ring of dataset.rings) {
      for (const identifier of ring.identifiers) {
        if (!identifier.startsWith('+')) continue;
        expect(parsePhoneNumberFromString(identifier)?.isValid()).toBe(true);
      }
      const hashes = dataset.reports
        .filter((report) => report.truth.ring === ring.id)
        .flatMap((report) => report.lureHashes ?? [])
        .map((hex) => {
          const parsed = parsePdqHash(hex);
          if (!parsed.ok) throw new Error(parsed.error.message);
          return parsed.value;
        });
      if (ring.family !== 'webcam-blackmail') {
        expect(hashes).toEqual([]);
        continue;
      }
      expect(hashes.length).toBeGreaterThan(0);
      // Two base videos per ring, each shown as variants at most 8 bits away.
      const clusters: Array<typeof hashes> = [];
      for (const hash of hashes) {
        const home = clusters.find((cluster) => hammingDistance(cluster[0]!, hash) <= 16);
        if (home === undefined) clusters.push([hash]);
        else home.push(hash);
      }
      expect(clusters.length).toBeLessThanOrEqual(2);
    }
  });

  it('mixes in awareness quotes with safelisted numbers and example wallets', () => {
    const quoted = texts.filter((t) =>
      /0800 200 000|\+1 800 843 5678|1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa|bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4|@example\.(com|org)/.test(
        t,
      ),
    );
    expect(quoted.length).toBeGreaterThan(30);
    const quotingRings = new Set(
      dataset.reports.filter((r) => quoted.includes(r.text)).map((r) => r.truth.ring),
    );
    expect(quotingRings.size).toBeGreaterThanOrEqual(4);
  });

  it('is linkable: with a perfect triage, the correlator finds the rings exactly', () => {
    const correlator = new Correlator();
    const { added, refused } = correlator.addAll(truthReports(dataset));
    expect(refused).toEqual([]);
    expect(added).toBe(dataset.reports.length);
    const byId = new Map(dataset.reports.map((report) => [report.id, report]));
    const scores = pairwiseScores(correlator.clusters(), (id) => truthGroup(byId.get(id)!));
    expect(scores).toMatchObject({ precision: 1, recall: 1 });
  });
});
