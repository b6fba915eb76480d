import type { Metadata } from 'next';
import { AuthForm } from '@/app/components/auth-form';
import { signInAction } from '../actions';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      <AuthForm mode="sign-in" action={signInAction} callbackUrl={callbackUrl} />
    </>
  );
}
