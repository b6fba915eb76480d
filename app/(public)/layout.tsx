import Link from 'next/link';
import type { ReactNode } from 'react';

/** The pages emailed links open: the same frame as sign-in, whether or not a session is live in this browser. */
export default function EmailLinkLayout({ children }: { children: ReactNode }) {
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
