'use client';

import { useActionState, useEffect, useState } from 'react';
import type { ActionState } from '@/lib/actions/action-state';
import type { SyncNowOutcome } from '@/lib/console/sync-now';
import { announceSyncRequested, SYNC_FINISHED_EVENT } from '@/app/components/console/sync-events';
import { Button } from '@/app/components/ui/button';

type SyncNowAction = (state: ActionState<SyncNowOutcome>, input: FormData) => Promise<ActionState<SyncNowOutcome>>;

export function SyncNowButton({ action }: { action: SyncNowAction }) {
  const [state, submit, pending] = useActionState(action, undefined);
  // The answer ("started", "already running") is about the moment of the press; once the run's result
  // is shown at the top, it would only mislead.
  const [answeredState, setAnsweredState] = useState<typeof state>(undefined);
  useEffect(() => {
    if (state?.ok) announceSyncRequested();
  }, [state]);
  useEffect(() => {
    const onFinished = () => setAnsweredState(state);
    window.addEventListener(SYNC_FINISHED_EVENT, onFinished);
    return () => window.removeEventListener(SYNC_FINISHED_EVENT, onFinished);
  }, [state]);
  const showAnswer = state !== undefined && state !== answeredState;
  return (
    <form action={submit} className="flex flex-col items-start gap-2 sm:items-end">
      <Button disabled={pending} aria-describedby="sync-now-answer">
        {pending ? 'Starting…' : 'Sync Now'}
      </Button>
      <p id="sync-now-answer" role="status" aria-live="polite" className="max-w-md text-sm sm:text-right" data-testid="sync-now-answer">
        {state && showAnswer ? (
          <span className={state.ok ? 'text-slate-700' : 'text-rose-700'}>{state.ok ? state.data.message : state.error}</span>
        ) : null}
      </p>
    </form>
  );
}
