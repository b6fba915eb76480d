export const SCHEDULE_CRON = '*/5 * * * *';
export const SCHEDULE_INTERVAL_MS = 5 * 60_000;

/**
 * The 5-minute slot a moment belongs to, as an ISO minute (`2026-05-01T10:05Z`). A cron event, a retry of
 * it and a manual invoke in the same slot all get the same tick, so their event ids collide on purpose.
 */
export function scheduleTick(at: Date | number): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  if (!Number.isFinite(ms)) throw new Error('scheduleTick needs a valid time');
  const slot = Math.floor(ms / SCHEDULE_INTERVAL_MS) * SCHEDULE_INTERVAL_MS;
  return `${new Date(slot).toISOString().slice(0, 16)}Z`;
}

/** The moment a tick's slot starts, in milliseconds. */
export function tickStartMs(tick: string): number {
  const ms = Date.parse(tick.replace(/Z$/, ':00Z'));
  if (!Number.isFinite(ms)) throw new Error(`not a schedule tick: ${tick}`);
  return ms;
}
