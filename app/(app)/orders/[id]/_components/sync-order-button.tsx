'use client';

import { useActionState, useEffect } from 'react';
import { useRouter } from 'next/navigation';
import type { ActionState } from '@/lib/actions/action-state';
import type { SyncOrderOutcome } from '@/lib/console/sync-order';
import { Button } from '@/app/components/ui/button';

type SyncOrderAction = (state: ActionState<SyncOrderOutcome>, input: FormData) => Promise<ActionState<SyncOrderOutcome>>;

/** Pulls this order fresh and pushes it to every target; the outcome is read out where the button is. */
export function SyncOrderButton({ action, orderId }: { action: SyncOrderAction; orderId: string }) {
  const [state, submit, pending] = useActionState(action, undefined);
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  return (
    <form action={submit} className="flex flex-col items-start gap-2">
      <input type="hidden" name="orderId" value={orderId} />
      <Button disabled={pending}>{pending ? 'Syncing this order…' : 'Sync Order'}</Button>
      <p role="status" aria-live="polite" className="max-w-md text-sm" data-testid="sync-order-answer">
        {state ? (
          <span
            className={
              !state.ok || state.data.status === 'failed'
                ? 'text-rose-700'
                : state.data.status === 'succeeded'
                  ? 'text-emerald-800'
                  : 'text-amber-900'
            }
          >
            {state.ok ? state.data.message : state.error}
          </span>
        ) : null}
      </p>
    </form>
  );
}
