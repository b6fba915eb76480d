import type { ReactNode } from 'react';
import type { Db } from '@/db/client';
import { consoleWaitingOnStores } from '@/lib/console/pending-counts';
import type { StoresWaitingView } from '@/lib/console/pending-notice';
import { logError } from '@/lib/log';

/**
 * Asks the stores what waits there and renders `children` with the answer. Meant inside a `<Suspense>`
 * whose fallback renders the same with 'checking': the page is sent at once and this part follows.
 */
export async function StoresWaiting({
  db,
  workspaceId,
  children,
}: {
  db: Db;
  workspaceId: string;
  children: (stores: StoresWaitingView | undefined) => ReactNode;
}) {
  let stores: StoresWaitingView | undefined;
  try {
    stores = await consoleWaitingOnStores(db, workspaceId);
  } catch (error) {
    logError('pending notice: counting what waits on the stores failed', error, { workspaceId });
  }
  return children(stores);
}
