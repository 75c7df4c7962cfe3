/**
 * Pairwise precision and recall of a clustering against the truth: over every pair of reports,
 * precision is the share of pairs put together that truly belong together, recall the share of
 * pairs that belong together that were put together. Computed from the contingency table, so it
 * costs O(reports), not O(reports²).
 */
export interface PairwiseScores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly truePairs: number;
  readonly predictedPairs: number;
  readonly correctPairs: number;
}

/**
 * @example
 * pairwiseScores([['a', 'b'], ['c']], (id) => (id === 'c' ? 'x' : 'y'));
 * // { precision: 1, recall: 1, f1: 1, truePairs: 1, predictedPairs: 1, correctPairs: 1 }
 */
export function pairwiseScores(
  clusters: readonly (readonly string[])[],
  truthOf: (reportId: string) => string,
): PairwiseScores {
  const pairs = (n: number): number => (n * (n - 1)) / 2;
  const truthSizes = new Map<string, number>();
  let predictedPairs = 0;
  let correctPairs = 0;
  for (const cluster of clusters) {
    predictedPairs += pairs(cluster.length);
    const cells = new Map<string, number>();
    for (const id of cluster) {
      const truth = truthOf(id);
      cells.set(truth, (cells.get(truth) ?? 0) + 1);
      truthSizes.set(truth, (truthSizes.get(truth) ?? 0) + 1);
    }
    for (const count of cells.values()) correctPairs += pairs(count);
  }
  let truePairs = 0;
  for (const size of truthSizes.values()) truePairs += pairs(size);
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePairs, predictedPairs, correctPairs };
}
