import { workspaceRoute } from '@/lib/actions/workspace-route';
import { toSyncStatusView } from '@/lib/console/sync-status-view';
import { currentSyncStatus } from '@/lib/data/sync-runs';

export const dynamic = 'force-dynamic';

export const GET = workspaceRoute(
  async (_request, { db, workspace }) => {
    const view = toSyncStatusView(await currentSyncStatus(db, workspace.id));
    return Response.json(view, { headers: { 'Cache-Control': 'no-store' } });
  },
  { permission: 'activity.view' },
);
