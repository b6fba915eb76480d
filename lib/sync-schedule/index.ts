export { scheduleHealth, SCHEDULER_DOWN_AFTER_MS, type ScheduleHealth, type LastScheduledRun } from './health';
export { scheduleTick, SCHEDULE_CRON, SCHEDULE_INTERVAL_MS } from './tick';
