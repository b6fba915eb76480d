import type { SyncCounts, SyncTrigger } from '@/db/schema';
import type { SyncIssue } from './summary';
import type { SyncTuning } from './tuning';

export type StoreProgress = {
  storeId: string;
  name: string;
  role: 'main' | 'sub';
  phase: 'waiting' | 'pulling' | 'pushing' | 'done' | 'error';
  pulled: number;
  done: number;
  total: number;
  error?: string;
};
export type SyncProgress = {
  runId: string;
  phase: 'pulling' | 'pushing' | 'finishing';
  stores: StoreProgress[];
  done: number;
  total: number;
};

/** Named points where the chaos test can stop the engine dead, as a crash would. */
export type CrashPoint =
  | 'pull.fetched'
  | 'pull.committed'
  | 'create.claimed'
  | 'create.in-flight'
  | 'create.answered'
  | 'create.recorded'
  | 'update.sent'
  | 'note.sent'
  | 'refund.sent';

export type SyncOptions = {
  trigger: SyncTrigger;
  /** Run this id: one reserved beforehand (`reserveSyncRun`), whose lease and run row the engine takes over. */
  runId?: string;
  onProgress?: (progress: SyncProgress) => void;
  signal?: AbortSignal;
  tuning?: Partial<SyncTuning>;
  /** Test seam: return true to crash the engine at that point (no clean-up, lease left to expire). */
  crashAt?: (point: CrashPoint) => boolean;
};

export type SyncStatus = 'succeeded' | 'partial' | 'failed' | 'already_running';

export type SyncResult = {
  runId: string | null;
  status: SyncStatus;
  trigger: SyncTrigger;
  counts: SyncCounts;
  held: SyncIssue[];
  failed: SyncIssue[];
  warnings: string[];
  errors: string[];
  summary: string;
  /** Requests sent to stores by this run. */
  requests: number;
  startedAt: Date;
  finishedAt: Date;
};

export class SimulatedCrash extends Error {
  constructor(readonly point: CrashPoint) {
    super(`simulated crash at ${point}`);
    this.name = 'SimulatedCrash';
  }
}
