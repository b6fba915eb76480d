import type { LogContext } from '@/lib/log';
import { Pulse } from '@/lib/utils/pulse';
import { failedAction, type ActionState } from './action-state';

/**
 * An action's answer that arrives in parts: each step as it ends, then the outcome. React streams both to
 * the browser in the action's response, so a form can show progress while the work runs on the server.
 */
export type LiveAnswer<Step, Result> = { steps: AsyncIterable<Step>; outcome: Promise<ActionState<Result>> };

export function liveAnswer<Step, Result>(
  run: (onStep: (step: Step) => void) => Promise<Result>,
  context: LogContext = {},
): LiveAnswer<Step, Result> {
  const arrived: Step[] = [];
  const changed = new Pulse();
  let finished = false;
  const outcome = run((step) => {
    arrived.push(step);
    changed.emit();
  })
    .then(
      (data): ActionState<Result> => ({ ok: true, data }),
      (error: unknown) => failedAction(error, context),
    )
    .finally(() => {
      finished = true;
      changed.emit();
    });
  async function* steps(): AsyncGenerator<Step> {
    for (;;) {
      while (arrived.length > 0) yield arrived.shift()!;
      if (finished) return;
      await changed.next();
    }
  }
  return { steps: steps(), outcome };
}
