import { plural } from '@/lib/utils/plural';
import type { Db } from '@/db/client';
import { runScheduledTickInProcess, type InProcessTickReport } from './run-tick-in-process';

export const DEV_FALLBACK_LABEL = 'Development fallback schedule';

export type DevFallbackSchedule = { stop: () => void };

/**
 * The development fallback for the 5-minute cron when no Inngest dev server runs: a timer in this process that
 * runs the scheduler's tick every `periodMs`. A tick still running when the next is due is not doubled. Never
 * started in production (see `inngestMode`).
 */
export function startDevFallbackSchedule(options: {
  db: () => Promise<Db>;
  periodMs: number;
  log?: (line: string) => void;
  onTick?: (report: InProcessTickReport) => void;
}): DevFallbackSchedule {
  const log = options.log ?? ((line: string) => console.log(line));
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const report = await runScheduledTickInProcess(await options.db());
      log(
        `[${DEV_FALLBACK_LABEL}] tick ${report.tick}: ${plural(report.workspaces, 'active workspace')}, ${report.synced} synced, ${report.skipped} skipped, ${report.failed} failed`,
      );
      options.onTick?.(report);
    } catch (error) {
      log(`[${DEV_FALLBACK_LABEL}] tick failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.periodMs);
  timer.unref?.();
  log(
    `[${DEV_FALLBACK_LABEL}] No Inngest dev server: this process syncs every active workspace every ${describePeriod(options.periodMs)} (development only).`,
  );
  return { stop: () => clearInterval(timer) };
}

function describePeriod(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} minute${ms === 60_000 ? '' : 's'}` : `${ms / 1000} s`;
}
