import { SCHEDULE_INTERVAL_MS } from '@/lib/sync-schedule/tick';

/**
 * Where syncs run, decided once from the environment:
 * - `inngest`: an event key (Inngest Cloud or self-hosted) or `INNGEST_DEV` (a local dev server) is set, so the
 *   schedule, Sync Now and Sync Order are events that Inngest runs in bounded steps;
 * - `dev_fallback_schedule`: development without an Inngest dev server: this process runs Sync Now and Sync Order
 *   itself and fires the scheduler every 5 minutes on a local timer (`ORDERBRIDGE_DEV_FALLBACK_SCHEDULE=1`);
 * - `in_process`: no Inngest: Sync Now and Sync Order run in this process; nothing runs on a schedule.
 */
export type InngestMode = 'inngest' | 'dev_fallback_schedule' | 'in_process';

type Env = Record<string, string | undefined>;

export const DEV_FALLBACK_SCHEDULE_FLAG = 'ORDERBRIDGE_DEV_FALLBACK_SCHEDULE';
/** Development and tests only: the fallback schedule's period in seconds (5 minutes unless set). */
export const DEV_FALLBACK_SCHEDULE_SECONDS = 'ORDERBRIDGE_DEV_FALLBACK_SCHEDULE_SECONDS';

export function inngestMode(env: Env = process.env): InngestMode {
  if (env.INNGEST_EVENT_KEY?.trim() || isInngestDevMode(env.INNGEST_DEV)) return 'inngest';
  if (isFlagOn(env[DEV_FALLBACK_SCHEDULE_FLAG]) && env.NODE_ENV !== 'production') return 'dev_fallback_schedule';
  return 'in_process';
}

/** The fallback schedule's period; a bad value is refused with the setting's name rather than firing every millisecond. */
export function devFallbackSchedulePeriodMs(env: Env = process.env): number {
  const raw = env[DEV_FALLBACK_SCHEDULE_SECONDS]?.trim();
  if (!raw) return SCHEDULE_INTERVAL_MS;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 24 * 3600) {
    throw new Error(`${DEV_FALLBACK_SCHEDULE_SECONDS} must be a number of seconds between 1 and 86400, got "${raw}"`);
  }
  return Math.round(seconds * 1000);
}

/** As the Inngest SDK reads it: `1`, `true` or a dev server URL selects dev mode; `0` or `false` selects cloud mode. */
export function isInngestDevMode(value: string | undefined): boolean {
  const normalised = value?.trim().toLowerCase();
  return Boolean(normalised) && normalised !== '0' && normalised !== 'false' && normalised !== 'undefined';
}

export function isFlagOn(value: string | undefined): boolean {
  const normalised = value?.trim().toLowerCase();
  return normalised === '1' || normalised === 'true';
}
