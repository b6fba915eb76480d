import Link from 'next/link';
import type { ReactNode } from 'react';
import { can, ROLE_LABELS, type Permission } from '@/lib/auth/permissions';
import { requireWorkspaceContext } from '@/lib/auth/workspace-context';
import { VerifyEmailBanner } from '@/app/components/verify-email-banner';
import { listMembershipsOfUser } from '@/lib/data/workspaces';
import { signOutAction, signOutEverywhereAction } from '@/app/(auth)/actions';
import { resendVerificationAction } from '@/app/(app)/account/actions';
import { AppNav, type NavLink } from './_components/app-nav';
import { SyncProgress } from './_components/sync-progress';
import { WorkspaceSwitcher } from './_components/workspace-switcher';

const LINKS: Array<NavLink & { permission: Permission }> = [
  { href: '/dashboard', label: 'Dashboard', permission: 'orders.view' },
  { href: '/orders', label: 'Orders', permission: 'orders.view' },
  { href: '/activity', label: 'Activity', permission: 'activity.view' },
  { href: '/stores', label: 'Stores', permission: 'stores.manage' },
  { href: '/members', label: 'Members', permission: 'members.view' },
];

export default async function AppLayout({ children }: { children: ReactNode }) {
  const { db, user, workspace, role } = await requireWorkspaceContext();
  const memberships = await listMembershipsOfUser(db, user.id);
  const links = LINKS.filter((link) => can(role, link.permission)).map(({ href, label }) => ({ href, label }));
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div className="flex flex-wrap items-center gap-4">
            <Link href="/dashboard" className="font-semibold text-brand-700">
              Orderbridge
            </Link>
            <span className="sr-only" data-testid="workspace-name">
              {workspace.name}
            </span>
            <WorkspaceSwitcher
              key={workspace.id}
              current={workspace.id}
              options={memberships.map((m) => ({ id: m.workspace.id, name: m.workspace.name, role: ROLE_LABELS[m.role].toLowerCase() }))}
            />
            <AppNav links={links} />
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
              <button
                type="submit"
                className="rounded-md px-2 py-1.5 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900"
                title="Ends your sessions in every browser and device, this one included"
              >
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
