// npm run bench:similarity:updates [-- --data DIR --ops 100000]
//
// Cost of changes to a bulk-loaded multi-index: adds, removals and replacements take effect at
// once, without a rebuild. The peer is what a rebuild-on-change design (HMA with FAISS) pays to
// pick up any change: building the whole index again, measured here on the same bank.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BruteForceIndex, MultiIndexHashIndex } from '@aman/similarity';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: resolve(import.meta.dirname, '.data', 'n1000000') },
    ops: { type: 'string', default: '100000' },
  },
});
const ops = Number(values.ops);
const bankBytes = readFileSync(join(values.data, 'bank.bin'));
const n = bankBytes.length / 32;

let state = 12345;
const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0);
const randomHash = () => new Uint8Array(32).map(() => random() >>> 24);
const cpuMicros = () => {
  const used = process.cpuUsage();
  return used.user + used.system;
};

let started = performance.now();
const index = MultiIndexHashIndex.fromHashes(bankBytes);
const rebuildSeconds = (performance.now() - started) / 1000;

const fresh = Array.from({ length: ops }, randomHash);
const timed = (run: () => void) => {
  const cpu = cpuMicros();
  started = performance.now();
  run();
  return { cpu: (cpuMicros() - cpu) / ops, wall: ((performance.now() - started) * 1000) / ops };
};
const add = timed(() => fresh.forEach((hash, i) => index.add(n + i, hash)));
const replace = timed(() => {
  for (let i = 0; i < ops; i++) index.add(random() % n, fresh[i]!);
});
const remove = timed(() => {
  for (let i = 0; i < ops; i++) index.remove(n + i);
});

const residentMegabytes = Math.round(process.memoryUsage().rss / 2 ** 20);

// The changed index must still be exact: a few queries against the reference.
const reference = BruteForceIndex.fromHashes(new Uint8Array(0));
for (const { ids, hashes } of index.entries()) {
  ids.forEach((id, i) => reference.add(id, hashes.subarray(32 * i, 32 * i + 32)));
}
for (let q = 0; q < 20; q++) {
  const query = fresh[q * 7]!;
  const same =
    JSON.stringify(index.query(query, 31)) === JSON.stringify(reference.query(query, 31));
  if (!same) throw new Error(`query ${q} differs from the reference after the changes`);
}

console.log(
  `Changes to a ${n.toLocaleString('en')}-hash multi-index, ${ops.toLocaleString('en')} of each ` +
    `(2 shared cores: CPU time is the steadier figure)`,
);
console.log(`  add a new id         ${add.cpu.toFixed(1)} µs CPU, ${add.wall.toFixed(1)} µs wall`);
console.log(
  `  replace an id's hash ${replace.cpu.toFixed(1)} µs CPU, ${replace.wall.toFixed(1)} µs wall`,
);
console.log(
  `  remove an id         ${remove.cpu.toFixed(1)} µs CPU, ${remove.wall.toFixed(1)} µs wall`,
);
console.log(
  `  peer: rebuilding the whole index to pick up a change: ${rebuildSeconds.toFixed(2)} s`,
);
console.log(`  resident memory after the changes: ${residentMegabytes} MB`);
