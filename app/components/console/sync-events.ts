/** Tells the progress indicator, wherever it is on the page, to look for a run now. */
export const SYNC_REQUESTED_EVENT = 'orderbridge:sync-requested';

export function announceSyncRequested(): void {
  window.dispatchEvent(new Event(SYNC_REQUESTED_EVENT));
}

/** Sent by the progress indicator when a run it watched has finished and its result is shown. */
export const SYNC_FINISHED_EVENT = 'orderbridge:sync-finished';

export function announceSyncFinished(): void {
  window.dispatchEvent(new Event(SYNC_FINISHED_EVENT));
}
