/** The time, as a port: use cases read it here so tests can hold it still. */
export interface Clock {
  now(): Date;
}

/** The clock every Lambda is wired with. */
export const systemClock: Clock = { now: () => new Date() };
