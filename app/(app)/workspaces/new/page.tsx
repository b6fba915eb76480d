import type { Metadata } from 'next';
import { card } from '@/app/components/console/styles';
import { requireWorkspaceContext } from '@/lib/auth/workspace-context';
import { NewWorkspaceForm } from '@/app/components/new-workspace-form';

export const metadata: Metadata = { title: 'New workspace' };

export default async function NewWorkspacePage() {
  await requireWorkspaceContext();
  return (
    <div className={`${card} mx-auto max-w-lg space-y-4 p-6`}>
      <h1 className="text-xl font-semibold text-slate-900">Create a workspace</h1>
      <p className="text-sm text-slate-600">
        A workspace holds one main store and its substores, with its own members. Use one per brand or per client; you will be its owner.
      </p>
      <NewWorkspaceForm />
    </div>
  );
}
