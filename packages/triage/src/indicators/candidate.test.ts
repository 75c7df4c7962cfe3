import { describe, expect, it } from 'vitest';
import { isSpaceCode } from './candidate.ts';

describe('isSpaceCode', () => {
  it('matches exactly what \\s matches, on every UTF-16 code unit', () => {
    const space = /\s/u;
    const differing: number[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (isSpaceCode(code) !== space.test(String.fromCharCode(code))) differing.push(code);
    }
    expect(differing).toEqual([]);
  });
});
