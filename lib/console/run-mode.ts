import type { InngestMode } from '@/lib/env/inngest-mode';

/** What the dashboard says about where syncs run, so nobody wonders why the schedule does (or does not) fire. */
export function describeRunMode(mode: InngestMode): { title: string; detail: string } {
  if (mode === 'inngest') {
    return {
      title: 'Runs on Inngest',
      detail: 'The 5-minute schedule, Sync Now and Sync Order are queued on Inngest and run in bounded steps that survive restarts.',
    };
  }
  if (mode === 'dev_fallback_schedule') {
    return {
      title: 'Development fallback schedule',
      detail:
        'No Inngest dev server is running, so this server process syncs every workspace every few minutes itself. Development only: production uses Inngest.',
    };
  }
  return {
    title: 'Runs in this server process (no Inngest configured)',
    detail: 'Sync Now and Sync Order run here; nothing syncs on a schedule until Inngest is set up.',
  };
}
