import Link from 'next/link';

export default function LandingPage() {
  return (
    <main className="mx-auto flex min-h-screen max-w-3xl flex-col justify-center gap-8 px-6 py-16">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-600">Orderbridge</p>
      <h1 className="text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">
        Every order, on every store that needs it. Exactly once.
      </h1>
      <p className="text-lg text-slate-600">
        Connect your main WooCommerce store and its substores. New main-store orders reach your substores, substore orders reach your main
        store and stay up to date — every five minutes, or the moment you press Sync Now. Every sync leaves a trail you can read.
      </p>
      <div className="flex flex-wrap gap-3">
        <Link href="/sign-up" className="rounded-md bg-brand-600 px-5 py-2.5 font-medium text-white hover:bg-brand-700">
          Create an account
        </Link>
        <Link
          href="/sign-in"
          className="rounded-md border border-slate-300 bg-white px-5 py-2.5 font-medium text-slate-800 hover:bg-slate-100"
        >
          Sign in
        </Link>
      </div>
    </main>
  );
}
