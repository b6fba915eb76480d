import type { Metadata } from 'next';
import Link from 'next/link';
import { requireWorkspaceContext } from '@/lib/auth/workspace-context';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  const { workspace } = await requireWorkspaceContext();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Dashboard</h1>
      {workspace.onboardingStep ? (
        <section className="rounded-lg border border-brand-100 bg-brand-50 p-4">
          <h2 className="font-medium text-brand-700">Connect your stores to start syncing</h2>
          <p className="mt-1 text-sm text-slate-700">Add your main store and at least one substore; it takes a few minutes.</p>
          <Link href="/onboarding" className="mt-3 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            Continue setup
          </Link>
        </section>
      ) : null}
    </div>
  );
}
