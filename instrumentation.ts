export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { serverEnv } = await import('./lib/env/server-env');
  serverEnv();
  const { getDb } = await import('./db/client');
  await getDb();
  const { devFallbackSchedulePeriodMs, inngestMode } = await import('./lib/env/inngest-mode');
  if (inngestMode() === 'dev_fallback_schedule') {
    const { processSingleton } = await import('@/lib/utils/process-singleton');
    const { startDevFallbackSchedule } = await import('./lib/sync-schedule/dev-fallback');
    processSingleton('orderbridgeDevFallbackSchedule', () =>
      startDevFallbackSchedule({ db: getDb, periodMs: devFallbackSchedulePeriodMs() }),
    );
  }
}
