import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { verifyEmail } from '@/lib/accounts/email-verification';

export const metadata: Metadata = { title: 'Confirm your email address', referrer: 'no-referrer' };

/** Following the emailed link confirms the address; the page says which, or why the link no longer works. */
export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const result = await verifyEmail(await getDb(), token);
  if (!result.ok) {
    return (
      <div role="alert" className="space-y-3 text-sm text-slate-700">
        <h1 className="text-xl font-semibold text-slate-900">This link no longer works</h1>
        <p>
          A confirmation link works once, within 48 hours, and only for the address your account has now. Sign in and send a new one from
          the banner at the top.
        </p>
        <Link href="/dashboard" className="font-medium text-brand-600 hover:underline">
          Go to Orderbridge
        </Link>
      </div>
    );
  }
  return (
    <div role="status" className="space-y-3 text-sm text-slate-700">
      <h1 className="text-xl font-semibold text-slate-900">Email address confirmed</h1>
      <p>
        Thank you: <strong>{result.email}</strong> is confirmed.
      </p>
      <Link href="/dashboard" className="font-medium text-brand-600 hover:underline">
        Continue to Orderbridge
      </Link>
    </div>
  );
}
