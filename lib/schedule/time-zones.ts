/**
 * Time zones are exact IANA names: Kubernetes' CronJob `timeZone` is case-sensitive, so
 * "europe/berlin" would pass a lenient Intl check here and then fail on a cluster.
 */

let cached: string[] | null = null;

/** Every zone this runtime knows, sorted, with UTC first (it is the default). */
export function timeZones(): string[] {
  if (!cached) {
    const names = new Set(Intl.supportedValuesOf('timeZone'));
    names.delete('UTC');
    cached = ['UTC', ...[...names].sort()];
  }
  return cached;
}

export function isTimeZone(tz: string): boolean {
  return typeof tz === 'string' && timeZones().includes(tz);
}

/** "UTC+02:00" — the zone's offset at a moment, for labels and for "next run" lines. */
export function zoneOffset(timeZone: string, at: Date): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  return !part || part === 'GMT' ? 'UTC+00:00' : part.replace('GMT', 'UTC');
}
