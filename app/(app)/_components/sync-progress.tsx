'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { SyncStatusView } from '@/lib/console/sync-status-view';
import { announceSyncFinished, SYNC_REQUESTED_EVENT } from '@/app/components/console/sync-events';
import { textLink } from '@/app/components/ui/text-link';

const FAST_POLL_MS = 1500;
const IDLE_POLL_MS = 15_000;
/** After Sync Now, keep polling fast for this long even before the run row appears. */
const REQUEST_WINDOW_MS = 20_000;
const JUST_FINISHED_MS = 15_000;

type Result = NonNullable<SyncStatusView['lastFinished']>;

/** The sync indicator shown on every console page: live progress while a run goes, then its result. */
export function SyncProgress() {
  const router = useRouter();
  const [view, setView] = useState<SyncStatusView | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const watchedRun = useRef<string | null>(null);
  const baselineFinishedId = useRef<string | null | undefined>(undefined);
  const requestedAt = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    let stopped = false;
    async function poll() {
      if (timer.current) clearTimeout(timer.current);
      let next: SyncStatusView | null = null;
      try {
        const response = await fetch('/api/sync/status', { cache: 'no-store', headers: { accept: 'application/json' } });
        if (response.status === 401) return;
        if (response.ok) next = (await response.json()) as SyncStatusView;
      } catch {
        // A missed poll is retried on the next tick; the indicator is a convenience, not the record.
      }
      if (stopped) return;
      if (next) {
        if (baselineFinishedId.current === undefined) {
          baselineFinishedId.current = next.lastFinished?.runId ?? null;
          // A run that ended just before this page loaded (the merchant navigated as it finished) still gets its result shown.
          const finishedAt = next.lastFinished?.finishedAt ? Date.parse(next.lastFinished.finishedAt) : 0;
          if (!next.running && next.lastFinished && Date.now() - finishedAt < JUST_FINISHED_MS) setResult(next.lastFinished);
        }
        const finishedId = next.lastFinished?.runId ?? null;
        if (next.running && watchedRun.current !== next.running.runId) {
          watchedRun.current = next.running.runId;
          setAnnouncement(`${next.running.trigger}.`);
        }
        const sawItFinish =
          finishedId !== null && finishedId !== baselineFinishedId.current && (watchedRun.current !== null || requestedAt.current > 0);
        if (!next.running && sawItFinish && next.lastFinished) {
          baselineFinishedId.current = finishedId;
          watchedRun.current = null;
          requestedAt.current = 0;
          setResult(next.lastFinished);
          setAnnouncement(`Sync finished. ${next.lastFinished.summary}`);
          announceSyncFinished();
          router.refresh();
        }
        setView(next);
      }
      const fast = Boolean(next?.running) || Date.now() - requestedAt.current < REQUEST_WINDOW_MS;
      timer.current = setTimeout(poll, fast ? FAST_POLL_MS : IDLE_POLL_MS);
    }
    const onRequested = () => {
      requestedAt.current = Date.now();
      void poll();
    };
    window.addEventListener(SYNC_REQUESTED_EVENT, onRequested);
    const first = setTimeout(poll, 0);
    return () => {
      stopped = true;
      window.removeEventListener(SYNC_REQUESTED_EVENT, onRequested);
      clearTimeout(first);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [router]);

  const running = view?.running ?? null;
  return (
    <div className="mx-auto max-w-7xl px-4" data-testid="sync-progress">
      <p className="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>
      {running ? (
        <div
          className="mt-4 flex flex-wrap items-center gap-3 rounded-lg border border-brand-100 bg-brand-50 px-4 py-3 text-sm"
          data-testid="sync-running"
        >
          <span
            aria-hidden="true"
            className="h-3 w-3 animate-spin rounded-full border-2 border-brand-500 border-t-transparent motion-reduce:animate-none"
          />
          <span className="font-medium text-brand-700">{running.trigger}</span>
          <span className="text-slate-700" data-testid="sync-progress-text">
            {running.text}
          </span>
          {running.total ? (
            <progress
              className="h-2 w-40 overflow-hidden rounded [&::-webkit-progress-bar]:bg-brand-100 [&::-webkit-progress-value]:bg-brand-500"
              value={running.done ?? 0}
              max={running.total}
              aria-label="Sync progress"
            />
          ) : null}
          <span className="text-xs text-slate-500">It keeps going if you leave this page.</span>
        </div>
      ) : null}
      {result && !running ? (
        <div
          className={`mt-4 flex flex-wrap items-start justify-between gap-3 rounded-lg border px-4 py-3 text-sm ${result.status === 'failed' ? 'border-rose-200 bg-rose-50' : result.held + result.failed > 0 || result.problems.length ? 'border-amber-200 bg-amber-50' : 'border-emerald-200 bg-emerald-50'}`}
          data-testid="sync-result"
        >
          <div className="space-y-1">
            <p className="font-medium text-slate-900">{result.summary}</p>
            {result.status === 'failed' ? (
              <p className="text-slate-700">
                Check your stores are reachable and their keys are valid on{' '}
                <Link href="/stores" className={textLink}>
                  Stores
                </Link>
                , then press Sync Now again. Details are in{' '}
                <Link href="/activity" className={textLink}>
                  Activity
                </Link>
                .
              </p>
            ) : null}
            {result.problems.length ? (
              <ul className="list-inside list-disc text-slate-700">
                {result.problems.map((problem) => (
                  <li key={`${problem.orderId}-${problem.message}`}>
                    <Link href={`/orders/${problem.orderId}`} prefetch={false} className={textLink}>
                      Order #{problem.number}
                    </Link>
                    : {problem.message}
                  </li>
                ))}
              </ul>
            ) : result.held + result.failed > 0 ? (
              <Link href={result.held > 0 ? '/orders?sync=held' : '/orders?sync=failed'} className={textLink}>
                Show the {result.held > 0 ? 'held' : 'failed'} orders
              </Link>
            ) : null}
          </div>
          <button
            type="button"
            onClick={() => setResult(null)}
            className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-white/60 hover:text-slate-900"
          >
            Dismiss<span className="sr-only"> sync result</span>
          </button>
        </div>
      ) : null}
    </div>
  );
}
