import type { Metadata } from 'next';
import { Card } from '@/app/components/ui/card';
import { WorkspaceNameForm } from '@/app/components/workspace-name-form';
import { requireWorkspaceContext } from '@/lib/auth/workspace-context';
import { createWorkspaceAction } from '@/app/(app)/workspaces/actions';

export const metadata: Metadata = { title: 'New workspace' };

export default async function NewWorkspacePage() {
  await requireWorkspaceContext();
  return (
    <Card className="mx-auto max-w-lg space-y-4 p-6">
      <h1 className="text-xl font-semibold text-slate-900">Create a workspace</h1>
      <p className="text-sm text-slate-600">
        A workspace holds one main store and its substores, with its own members. Use one per brand or per client; you will be its owner.
      </p>
      <WorkspaceNameForm action={createWorkspaceAction} submitLabel="Create workspace" pendingLabel="Creating…" />
    </Card>
  );
}
