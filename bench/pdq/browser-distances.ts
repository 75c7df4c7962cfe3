// Measures how far the ./browser entry (Chromium's decoders) lands from the reference hashes on
// the whole conformance set, and prints the Markdown table kept in packages/pdq/README.md.
// Run: npx tsx bench/pdq/browser-distances.ts
import { hammingDistance } from '../../packages/pdq/src/core/index.ts';
import { startBrowserHarness } from '../../packages/pdq/test/browser-harness.ts';
import { expectedRows } from '../../packages/pdq/test/reference-data.ts';

const harness = await startBrowserHarness();
const version = harness.page.context().browser()?.version() ?? 'unknown';
const lines = [
  `Chromium ${version}, ${new Date().toISOString().slice(0, 10)}:`,
  '',
  '| file | size | reference quality | browser quality | distance |',
  '| --- | --- | ---: | ---: | ---: |',
];
const distances: number[] = [];
try {
  for (const row of expectedRows()) {
    const { result } = await harness.hashUrl(`/ref/${row.file}`);
    if (!result.ok) {
      lines.push(
        `| ${row.file} | ${row.width}x${row.height} | ${row.qualityFullres} | error | ${result.error.code} |`,
      );
      continue;
    }
    const distance = hammingDistance(result.value.pdq, row.hashFullres);
    distances.push(distance);
    lines.push(
      `| ${row.file} | ${row.width}x${row.height} | ${row.qualityFullres} | ${result.value.quality} | ${distance} |`,
    );
  }
} finally {
  await harness.close();
}
const exact = distances.filter((d) => d === 0).length;
lines.push(
  '',
  `${exact} of ${distances.length} images hash exactly as the reference; the largest distance is ${Math.max(...distances)}.`,
);
console.log(lines.join('\n'));
