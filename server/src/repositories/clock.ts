/** The time, behind an interface so that tests of lockouts and flood windows control it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
