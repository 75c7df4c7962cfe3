import { describe, expect, it } from 'vitest';
import { pairwiseScores } from './evaluation.ts';

describe('pairwiseScores', () => {
  const truth: Record<string, string> = { a: 'x', b: 'x', c: 'x', d: 'y', e: 'y', f: 'z' };
  const truthOf = (id: string): string => truth[id]!;

  it('is perfect for the true clustering', () => {
    expect(pairwiseScores([['a', 'b', 'c'], ['d', 'e'], ['f']], truthOf)).toMatchObject({
      precision: 1,
      recall: 1,
      truePairs: 4,
    });
  });

  it('counts pairs: a wrong merge lowers precision, a split lowers recall', () => {
    // Merging y into x: 10 pairs predicted, 4 right.
    expect(pairwiseScores([['a', 'b', 'c', 'd', 'e'], ['f']], truthOf)).toMatchObject({
      precision: 4 / 10,
      recall: 1,
    });
    // Splitting x: 1 of x's 3 pairs found, plus y's pair.
    expect(pairwiseScores([['a', 'b'], ['c'], ['d', 'e'], ['f']], truthOf)).toMatchObject({
      precision: 1,
      recall: 2 / 4,
    });
  });

  it('treats the no-pair cases as perfect rather than dividing by zero', () => {
    expect(pairwiseScores([['a'], ['d'], ['f']], truthOf)).toMatchObject({
      precision: 1,
      recall: 1,
    });
  });
});
