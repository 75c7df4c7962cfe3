import { BruteForceIndex, MultiIndexHashIndex } from '@aman/similarity';
import { describeSimilarityIndex } from './conformance.ts';

describeSimilarityIndex('BruteForceIndex', {
  empty: () => new BruteForceIndex(),
  fromHashes: (hashes, ids) => BruteForceIndex.fromHashes(hashes, ids),
});

// Small test banks would make the automatic strategy scan: force each path so both are covered.
for (const strategy of ['probe', 'scan', 'auto'] as const) {
  describeSimilarityIndex(`MultiIndexHashIndex, strategy ${strategy}`, {
    empty: () => new MultiIndexHashIndex({ strategy }),
    fromHashes: (hashes, ids) => MultiIndexHashIndex.fromHashes(hashes, ids, { strategy }),
  });
}
