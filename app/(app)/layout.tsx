import Link from 'next/link';
import type { ReactNode } from 'react';
import { AppNav } from '@/app/components/app-nav';
import { SyncProgress } from '@/app/components/console/sync-progress';
import { requireWorkspaceContext } from '@/lib/auth/workspace-context';
import { VerifyEmailBanner } from '@/app/components/verify-email-banner';
import { signOutAction, signOutEverywhereAction } from '../(auth)/actions';
import { resendVerificationAction } from './account/actions';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const { user, workspace } = await requireWorkspaceContext();
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div className="flex flex-wrap items-center gap-4">
            <Link href="/dashboard" className="font-semibold text-brand-700">
              Orderbridge
            </Link>
            <span className="text-sm text-slate-500" data-testid="workspace-name">
              {workspace.name}
            </span>
            <AppNav />
          </div>
          <div className="flex items-center gap-3">
            <Link href="/account" className="text-sm text-slate-600 hover:text-slate-900 hover:underline" title="Your account">
              {user.email}
            </Link>
            <form action={signOutAction}>
              <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100">
                Sign out
              </button>
            </form>
            <form action={signOutEverywhereAction}>
              <button type="submit" className="rounded-md px-2 py-1.5 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900" title="Ends your sessions in every browser and device, this one included">
                Sign out everywhere
              </button>
            </form>
          </div>
        </div>
      </header>
      {user.emailVerifiedAt ? null : <VerifyEmailBanner email={user.email} action={resendVerificationAction} />}
      <SyncProgress />
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </div>
  );
}
