import { describe, expect, it } from 'vitest';
import { createProgress, PROGRESS_MIN_FILES } from './progress.ts';

function fakeStream(isTTY: boolean): {
  text: string[];
  isTTY: boolean;
  columns: number;
  write(t: string): boolean;
} {
  return {
    text: [],
    isTTY,
    columns: 60,
    write(t: string) {
      this.text.push(t);
      return true;
    },
  };
}

describe('createProgress', () => {
  it('draws nothing on a pipe, or for a handful of files', () => {
    const pipe = fakeStream(false);
    const progress = createProgress(pipe, 100);
    for (let i = 0; i < 100; i++) progress.advance();
    progress.finish();
    expect(pipe.text).toEqual([]);

    const terminal = fakeStream(true);
    const few = createProgress(terminal, PROGRESS_MIN_FILES - 1);
    few.advance();
    few.finish();
    expect(terminal.text).toEqual([]);
  });

  it('draws a bar on a terminal, throttled, always showing the last file, and erases it', () => {
    const terminal = fakeStream(true);
    let clock = 0;
    const progress = createProgress(terminal, 20, () => clock);
    progress.advance(); // first draw
    progress.advance(); // too soon: skipped
    clock += 150;
    progress.advance();
    progress.clear();
    for (let i = 0; i < 17; i++) progress.advance();
    progress.finish();
    expect(terminal.text).toEqual([
      `\r\x1b[K[${'#'.repeat(2)}${'-'.repeat(28)}] 1/20 files 5%`,
      `\r\x1b[K[${'#'.repeat(5)}${'-'.repeat(25)}] 3/20 files 15%`,
      '\r\x1b[K',
      `\r\x1b[K[${'#'.repeat(6)}${'-'.repeat(24)}] 4/20 files 20%`,
      `\r\x1b[K[${'#'.repeat(30)}] 20/20 files 100%`,
      '\r\x1b[K',
    ]);
  });
});
