export { syncWorkspace, WorkspaceNotFoundError } from './sync-workspace';
export { syncWorkspaceSlice, runSlicesToEnd, newRunId, type SliceRequest, type SliceOutcome } from './run-slice';
export { LeaseLostError } from './lease';
export { syncOrder, OrderNotFoundError } from './sync-order';
export { previewWorkspace, type SyncPreview, type PreviewHold } from './preview';
export { DEFAULT_SYNC_TUNING, type SyncTuning } from './tuning';
export type { SyncOptions, SyncResult, SyncStatus, SyncProgress, StoreProgress, CrashPoint } from './types';
export type { SyncIssue } from './summary';
export { reserveSyncRun, abandonReservedRun, RESERVATION_TTL_MS, type Reservation } from './reserve-run';
