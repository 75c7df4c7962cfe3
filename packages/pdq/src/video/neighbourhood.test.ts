import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultNeighbourhoodSeconds,
  keptTick,
  neighbourhoodGrid,
  neighbourhoodTicks,
  parseNeighbourhoodSeconds,
} from './neighbourhood.ts';
import { framesShownAtTicks, instantOfTimestamp } from './sampling.ts';

describe('neighbourhood options', () => {
  it('accepts 0 up to half the interval', () => {
    expect(parseNeighbourhoodSeconds(0, 1)).toEqual({ ok: true, value: 0 });
    expect(parseNeighbourhoodSeconds(0.5, 1)).toEqual({ ok: true, value: 0.5 });
    for (const bad of [-0.1, 0.51, Number.NaN, Number.POSITIVE_INFINITY, '0.1', undefined]) {
      const parsed = parseNeighbourhoodSeconds(bad, 1);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error.code).toBe('vpdq_bad_neighbourhood');
    }
    expect(parseNeighbourhoodSeconds(0.15, 0.2).ok).toBe(false);
  });

  it('defaults to 0.15 s, or half a shorter interval', () => {
    expect(defaultNeighbourhoodSeconds(1)).toBe(0.15);
    expect(defaultNeighbourhoodSeconds(5)).toBe(0.15);
    expect(defaultNeighbourhoodSeconds(0.2)).toBe(0.1);
  });
});

describe('neighbourhoodGrid', () => {
  it('cuts the interval into ticks of about 1/30 s and keeps the whole ticks within reach', () => {
    expect(neighbourhoodGrid(1, 0.15)).toEqual({
      ticksPerInterval: 30,
      before: 4,
      after: 4,
      tick: { num: 1, den: 30 },
    });
    expect(neighbourhoodGrid(1, 0.1)).toMatchObject({ before: 3, after: 3 });
    expect(neighbourhoodGrid(2, 0.15)).toEqual({
      ticksPerInterval: 60,
      before: 4,
      after: 4,
      tick: { num: 1, den: 30 },
    });
    // 0.25 s is 7.5 ticks of 1/30 s: 8 ticks of 1/32 s instead, so that instants are ticks
    expect(neighbourhoodGrid(0.25, 0.1)).toEqual({
      ticksPerInterval: 8,
      before: 3,
      after: 3,
      tick: { num: 1, den: 32 },
    });
    // Half an interval tiles the video, every tick once: the middle tick goes to the earlier instant.
    expect(neighbourhoodGrid(0.2, 0.1)).toMatchObject({ ticksPerInterval: 6, before: 2, after: 3 });
    expect(neighbourhoodGrid(1, 0.5)).toMatchObject({
      ticksPerInterval: 30,
      before: 14,
      after: 15,
    });
    expect(neighbourhoodGrid(0.1, 0.05)).toMatchObject({
      ticksPerInterval: 3,
      before: 1,
      after: 1,
    });
    // A neighbourhood under a tick is no neighbourhood.
    expect(neighbourhoodGrid(1, 0.02)).toMatchObject({ before: 0, after: 0 });
    expect(neighbourhoodGrid(0.01, 0.005)).toEqual({
      ticksPerInterval: 1,
      before: 0,
      after: 0,
      tick: { num: 1, den: 100 },
    });
  });

  it('orders the kept ticks as a decoder that drops the others delivers them', () => {
    const grid = neighbourhoodGrid(1, 0.15);
    expect([0, 4, 5, 13, 14].map((i) => keptTick(grid, i))).toEqual([0, 4, 26, 34, 56]);
    expect(neighbourhoodTicks(grid, 2).map(({ tick }) => tick)).toEqual([
      0, 1, 2, 3, 4, 26, 27, 28, 29, 30, 31, 32, 33, 34,
    ]);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3600 }).map((tenths) => tenths / 10),
        fc.integer({ min: 0, max: 500 }).map((ms) => ms / 1000),
        fc.integer({ min: 0, max: 8 }),
        (secondsPerHash, wanted, instants) => {
          const grid = neighbourhoodGrid(secondsPerHash, Math.min(wanted, secondsPerHash / 2));
          const ticks = neighbourhoodTicks(grid, instants);
          ticks.forEach(({ tick, instant }, index) => {
            expect(keptTick(grid, index)).toBe(tick);
            // What a reader recovers from a timestamp at the tick: its instant, ties included.
            const seconds = (tick * grid.tick.num) / grid.tick.den;
            expect(instantOfTimestamp(Math.round(seconds * 1e6) / 1e6, secondsPerHash)).toBe(
              instant,
            );
            const offset = tick - instant * grid.ticksPerInterval;
            expect(offset).toBeGreaterThanOrEqual(-grid.before);
            expect(offset).toBeLessThanOrEqual(grid.after);
            if (index > 0) expect(tick).toBeGreaterThan(ticks[index - 1]!.tick);
          });
          expect(ticks).toHaveLength(
            instants === 0 ? 0 : grid.after + 1 + (instants - 1) * (grid.before + 1 + grid.after),
          );
          // Every instant is a tick of its own neighbourhood.
          for (let instant = 0; instant < instants; instant++) {
            expect(ticks).toContainEqual({ tick: instant * grid.ticksPerInterval, instant });
          }
        },
      ),
    );
  });

  it('picks, at each tick, the frame on screen then', () => {
    // 25 fps (1/12800 time base) on a 1/30 s grid: around 1 s, ticks 26…34 show frames 21…28
    const pts = Array.from({ length: 100 }, (_, n) => n * 512);
    const grid = neighbourhoodGrid(1, 0.15);
    const ticks = neighbourhoodTicks(grid, 2).map(({ tick }) => tick);
    expect(framesShownAtTicks(pts, { num: 1, den: 12800 }, grid.tick, ticks)).toEqual([
      0, 0, 1, 2, 3, 21, 22, 23, 24, 25, 25, 26, 27, 28,
    ]);
  });
});
