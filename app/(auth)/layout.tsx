import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { StandalonePage } from '@/app/components/standalone-page';
import { resolveWorkspaceContext } from '@/lib/auth/workspace-context';

/** A merchant whose session is still live has no use for sign-in or sign-up: on to the dashboard. */
export default async function AuthLayout({ children }: { children: ReactNode }) {
  if (await resolveWorkspaceContext()) redirect('/dashboard');
  return <StandalonePage width="sm">{children}</StandalonePage>;
}
