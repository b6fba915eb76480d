import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { resolveWorkspaceContext } from '@/lib/auth/workspace-context';

/** A merchant whose session is still live has no use for sign-in or sign-up: on to the dashboard. */
export default async function AuthLayout({ children }: { children: ReactNode }) {
  if (await resolveWorkspaceContext()) redirect('/dashboard');
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <Link href="/" className="mb-6 block text-center text-lg font-semibold text-brand-700">
          Orderbridge
        </Link>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">{children}</div>
      </div>
    </main>
  );
}
