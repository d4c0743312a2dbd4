const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** ISO-8601 with an explicit offset (`+00:00`), as Python's `isoformat()` gave the frontend. */
export function isoTime(at: Date): string {
  return at.toISOString().replace('Z', '+00:00');
}

export function isoDaysFrom(now: Date, days: number): string {
  return isoTime(new Date(now.getTime() + days * DAY_MS));
}

export function isoHoursFrom(now: Date, hours: number): string {
  return isoTime(new Date(now.getTime() + hours * HOUR_MS));
}
