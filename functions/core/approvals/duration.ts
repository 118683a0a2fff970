// ISO 8601 durations as stage deadlines. Years and months are refused: their length in seconds
// depends on the calendar, and a deadline becomes a task-token timeout in whole seconds.
const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Step Functions caps a task timeout at 99999999 s (about 3.2 years). */
export const MAX_DEADLINE_SECONDS = 99_999_999;

/** Seconds in the duration, or undefined when it is not a positive week/day/time duration. */
export function durationSeconds(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const [w, d, h, min, s] = m.slice(1).map((x) => Number(x ?? 0));
  const seconds = (((w * 7 + d) * 24 + h) * 60 + min) * 60 + s;
  return seconds > 0 && seconds <= MAX_DEADLINE_SECONDS ? seconds : undefined;
}
