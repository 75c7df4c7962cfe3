// Type-checks every TypeScript project in the repository, tests included.
// Each tsconfig*.json outside node_modules is one project; some folders have a stricter one of their
// own (the PDQ core has no Node and no DOM types, so using either is a compile error there).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const skip = new Set(['node_modules', 'dist', 'coverage', '.git', '.data', 'test-results']);

function findConfigs(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findConfigs(path));
    else if (
      /^tsconfig(\.[\w-]+)?\.json$/.test(entry.name) &&
      entry.name !== 'tsconfig.base.json'
    ) {
      found.push(path);
    }
  }
  return found;
}

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
let failed = 0;
for (const config of findConfigs(root).sort()) {
  const result = spawnSync(process.execPath, [tsc, '-p', config], { stdio: 'inherit' });
  const name = relative(root, config);
  if (result.status !== 0) {
    failed++;
    console.error(`typecheck failed: ${name}`);
  } else {
    console.log(`typecheck ok: ${name}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
