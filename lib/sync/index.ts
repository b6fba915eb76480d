export { syncWorkspace, WorkspaceNotFoundError } from './sync-workspace';
export { syncOrder, OrderNotFoundError } from './sync-order';
export { previewWorkspace, type SyncPreview, type PreviewHold } from './preview';
export { pendingCounts, type PendingCounts } from './pending';
export { DEFAULT_SYNC_TUNING, type SyncTuning } from './tuning';
export type { SyncOptions, SyncResult, SyncStatus, SyncProgress, StoreProgress, CrashPoint } from './types';
export type { SyncIssue } from './summary';
export { syncWorkspaceSlice, runSlicesToEnd, type SliceRequest, type SliceOutcome } from './run-slice';
export { reserveSyncRun, abandonReservedRun, RESERVATION_TTL_MS, type Reservation } from './reserve-run';
