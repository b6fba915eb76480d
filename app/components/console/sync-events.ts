/** Tells the progress indicator, wherever it is on the page, to look for a run now. */
export const SYNC_REQUESTED_EVENT = 'orderbridge:sync-requested';

export function announceSyncRequested(): void {
  window.dispatchEvent(new Event(SYNC_REQUESTED_EVENT));
}
