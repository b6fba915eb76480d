import Link from 'next/link';
import type { ReactNode } from 'react';
import { Card } from '@/app/components/ui/card';

type Props = {
  children: ReactNode;
  /** `sm`, under the product's name, for signing in and the emailed links; `md` for the longer welcome and invitation texts. */
  width: 'sm' | 'md';
};

/** A page outside the console: one card in the middle of the screen. */
export function StandalonePage({ children, width }: Props) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      {width === 'md' ? (
        <Card raised className="w-full max-w-md space-y-4 p-6">
          {children}
        </Card>
      ) : (
        <div className="w-full max-w-sm">
          <Link href="/" className="mb-6 block text-center text-lg font-semibold text-brand-700">
            Orderbridge
          </Link>
          <Card raised className="p-6">
            {children}
          </Card>
        </div>
      )}
    </main>
  );
}
