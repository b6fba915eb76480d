/**
 * Runs one sync run, slice after slice as `syncWorkspace` does (counting them), in a process of its own so its peak RSS is the engine's alone (the simulator
 * lives in the parent). Input: one JSON argument; output: one JSON line on stdout.
 */
import './env';
import { openDatabase } from '@/db/client';
import type { DatabaseTarget } from '@/db/connection-config';
import { queryCounter } from '@/db/query-counter';
import { DEFAULT_SYNC_TUNING, newRunId, syncWorkspaceSlice, type SyncResult, type SyncTuning } from '@/lib/sync';
import { sampleRss } from './stats';

export type SyncChildInput = { target: DatabaseTarget; workspaceId: string; tuning?: Partial<SyncTuning> };
export type SyncChildOutput = {
  status: string;
  requests: number;
  counts: unknown;
  errors: string[];
  wallMs: number;
  queries: number;
  peakRssMb: number;
  startRssMb: number;
  /** From the start until the first copy existed on a target (pushes overlap long pulls). */
  firstCopyMs: number | null;
  /** Slices the run took (each stops at a safe point once `sliceBudgetMs` is spent). */
  slices: number;
};

const input = JSON.parse(process.argv[2] ?? '{}') as SyncChildInput;
const handle = await openDatabase(input.target);
const startRssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
const rss = sampleRss(25);
queryCounter.reset();
const started = performance.now();
let firstCopyMs: number | null = null;
const runId = newRunId();
const budgetMs = input.tuning?.sliceBudgetMs ?? DEFAULT_SYNC_TUNING.sliceBudgetMs;
let slices = 0;
let result: SyncResult | null = null;
while (!result) {
  slices += 1;
  const outcome = await syncWorkspaceSlice(handle.db, input.workspaceId, {
    trigger: 'cli',
    runId,
    budgetMs,
    tuning: input.tuning,
    onProgress: (progress) => {
      if (firstCopyMs === null && progress.done > 0) firstCopyMs = Math.round(performance.now() - started);
    },
  });
  if (outcome.state === 'already_running') throw new Error('another sync holds the bench workspace');
  if (outcome.state === 'done') result = outcome.result;
}
const wallMs = performance.now() - started;
const queries = queryCounter.count;
const peakRssMb = rss.stop();
await handle.close();
const output: SyncChildOutput = {
  status: result.status,
  requests: result.requests,
  counts: result.counts,
  errors: result.errors.slice(0, 5),
  wallMs: Math.round(wallMs),
  queries,
  peakRssMb,
  startRssMb,
  firstCopyMs,
  slices,
};
process.stdout.write(`${JSON.stringify(output)}\n`);
process.exit(0);
