/**
 * An instant as people in the language write its day and time, in a time zone: Estonian
 * `07.12.2026` / English `7 December 2026`, and `14:00` (24 hours) for both. Undefined for a
 * string that is not a time. The pages and the approval emails word the two parts their own way.
 */
export function localDayAndTime(
  iso: string,
  language: 'et' | 'en',
  timeZone: string,
): { day: string; time: string } | undefined {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return undefined;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  const time = `${parts.hour}:${parts.minute}`;
  const day =
    language === 'et'
      ? `${parts.day}.${parts.month}.${parts.year}`
      : new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(d);
  return { day, time };
}
