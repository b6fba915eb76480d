/** WooCommerce stores dates with one-second precision and shows them without a zone, local and GMT. */
export function truncateToSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

export function formatWcDate(ms: number, utcOffsetMinutes = 0): string {
  return new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 19);
}

export function formatWcDateOrNull(ms: number | null, utcOffsetMinutes = 0): string | null {
  return ms === null ? null : formatWcDate(ms, utcOffsetMinutes);
}

const zonePattern = /(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Reads an ISO 8601 query date. Without an explicit zone it is GMT when `datesAreGmt`,
 * else site-local time. Returns epoch ms, or null when unparseable.
 */
export function parseQueryDate(value: string, datesAreGmt: boolean, utcOffsetMinutes: number): number | null {
  const trimmed = value.trim();
  if (zonePattern.test(trimmed)) {
    const parsed = Date.parse(trimmed);
    return Number.isNaN(parsed) ? null : parsed;
  }
  const parsed = Date.parse(`${trimmed.replace(' ', 'T')}Z`);
  if (Number.isNaN(parsed)) return null;
  return datesAreGmt ? parsed : parsed - utcOffsetMinutes * 60_000;
}
