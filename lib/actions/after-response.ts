import { after } from 'next/server';
import { logError, type LogContext } from '@/lib/log';

/**
 * Runs `task` after the answer has gone to the browser (Next.js `after`), so how long it takes (sending an
 * email) neither slows nor shapes the answer; a failure is logged as `failure`. Outside a request (scripts,
 * tests calling an action directly) the task simply starts.
 */
export function afterResponse(failure: string, task: () => Promise<unknown>, context: LogContext = {}): void {
  const run = () =>
    task().then(
      () => undefined,
      (error: unknown) => logError(failure, error, context),
    );
  try {
    after(run);
  } catch {
    void run();
  }
}
