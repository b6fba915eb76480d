import { useRouter } from 'next/navigation';
import { useActionState, useState } from 'react';
import type { ActionState } from '@/lib/actions/action-state';
import type { LiveAnswer } from '@/lib/actions/live-action';
import type { CheckedStore, CheckStepResult } from '@/lib/stores/check-view';

type LiveCheckAction = (previous: undefined, formData: FormData) => Promise<ActionState<LiveAnswer<CheckStepResult, CheckedStore>>>;

/**
 * A form action that runs the live connection check: `steps` fills in as the store answers each step, and the
 * state becomes the outcome once the check (and any save) is done; then the page is refreshed.
 */
export function useLiveCheck(action: LiveCheckAction, onOutcome?: (outcome: ActionState<CheckedStore>) => void) {
  const router = useRouter();
  const [steps, setSteps] = useState<CheckStepResult[]>([]);
  const [state, formAction, pending] = useActionState<ActionState<CheckedStore>, FormData>(async (_previous, formData) => {
    setSteps([]);
    const answer = await action(undefined, formData);
    if (!answer?.ok) return answer;
    for await (const step of answer.data.steps) setSteps((told) => [...told, step]);
    const outcome = await answer.data.outcome;
    onOutcome?.(outcome);
    if (outcome?.ok) router.refresh();
    return outcome;
  }, undefined);
  return { state, formAction, pending, steps };
}
