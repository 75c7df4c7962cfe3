// The committed WebAssembly bytes are exactly what jarosz.wat assembles to.
import { describe, expect, it } from 'vitest';
import { assembleJarosz } from '../scripts/build-wasm.ts';
import { JAROSZ_WASM } from '../src/core/simd/jarosz-wasm.ts';

describe('jarosz-wasm.ts', () => {
  it('is up to date with jarosz.wat (run `npm run build:wasm -w packages/pdq` after editing it)', async () => {
    expect(Array.from(await assembleJarosz())).toEqual(Array.from(JAROSZ_WASM));
  });
});
