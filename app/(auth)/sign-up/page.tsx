import type { Metadata } from 'next';
import { AuthForm } from '@/app/components/auth-form';
import { signUpAction } from '@/app/(auth)/actions';

export const metadata: Metadata = { title: 'Create your account' };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Create your account</h1>
      <p className="mb-4 text-sm text-slate-600">You will connect your stores next.</p>
      <AuthForm mode="sign-up" action={signUpAction} callbackUrl={callbackUrl} />
    </>
  );
}
