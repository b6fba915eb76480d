'use client';

import { Button } from '@/app/components/ui/button';

/** What a console page shows when loading it failed: what happened, and what to do about it. */
export function PageError({ what, reset }: { what: string; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-6 py-8 text-center">
      <h1 className="text-base font-semibold text-rose-900">{what} could not be loaded</h1>
      <p className="mx-auto mt-1 max-w-prose text-sm text-rose-900/80">
        Something went wrong on our side, not in your stores — nothing was changed. Try again; if it keeps happening, wait a minute (the
        database may be restarting) and reload.
      </p>
      <Button type="button" onClick={reset} className="mt-4">
        Try again
      </Button>
    </div>
  );
}
