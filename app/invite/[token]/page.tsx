import type { Metadata } from 'next';
import Link from 'next/link';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { resendVerificationAction } from '@/app/(app)/account/actions';
import { StandalonePage } from '@/app/components/standalone-page';
import { VerifyEmailBanner } from '@/app/components/verify-email-banner';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '@/lib/auth/permissions';
import { REQUESTED_PATH_HEADER, signInPathFor } from '@/lib/auth/sign-in-redirect';
import { resolveSignedInUser } from '@/lib/auth/workspace-context';
import { lookUpInvitation } from '@/lib/teams';
import { AcceptInvitationForm } from './_components/accept-form';

export const metadata: Metadata = { title: 'Invitation', referrer: 'no-referrer' };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const signedIn = await resolveSignedInUser();
  if (!signedIn) redirect(signInPathFor((await headers()).get(REQUESTED_PATH_HEADER) ?? `/invite/${token}`));
  const lookup = await lookUpInvitation(signedIn.db, token);
  return (
    <StandalonePage width="md">
      {lookup.state === 'unknown' ? (
        <>
          <h1 className="text-xl font-semibold">This invitation link is no longer valid</h1>
          <p className="text-sm text-slate-600">
            It was used, revoked, or replaced by a newer invitation. Ask the person who invited you to send a new one.
          </p>
        </>
      ) : lookup.state === 'expired' ? (
        <>
          <h1 className="text-xl font-semibold">This invitation has expired</h1>
          <p className="text-sm text-slate-600">
            The invitation to {lookup.workspace.name} ended on {lookup.invitation.expiresAt.toUTCString()}. Ask an owner of the workspace to
            resend it.
          </p>
        </>
      ) : lookup.invitation.email.toLowerCase() !== signedIn.user.email.toLowerCase() ? (
        <>
          <h1 className="text-xl font-semibold">This invitation is for another address</h1>
          <p className="text-sm text-slate-600">
            It was sent to <strong>{lookup.invitation.email}</strong>, and you are signed in as <strong>{signedIn.user.email}</strong>. Sign
            out, then open the link again and sign in (or create an account) with {lookup.invitation.email}.
          </p>
        </>
      ) : !signedIn.user.emailVerifiedAt ? (
        <>
          <h1 className="text-xl font-semibold">Confirm your address to join {lookup.workspace.name}</h1>
          <p className="text-sm text-slate-600">
            Open the link we emailed to <strong>{signedIn.user.email}</strong>, then open this invitation again. An invitation only goes to
            a confirmed address, so a forwarded link is no key to the workspace.
          </p>
          <VerifyEmailBanner email={signedIn.user.email} action={resendVerificationAction} />
        </>
      ) : (
        <>
          <h1 className="text-xl font-semibold">Join {lookup.workspace.name}</h1>
          <p className="text-sm text-slate-600">
            You are invited as <strong>{ROLE_LABELS[lookup.invitation.role].toLowerCase()}</strong>:{' '}
            {ROLE_DESCRIPTIONS[lookup.invitation.role]}
          </p>
          <AcceptInvitationForm token={token} workspaceName={lookup.workspace.name} />
        </>
      )}
      <p className="text-sm">
        <Link href="/dashboard" className="font-medium text-brand-700 hover:underline">
          Go to your dashboard
        </Link>
      </p>
    </StandalonePage>
  );
}
